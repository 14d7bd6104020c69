"""The VM: loads .mpy modules, holds builtins, the import system and the run-time limits."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mpy import MpyModule, read_mpy
from mpy.reader import OBJ_TAG_NAMES  # noqa: F401  (documented constant kinds)

from .execute import Executor
from .interp import Code, Frame
from .objects import Function, GuestModule
from .sandbox import Sandbox


class ModuleContext:
    """What every function of one .mpy file shares: qstr texts, constants, source name."""

    __slots__ = ("qstr_text", "objs", "source_file", "mpy")

    def __init__(self, module: MpyModule) -> None:
        self.mpy = module
        self.qstr_text = list(module.qstrs.texts)  # plain lists: no per-entry view objects
        self.objs = list(module.objs.values)
        self.source_file = module.source_file


PARSE_CACHE_SIZE = 16


class VM:
    def __init__(self, root: str | None = None, *, flavour: str = "micropython",
                 argv: list[str] | None = None, recursion_limit: int = 2000,
                 stdout=None, drive_size: int | None = None) -> None:
        from .streams import DEFAULT_DRIVE_SIZE, Drive

        if hasattr(sys, "set_int_max_str_digits"):
            sys.set_int_max_str_digits(0)  # MicroPython prints ints of any size (time is bounded)
        self.root = Path(root or os.getcwd()).resolve()
        self.drive = Drive(self.root, DEFAULT_DRIVE_SIZE if drive_size is None else drive_size)
        self.autoflush = False  # set by a supervised run: guest output reaches the fd at once
        self.flavour = flavour
        self.argv = argv or []
        self.stdout = stdout or sys.stdout
        self.executor = Executor(recursion_limit)
        from . import objects

        objects.HOST_CALLS[1] = max(1, recursion_limit // 4)
        self.execute = self.executor.run
        self.sandbox = Sandbox(self)
        from .importer import Importer
        from .builtins_ import make_builtins

        self.importer = Importer(self)
        self.builtins = make_builtins(self)
        self.flavour = flavour  # again, now that the builtins exist
        self.default_import = self.builtins["__import__"]  # a guest may install its own
        self.codes: list[Code] = []  # every root code loaded, for profiling
        self.translating = os.environ.get("JITVM_NO_TRANSLATE") is None  # whole-function translation
        # tier 1 (jitvm.jit): opt-in (--tier 1 or JITVM_TIER=1) until it pays for itself on whole
        # programs (no on-stack replacement yet; a failed attempt can cost the LLVM start-up)
        self.tier = int(os.environ.get("JITVM_TIER", "0") or 0)
        self.jit_threshold = int(os.environ.get("JITVM_JIT_THRESHOLD", "100") or 100)
        self.jit_log = None  # a callable taking one line per compile attempt (--jit-log)
        self.viper_bits = 64  # viper's machine word: 64 as the unix port (--viper-bits)

    # ---- loading and running -------------------------------------------------------------
    @property
    def flavour(self) -> str:
        return self._flavour

    @flavour.setter
    def flavour(self, flavour: str) -> None:
        """The guest's firmware; CircuitPython's builtins add a few exception classes."""
        self._flavour = flavour
        from .modules import _hw

        _hw.set_flavor(flavour)  # the modules' texts and shapes follow the VM made last
        _hw.set_drive_opener(lambda path, mode: self.importer.open_file(path, mode))
        _hw.set_console_access(lambda: self.stdout, lambda out: setattr(self, "stdout", out))
        imp = self.__dict__.get("importer")
        if imp is not None:
            imp.set_flavour(flavour)
        b = self.__dict__.get("builtins")
        if b is not None:
            from .gexc import CIRCUITPYTHON_EXC

            for name, cls in CIRCUITPYTHON_EXC.items():
                if flavour == "circuitpython":
                    b[name] = cls
                elif b.get(name) is cls:
                    del b[name]

    def load_mpy(self, data: bytes, filename: str) -> Code:
        from .viper import TABLES

        return self.load_module(self._parsed(bytes(data), filename), filename,
                                TABLES.get(data) if TABLES else None)

    def _parsed(self, data: bytes, filename: str):
        """read_mpy, remembered for the last few files: a module imported again and again
        (sys.modules cleared, perf_bench's core_import_mpy_*) is parsed once. The parse is
        read-only to the VM; each load still makes its own Code objects and module."""
        cache = self.__dict__.setdefault("_parse_cache", {})
        key = (data, filename)
        module = cache.get(key)
        if module is None:
            module = read_mpy(data, filename)
            if len(cache) >= PARSE_CACHE_SIZE:
                del cache[next(iter(cache))]
            cache[key] = module
        return module

    def warn(self, text: str) -> None:
        """MicroPython's mp_warning: a line on the console, as on a board, where the error
        printer and print() share the one serial stream (and as MicroPython's test runner
        reads the unix port's two streams as one); jitvm prints tracebacks there too."""
        self.stdout.write(f"Warning: {text}\n")

    @property
    def raise_now(self):
        """Tier 1's raise helper bound to this VM (jitvm.jit.lower_objects.raise_now)."""
        r = self.__dict__.get("_raise_now")
        if r is None:
            import functools

            from .jit.lower_objects import raise_now

            r = self.__dict__["_raise_now"] = functools.partial(raise_now, vm=self)
        return r

    def viper_memory(self):
        """The address space of the buffers viper code points into (jitvm.viper.Memory)."""
        from .viper import MEMORY

        return MEMORY

    def load_module(self, module: MpyModule, filename: str, viper_table: dict | None = None) -> Code:
        """A parsed .mpy's module code, ready to run; ``viper_table`` is the side table of its
        @micropython.viper/native functions (jitvm.viper), whose compile errors raise here."""
        if module.root.kind != 0 or module.root.prelude is None:
            from mpy import MpyFormatError

            raise MpyFormatError("module code is not bytecode", 0, filename)
        code = Code(self, ModuleContext(module), module.root)
        if viper_table is not None:
            from .vipertrans import prepare

            prepare(code, viper_table)
        self.codes.append(code)
        if self.tier >= 1:
            from .limits import outside_budget

            with outside_budget():  # tier 1's own memory is the host's, not the guest's heap
                from .jit import preload
                from .jit.subset import may_compile

                if may_compile(module.root):
                    preload()  # LLVM's start-up now, not in the middle of the first hot loop
        return code

    def run_module_code(self, code: Code, module: GuestModule) -> None:
        func = Function(code, module.__dict__)
        f = Frame(code, func, module.__dict__)
        self.execute(f)

    def new_module(self, name: str, file: str | None = None) -> GuestModule:
        m = GuestModule(name)
        if file is not None:
            m.__dict__["__file__"] = file
        return m

    def all_codes(self):
        """Every decoded Code object reachable from loaded modules (for the profiler)."""
        seen = []
        stack = list(self.codes)
        while stack:
            c = stack.pop()
            seen.append(c)
            stack.extend(ch for ch in c.children if ch is not None)
        return seen

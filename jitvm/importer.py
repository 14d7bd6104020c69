"""The guest import system and file access, rooted at the VM's folder (the CIRCUITPY drive).

Search order, as on a board: built-in modules, then the VM root, then ``lib/`` under it,
then jitvm's frozen library (``jitvm/lib``, e.g. asyncio). ``.mpy`` wins over ``.py`` in
the same folder. ``.py`` files are compiled with mpy-cross (cached).
"""

from __future__ import annotations

import importlib
import os
import tempfile
from pathlib import Path

from .compiler import CompileError, compile_cached
from .gexc import GUEST_EXC
from .objects import GuestModule

FROZEN = Path(__file__).parent / "lib"
_ImportError = GUEST_EXC["ImportError"]
_OSError = GUEST_EXC["OSError"]

# guest module name -> jitvm.modules.<file> (host-implemented modules)
HOST_MODULES = {
    "array", "binascii", "cmath", "collections", "errno", "hashlib", "heapq", "json", "math",
    "random", "re", "struct", "time", "board", "digitalio", "analogio", "busio", "pwmio",
    "microcontroller", "neopixel_write", "keypad", "machine", "deflate", "usb_hid", "supervisor",
}
# MicroPython's extensible built-in modules also answer to their old "u" names (`import utime`)
U_ALIASES = {"u" + n: n for n in ("array", "binascii", "collections", "errno", "hashlib", "heapq",
                                  "io", "json", "os", "random", "re", "select", "struct", "sys",
                                  "time", "asyncio")}
VM_MODULES = {"sys", "gc", "micropython", "builtins", "io", "os", "select", "__future__",
              "traceback", "rainbowio"}


class Importer:
    def __init__(self, vm) -> None:
        self.vm = vm
        self.modules: dict[str, object] = {}
        self.path: list[str] = ["", ".frozen", "/lib"]  # frozen before lib, as on boards
        self.cwd = "/"

    # ---- paths ---------------------------------------------------------------------------
    def host_path(self, guest_path: str) -> Path:
        """Map a guest path to a host path inside the VM root; refuse anything outside."""
        if not isinstance(guest_path, str):
            guest_path = os.fsdecode(guest_path)
        p = guest_path if guest_path.startswith("/") else self.cwd.rstrip("/") + "/" + guest_path
        parts: list[str] = []
        for part in p.split("/"):
            if part in ("", "."):
                continue
            if part == "..":
                if parts:
                    parts.pop()
                continue
            parts.append(part)
        root = self.vm.root
        host = root.joinpath(*parts) if parts else root
        resolved = host.resolve()
        if resolved != root and root not in resolved.parents:
            raise _OSError(2)  # ENOENT: a link leading out of the drive
        return host

    def open_file(self, path, mode="r", *args, **kwargs):
        if isinstance(path, int):
            raise _OSError(9)
        host = self.host_path(path)
        try:
            return open(host, mode, *args, **kwargs)
        except FileNotFoundError:
            raise _OSError(2) from None
        except IsADirectoryError:
            raise _OSError(21) from None
        except PermissionError:
            raise _OSError(13) from None

    # ---- importing -----------------------------------------------------------------------
    def import_name(self, name: str, fromlist, level, globals_: dict):
        if level:
            name = self._resolve_relative(name, level, globals_)
        parts = name.split(".")
        mod = None
        for i in range(len(parts)):
            full = ".".join(parts[: i + 1])
            mod = self._import_one(full, mod)
        top = self.modules[parts[0]]
        if fromlist is None or fromlist == ():
            return top
        return mod

    def _resolve_relative(self, name: str, level: int, globals_: dict) -> str:
        pkg = globals_.get("__package__")
        if pkg is None:
            modname = globals_.get("__name__", "")
            pkg = modname if "__path__" in globals_ else modname.rpartition(".")[0]
        if not pkg:
            raise _ImportError("can't perform relative import")
        bits = pkg.split(".")
        if level - 1 > len(bits) - 1:
            raise _ImportError("can't perform relative import")
        base = ".".join(bits[: len(bits) - (level - 1)])
        return f"{base}.{name}" if name else base

    def _import_one(self, full: str, parent):
        if full in self.modules:
            return self.modules[full]
        if parent is None and full in U_ALIASES:
            try:
                return self._import_u(full)
            except ImportError:
                raise _ImportError(f"no module named '{full}'") from None
        if parent is None:
            mod = self._builtin(full)
            if mod is not None:
                self.modules[full] = mod
                return mod
            dirs = self._search_dirs()
        else:
            path = parent.__dict__.get("__path__")
            if path is None:
                raise _ImportError(f"no module named '{full}'")
            dirs = [Path(path)]
        leaf = full.rpartition(".")[2]
        for d in dirs:
            found = self._find(d, leaf)
            if found is not None:
                return self._load(full, *found, parent=parent)
        raise _ImportError(f"no module named '{full}'")

    def _import_u(self, full: str):
        """`import utime`: a guest module of that name wins, else the built-in without the u."""
        for d in self._search_dirs():
            found = self._find(d, full)
            if found is not None:
                return self._load(full, *found)
        mod = self._import_one(U_ALIASES[full], None)
        self.modules[full] = mod
        return mod

    def _search_dirs(self) -> list[Path]:
        out = []
        for entry in self.path:
            if entry == ".frozen":
                out.append(FROZEN)
            elif isinstance(entry, str):
                try:
                    out.append(self.host_path(entry or self.cwd))
                except OSError:
                    continue
        return out

    @staticmethod
    def _find(d: Path, leaf: str):
        pkg = d / leaf
        if pkg.is_dir():
            for init in ("__init__.mpy", "__init__.py"):
                if (pkg / init).is_file():
                    return pkg / init, pkg
            return None, pkg  # a namespace package
        for ext in (".mpy", ".py"):
            f = d / (leaf + ext)
            if f.is_file():
                return f, None
        return None

    def _load(self, full: str, file: Path | None, pkg_dir: Path | None, parent=None):
        vm = self.vm
        mod = GuestModule(full)
        d = mod.__dict__
        if pkg_dir is not None:
            d["__path__"] = str(pkg_dir)
        if file is not None:
            d["__file__"] = self._guest_name(file)
        self.modules[full] = mod
        try:
            if file is not None:
                code = vm.load_mpy(self._mpy_bytes(file), d["__file__"])
                vm.run_module_code(code, mod)
        except BaseException:
            self.modules.pop(full, None)
            raise
        if parent is not None:
            parent.__dict__[full.rpartition(".")[2]] = mod
        return mod

    def _guest_name(self, file: Path) -> str:
        try:
            rel = file.resolve().relative_to(self.vm.root)
            return str(rel)
        except ValueError:
            try:
                return ".frozen/" + str(file.resolve().relative_to(FROZEN.resolve()))
            except ValueError:
                return file.name

    def _mpy_bytes(self, file: Path) -> bytes:
        if file.suffix == ".mpy":
            return file.read_bytes()
        try:
            return compile_cached(str(file), source_name=self._guest_name(file))
        except CompileError as e:
            raise GUEST_EXC["SyntaxError"](str(e).strip().splitlines()[-1]) from None

    def _builtin(self, name: str):
        if name in VM_MODULES:
            from . import vmmods

            return vmmods.make(self.vm, name)
        if name in HOST_MODULES:
            try:
                host = importlib.import_module(f"jitvm.modules.{name}")
            except ImportError:
                return None
            return wrap_host_module(name, host)
        return None

    def import_from(self, module, name: str):
        d = getattr(module, "__dict__", None)
        if isinstance(module, GuestModule):
            if name in d:
                return d[name]
            if "__path__" in d:
                try:
                    return self.import_name(d["__name__"] + "." + name, ("*",), 0, {})
                except ImportError:
                    pass
            raise _ImportError(f"can't import name {name}")
        try:
            return self.vm.sandbox.getattr(module, name)
        except AttributeError:
            raise _ImportError(f"can't import name {name}") from None

    def import_star(self, module, target: dict) -> None:
        for k, v in module.__dict__.items():
            if not k.startswith("_"):
                target[k] = v

    # ---- exec / eval ---------------------------------------------------------------------
    def check_syntax(self, source: str, mode: str) -> None:
        """Compile with mpy-cross now so that compile() reports a SyntaxError at once."""
        text = "__jitvm_eval_result__ = (\n" + source.strip() + "\n)\n" if mode == "eval" else source
        with tempfile.TemporaryDirectory() as tmp:
            p = Path(tmp) / "compile.py"
            p.write_text(text)
            try:
                compile_cached(str(p), source_name="<string>")
            except CompileError as e:
                raise GUEST_EXC["SyntaxError"](str(e).strip().splitlines()[-1]) from None

    def exec_source(self, source, globals_=None, locals_=None, mode="exec"):
        vm = self.vm
        if isinstance(source, (bytes, bytearray)):
            source = bytes(source).decode()
        if not isinstance(source, str):
            raise GUEST_EXC["TypeError"]("exec/eval expects a string")
        if globals_ is None:
            cur = vm.executor.current_frame()
            globals_ = cur.globals if cur is not None else {}
        if mode == "eval":
            text = "__jitvm_eval_result__ = (\n" + source.strip() + "\n)\n"
        else:
            text = source
        with tempfile.TemporaryDirectory() as tmp:
            p = Path(tmp) / "exec.py"
            p.write_text(text)
            try:
                data = compile_cached(str(p), source_name="<string>")
            except CompileError as e:
                raise GUEST_EXC["SyntaxError"](str(e).strip().splitlines()[-1]) from None
        code = vm.load_mpy(data, "<string>")
        mod = GuestModule.__new__(GuestModule)
        object.__setattr__(mod, "__dict__", globals_)
        if locals_ is not None and locals_ is not globals_:
            from .interp import Frame
            from .objects import Function

            f = Frame(code, Function(code, globals_), globals_, locals_)
            vm.execute(f)
            ns = locals_
        else:
            vm.run_module_code(code, mod)
            ns = globals_
        if mode == "eval":
            return ns.pop("__jitvm_eval_result__")
        return None


def wrap_host_module(name: str, host) -> GuestModule:
    names = getattr(host, "__all__", None)
    if names is None:
        names = [n for n in dir(host) if not n.startswith("_")]
    ns = {n: getattr(host, n) for n in names if hasattr(host, n)}
    return GuestModule(name, ns)

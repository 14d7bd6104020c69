"""The guest import system and file access, rooted at the VM's folder (the CIRCUITPY drive).

Search order, as on a board: built-in modules, then the VM root, then ``lib/`` under it,
then jitvm's frozen library (``jitvm/lib``, e.g. asyncio). ``.mpy`` wins over ``.py`` in
the same folder. ``.py`` files are compiled with mpy-cross (cached).
"""

from __future__ import annotations

import importlib
from pathlib import Path

from .compiler import CompileError, compile_cached, compile_source
from mpy.errors import MpyFormatError

from .gexc import GUEST_EXC
from .objects import BuiltinModule, Function, GuestModule

FROZEN = Path(__file__).parent / "lib"
_ImportError = GUEST_EXC["ImportError"]
_OSError = GUEST_EXC["OSError"]

# guest module name -> jitvm.modules.<file> (host-implemented modules)
HOST_MODULES = {
    "array", "binascii", "cmath", "collections", "errno", "hashlib", "heapq", "json", "math",
    "random", "re", "struct", "time", "board", "digitalio", "analogio", "busio", "pwmio",
    "microcontroller", "neopixel_write", "keypad", "machine", "usb_hid", "supervisor",
    "string", "framebuf", "_thread", "esp", "esp32", "platform",
    "network", "socket", "ssl", "tls", "wifi", "socketpool", "ipaddress",
    "displayio", "busdisplay", "fourwire", "i2cdisplaybus", "fontio", "terminalio", "bitmaptools",
    "vectorio", "paralleldisplaybus", "epaperdisplay", "uctypes",
    "cryptolib", "deflate", "aesio", "zlib", "warnings", "onewireio",
}
# built-in packages' submodules: guest name -> jitvm.modules.<file>
HOST_SUBMODULES = {"string.templatelib": "templatelib"}
# MicroPython's extensible built-in modules also answer to their old "u" names (`import utime`)
U_ALIASES = {"u" + n: n for n in ("array", "binascii", "collections", "errno", "hashlib", "heapq",
                                  "io", "json", "os", "random", "re", "select", "struct", "sys",
                                  "time", "asyncio", "socket", "ssl", "cryptolib")}
# MicroPython's extensible built-ins (MP_REGISTER_EXTENSIBLE_MODULE): a file of the same name on
# sys.path comes first (it reaches the built-in as `u<name>`); sys and micropython are not
EXTENSIBLE = frozenset(U_ALIASES.values()) - {"sys", "asyncio"}
VM_MODULES = {"sys", "gc", "micropython", "builtins", "io", "os", "select", "__future__",
              "traceback", "rainbowio", "weakref", "storage", "vfs"}
# built-in modules of one firmware only: under the other, a module of that name on the path wins
FLAVOUR_MODULES = {
    "circuitpython": {"board", "digitalio", "analogio", "busio", "pwmio", "microcontroller",
                      "neopixel_write", "keypad", "usb_hid", "supervisor", "rainbowio",
                      "wifi", "socketpool", "ipaddress",
                      "displayio", "busdisplay", "fourwire", "i2cdisplaybus", "fontio",
                      "terminalio", "bitmaptools", "vectorio", "paralleldisplaybus",
                      "epaperdisplay", "storage", "aesio", "zlib", "warnings", "onewireio"},
    "micropython": {"machine", "framebuf", "network", "socket", "tls", "_thread", "esp", "esp32",
                    "platform", "vfs", "uctypes", "cryptolib", "deflate"},
}


def inside(base: Path, host: Path) -> Path:
    """``host`` with its links resolved, if that stays inside ``base``; else guest ENOENT."""
    try:
        resolved = host.resolve()
    except (OSError, RuntimeError, ValueError):
        raise _OSError(2) from None
    if resolved != base and base not in resolved.parents:
        raise _OSError(2)  # a link leading out of the drive
    return resolved


class Importer:
    def __init__(self, vm) -> None:
        self.vm = vm
        self.modules: dict[str, object] = {}
        self.path: list[str] = ["", ".frozen", "/lib"]  # frozen before lib, as on boards
        self.sys_ns: dict | None = None  # the sys module's names, once made: `sys.path = x`
        self.host_paths: list[Path] = []  # folders added by --path, seen as .path/<k>

    # ---- paths ---------------------------------------------------------------------------
    @property
    def mounts(self):
        """The VM's mount table (jitvm.mounts): the drive at "/" to start with."""
        t = self.__dict__.get("_mounts")
        if t is None:
            from .mounts import make_table

            t = self._mounts = make_table(self.vm)
        return t

    def host_path(self, guest_path) -> Path:
        """The host path of a guest path on a drive filesystem, links resolved, inside it;
        anything else (another filesystem, outside the drive) does not exist for the guest."""
        from .mounts import ROOT
        from .vfs import VfsPosix

        m, out = self.mounts.lookup(guest_path)
        if m is ROOT:
            m, out = self.mounts.root_mount(), "/"
        if m is None or not isinstance(m.obj, VfsPosix):
            raise _OSError(2)
        return m.obj._host(out)

    def open_file(self, path, mode="r", buffering=-1, encoding=None):
        if isinstance(path, int) and not isinstance(path, bool):
            if path not in (0, 1, 2):
                raise _OSError(9)  # EBADF: the guest has no other descriptors
            std = self._import_one("sys", None).__dict__[("stdin", "stdout", "stderr")[path]]
            return std.buffer if isinstance(mode, str) and "b" in mode else std
        if not isinstance(path, (str, bytes)):
            raise GUEST_EXC["TypeError"]("expected str, bytes or os.PathLike object")
        return self.mounts.open(path, mode, buffering, encoding)

    # ---- importing -----------------------------------------------------------------------
    def import_name(self, name: str, fromlist, level, globals_: dict):
        if level:
            name = self._resolve_relative(name, level, globals_)
        parts = name.split(".")
        mod = top = None
        for i in range(len(parts)):
            full = ".".join(parts[: i + 1])
            mod = self._import_one(full, mod)
            if i == 0:
                top = mod
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
        if parent is None and self.sys_ns is not None and not self.sys_ns.get("path"):
            # an empty sys.path forces the built-in, even over a loaded module of that name
            mod = self._forced_builtin(full)
            if mod is not None:
                return mod
        if full in self.modules:
            return self.modules[full]
        leaf = full.rpartition(".")[2]
        if not leaf or any(c in leaf for c in "/\\\0") or len(full) > 1024:
            raise _ImportError(f"no module named '{full}'")
        if full == "usys":  # not extensible: an alias of sys whatever the path holds
            mod = self.modules[full] = self._import_one("sys", None)
            return mod
        if parent is None and full in U_ALIASES:
            try:
                return self._import_u(full)
            except ImportError:
                raise _ImportError(f"no module named '{full}'") from None
        if parent is None:
            # the other firmware's built-in, or an extensible one: the path first
            foreign = self._foreign(full) or full in EXTENSIBLE
            mod = None if foreign else self._builtin(full)
            if mod is not None:
                self.modules[full] = mod
                return mod
            dirs = self._search_dirs()
            if foreign:
                for where in dirs:
                    found = self._find(where, leaf)
                    if found is not None:
                        return self._load(full, found, parent=parent)
                if self.vm.flavour == "circuitpython" and self._foreign(full):
                    # CircuitPython has no machine/platform/...: libraries' feature tests
                    # (`try: import platform`) must fail (MicroPython runs keep board & co.)
                    raise _ImportError(f"no module named '{full}'")
                mod = self._builtin(full)
                self.modules[full] = mod
                return mod
        elif full in HOST_SUBMODULES and isinstance(parent, BuiltinModule):
            mod = self.modules[full] = self._builtin(full)
            return mod
        else:
            path = parent.__dict__.get("__path__")
            if not isinstance(path, str):
                raise _ImportError(f"no module named '{full}'")
            dirs = self._dirs_of(path)
        for where in dirs:
            found = self._find(where, leaf)
            if found is not None:
                return self._load(full, found, parent=parent)
        raise _ImportError(f"no module named '{full}'")

    def _forced_builtin(self, name: str):
        cache = self.__dict__.setdefault("_builtins_seen", {})
        if name not in cache:
            cache[name] = self._builtin(name)
        return cache[name]

    def _foreign(self, name: str) -> bool:
        other = "micropython" if self.vm.flavour == "circuitpython" else "circuitpython"
        return name in FLAVOUR_MODULES[other]

    def set_flavour(self, flavour: str) -> None:
        """CircuitPython freezes no modules on most boards: a drive's lib/ comes before
        jitvm's frozen ones (asyncio); MicroPython's boards have frozen ones first."""
        p = self.path
        if ".frozen" in p and "/lib" in p:
            p.remove(".frozen")
            k = p.index("/lib")
            p.insert(k + 1 if flavour == "circuitpython" else k, ".frozen")
        t = self.__dict__.get("_mounts")
        if t is not None and len(t.mounts) == 1 and t.cur is t.mounts[0]:
            del self._mounts  # the drive's filesystem is the new firmware's (VfsFat/VfsPosix)

    def _import_u(self, full: str):
        """`import utime`: a guest module of that name wins, else the built-in without the u."""
        for where in self._search_dirs():
            found = self._find(where, full)
            if found is not None:
                return self._load(full, found)
        base = U_ALIASES[full]
        mod = self._builtin(base)  # the built-in itself, even where a file extends its name
        if mod is None:
            mod = self._import_one(base, None)
        self.modules[full] = mod
        return mod

    def _dirs_of(self, entry: str) -> list[tuple]:
        """Where a guest path entry leads: (host folder, the tree it must stay inside, the
        guest's prefix for names found there), or a :class:`VfsDir` on a filesystem the guest
        mounted. ``.frozen/...`` is jitvm's frozen library, ``.path/<k>`` a --path folder,
        anything else a path through the mount table. Names found are ``entry/name``, as
        MicroPython builds them (``x.py`` for the entry "", ``/lib/x.py`` for "/lib")."""
        prefix = entry.rstrip("/") + "/" if entry else ""
        try:
            if entry == ".frozen" or entry.startswith(".frozen/"):
                base = FROZEN.resolve()
                return [(inside(base, base.joinpath(*entry.split("/")[1:])), base, prefix)]
            if entry.startswith(".path/"):  # a library folder the host added (--path)
                k, _, rest = entry[6:].partition("/")
                base = self.host_paths[int(k)]
                return [(inside(base, base.joinpath(*[p for p in rest.split("/") if p])), base,
                         prefix)]
            found = self.mounts.drive_dir(entry)
            if found is not None:
                return [(*found, prefix)]
            m, _ = self.mounts.lookup(entry)
            return [VfsDir(entry)] if m is not None else []
        except (OSError, ValueError, TypeError, IndexError):
            return []

    def add_host_path(self, folder) -> str:
        """Put a host folder of modules on the path, read-only, as ``.path/<k>`` (``jitvm run
        --path``: a test suite's helper library, as MICROPYPATH for the unix port)."""
        base = Path(folder).resolve()
        self.host_paths.append(base)
        entry = f".path/{len(self.host_paths) - 1}"
        self.path.append(entry)
        return entry

    def _search_dirs(self):
        """Where each sys.path entry leads, in order; an entry is looked up only when the
        ones before it did not have the module (a lookup may call a guest filesystem)."""
        path = self.sys_ns.get("path", ()) if self.sys_ns is not None else self.path
        if not isinstance(path, (list, tuple)):
            path = ()
        for entry in list(path):
            if isinstance(entry, str):
                yield from self._dirs_of(entry)

    def _find(self, where, leaf: str):
        """(file, package folder) for ``leaf`` where a path entry leads, each a
        :class:`Located` (the file None for a namespace package), or None."""
        if isinstance(where, VfsDir):
            return where.find(self.mounts, leaf, self._module_over_namespace())
        d, base, prefix = where

        def ok(p: Path) -> Path | None:  # links must stay inside base
            try:
                return inside(base, p)
            except OSError:
                return None

        pkg = ok(d / leaf)
        namespace = None
        if pkg is not None and pkg.is_dir():
            for init in ("__init__.py", "__init__.mpy"):  # both firmwares try .py first
                f = ok(pkg / init)
                if f is not None and f.is_file():
                    return Located(f, f"{prefix}{leaf}/{init}"), Located(pkg, prefix + leaf)
            namespace = (None, Located(pkg, prefix + leaf))
            if not self._module_over_namespace():
                return namespace  # MicroPython: the folder wins
        for ext in (".py", ".mpy"):
            f = ok(d / (leaf + ext))
            if f is not None and f.is_file():
                return Located(f, prefix + leaf + ext), None
        return namespace

    def _module_over_namespace(self) -> bool:
        """CircuitPython follows PEP 420 (a package, then a module, then a namespace package:
        its issue 10614); MicroPython takes a folder without __init__ first."""
        return self.vm.flavour == "circuitpython"

    def _load(self, full: str, found: tuple, parent=None):
        vm = self.vm
        file, pkg_dir = found
        mod = GuestModule(full)
        d = mod.__dict__
        if pkg_dir is not None:
            d["__path__"] = pkg_dir.guest
        if file is not None:
            d["__file__"] = file.guest
        self.modules[full] = mod
        try:
            if file is not None:
                try:
                    code = vm.load_mpy(self._mpy_bytes(file), file.guest)
                except MpyFormatError as e:  # MicroPython checks the header: one text for all
                    text = "incompatible .mpy file"
                    if e.offset is not None and e.offset >= 4:  # past the header: say what
                        text += f" ({e.one_line()})"
                    raise GUEST_EXC["ValueError"](text) from None
                vm.run_module_code(code, mod)
        except BaseException:
            self.modules.pop(full, None)
            raise
        if parent is not None:
            parent.__dict__[full.rpartition(".")[2]] = mod
        return mod

    def _mpy_bytes(self, file) -> bytes:
        """The .mpy to run for a module file: read as it is, or compiled from its source."""
        guest_name = file.guest
        if isinstance(file, Located):
            host = file.host
            if host.suffix == ".mpy":
                data = host.read_bytes()
                from .viper import source_at_hand

                src = source_at_hand(data, host, self.vm.root)
                if src is None:
                    return data
                host = src  # machine code for MicroPython's runtime: its source is here
                guest_name = guest_name[:-4] + ".py"
            compile_ = lambda: compile_cached(str(host), source_name=guest_name)  # noqa: E731
        else:  # on a guest filesystem: read through it, as the firmware reads it
            data = self.mounts.read_file(guest_name)
            if guest_name.endswith(".mpy"):
                return data
            compile_ = lambda: compile_source(  # noqa: E731
                data.decode("utf-8", "surrogateescape"), guest_name)
        try:
            return compile_()
        except CompileError as e:
            err = e.guest_error()
            line = e.line()  # mpy-cross names the host path: the guest name is shown instead
            if line is not None:
                err._jitvm_where = (guest_name, line)  # the traceback's last line names the file
            raise err from None

    def _builtin(self, name: str):
        if name in VM_MODULES:
            from . import vmmods

            return vmmods.make(self.vm, name)
        if name in HOST_SUBMODULES:
            host = importlib.import_module(f"jitvm.modules.{HOST_SUBMODULES[name]}")
            return wrap_host_module(name, host)
        if name in HOST_MODULES:
            if name in ("esp", "esp32"):
                from .modules import _hw

                if not _hw.board_mcu().startswith("esp"):
                    return None  # only ESP32 layouts have them, as only those boards do
            host = importlib.import_module(f"jitvm.modules.{name}")  # a fixed, shipped set
            if name in ("board", "microcontroller"):
                from .modules import _hw

                _hw.get_board()  # this run's board is current (its pins), not an earlier one
            if name == "esp32":  # NVS keeps its files under the run's root folder
                from .modules import _hw

                _hw.singletons()["drive_root"] = Path(self.vm.root)
            mod = wrap_host_module(name, host)
            for sub in getattr(host, "SUBMODULES", ()):  # a package's submodules, as guest modules
                mod.__dict__[sub] = self._import_one(f"{name}.{sub}", mod)
            return mod
        return None

    def import_from(self, module, name: str):
        d = getattr(module, "__dict__", None)
        if isinstance(module, GuestModule):  # MicroPython's mp_import_from
            if name in d:
                return d[name]
            if type(d.get("__getattr__")) is Function:  # the module's own __getattr__
                return d["__getattr__"](name)
            if "__path__" in d:  # a package: its submodule (whose own errors propagate)
                return self.import_name(d["__name__"] + "." + name, ("*",), 0, {})
            raise _ImportError(f"can't import name {name}")
        try:
            return self.vm.sandbox.getattr(module, name)
        except AttributeError:
            raise _ImportError(f"can't import name {name}") from None

    def import_star(self, module, target: dict) -> None:
        """MicroPython's mp_import_all: the names ``__all__`` lists (looked up as attributes),
        else every public name of the object's dict; an object without one raises
        AttributeError."""
        from .sandbox import is_guest

        d = getattr(module, "__dict__", None) if isinstance(module, GuestModule) or is_guest(
            module) else None  # only the guest's own objects show their dict
        if d is not None and not isinstance(d, dict):
            d = dict(d)  # a class's mappingproxy
        if not isinstance(d, dict):
            raise GUEST_EXC["AttributeError"](
                f"'{type(module).__name__}' object has no attribute '__dict__'")
        names = d.get("__all__")
        hook = d.get("__getattr__")
        if names is None and type(hook) is Function:  # the module's __getattr__ is asked
            try:
                names = hook("__all__")
            except AttributeError:
                names = None
        if names is not None:
            get = self.vm.sandbox.getattr
            for k in names:
                target[k] = get(module, k)
            return
        for k, v in list(d.items()):
            if not k.startswith("_"):
                target[k] = v

    # ---- exec / eval ---------------------------------------------------------------------
    def check_syntax(self, source: str, mode: str) -> None:
        """Compile with mpy-cross now so that compile() reports a SyntaxError at once."""
        text = "__jitvm_eval_result__ = (\n" + source.strip() + "\n)\n" if mode == "eval" else source
        if mode != "exec" and _only_parses_wrapped(source, mode):
            raise GUEST_EXC["SyntaxError"]("invalid syntax")
        _compile_guest_text(text, getattr(self.vm, "opt_level", 0))

    def exec_file(self, path, globals_=None, locals_=None):
        """execfile(path): the file read through the mount table as the firmware's reader
        reads it (open "rb", readinto), compiled under its own name."""
        if not isinstance(path, str):
            raise GUEST_EXC["TypeError"](f"can't convert {type(path).__name__} to str")
        data = self.mounts.read_file(path)
        return self.exec_source(data, globals_, locals_, name=path)

    def exec_source(self, source, globals_=None, locals_=None, mode="exec", name="<string>"):
        vm = self.vm
        if isinstance(source, (bytes, bytearray, memoryview)):  # any buffer, as MicroPython
            source = bytes(source).decode()
        if not isinstance(source, str):
            raise GUEST_EXC["TypeError"]("exec/eval expects a string")
        if globals_ is None:
            cur = vm.executor.current_frame()
            globals_ = cur.globals if cur is not None else {}
            if locals_ is None:
                locals_ = vm.executor.current_locals()  # MicroPython's mp_locals_get()
        if mode == "eval":
            if _only_parses_wrapped(source, mode):
                raise GUEST_EXC["SyntaxError"]("invalid syntax")
            text = "__jitvm_eval_result__ = (\n" + source.strip() + "\n)\n"
        else:
            text = source
        code = vm.load_mpy(_compile_guest_text(text, getattr(vm, "opt_level", 0), name), name)
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


def _only_parses_wrapped(source: str, mode: str) -> bool:
    """True when ``source`` is no expression (eval) or no single statement (single) of its own
    but becomes valid the way jitvm wraps it (``x := 1``, an empty string, a lone backslash):
    such input is a SyntaxError on MicroPython. Anything CPython's parser cannot judge (syntax
    it lacks, such as t-strings) is left to mpy-cross."""
    import ast
    import warnings

    if mode == "single" and source.rstrip("\n").endswith("\\"):
        return True  # a line continuation ends the input: MicroPython's REPL grammar refuses it
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the host parser's SyntaxWarnings are not the guest's
        try:
            ast.parse(source, mode=mode)
            return False
        except SyntaxError:
            pass
        except Exception:  # noqa: BLE001 - too deep or too large for the host's parser
            return False
        try:
            if mode == "eval":
                ast.parse("(\n" + source.strip() + "\n)", mode="eval")
            else:
                ast.parse(source, mode="exec")
            return True
        except Exception:  # noqa: BLE001
            return False


def _compile_guest_text(text: str, opt: int = 0, name: str = "<string>") -> bytes:
    """exec/eval/compile source through mpy-cross (no cache) at ``micropython.opt_level()``;
    errors as the guest's SyntaxError."""
    from .compiler import compile_source
    from .viper import compile_with_emitters

    data = text.encode("utf-8", "surrogatepass")
    try:
        return compile_with_emitters(
            data, lambda b: compile_source(b.decode("utf-8", "surrogatepass"), name,
                                           opt=opt or None))[0]
    except CompileError as e:
        err = e.guest_error()
        line = e.line()
        if line is not None and name != "<string>":
            err._jitvm_where = (name, line)
        raise err from None


def wrap_host_module(name: str, host) -> GuestModule:
    names = getattr(host, "__all__", None)
    if names is None:
        names = [n for n in dir(host) if not n.startswith("_")]
    ns = {n: getattr(host, n) for n in names if hasattr(host, n)}
    return BuiltinModule(name, ns)


class VfsPath:
    """A file or folder on a filesystem the guest mounted, by its guest path."""

    __slots__ = ("guest",)

    def __init__(self, guest: str) -> None:
        self.guest = guest


class Located(VfsPath):
    """A file or folder on the drive (or frozen, or a --path folder): its host path, and
    its name for the guest (``__file__``, ``__path__``, tracebacks)."""

    __slots__ = ("host",)

    def __init__(self, host: Path, guest: str) -> None:
        self.host = host
        self.guest = guest


class VfsDir(VfsPath):
    """A sys.path entry on a guest-mounted filesystem: found by its stat(), as
    MicroPython's stat_dir_or_file (the folder, then .py, then .mpy)."""

    __slots__ = ()

    def find(self, mounts, leaf: str, module_first: bool = False):
        path = f"{self.guest}/{leaf}" if self.guest else leaf
        namespace = None
        if mounts.import_stat(path) == "dir":
            for init in ("/__init__.py", "/__init__.mpy"):
                if mounts.import_stat(path + init) == "file":
                    return VfsPath(path + init), VfsPath(path)
            namespace = (None, VfsPath(path))
            if not module_first:
                return namespace
        for ext in (".py", ".mpy"):
            if mounts.import_stat(path + ext) == "file":
                return VfsPath(path + ext), None
        return namespace

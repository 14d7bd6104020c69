"""Guest modules that need the VM itself: sys, gc, micropython, builtins, io, os."""

from __future__ import annotations

import errno

import io as host_io
import os as host_os
import sys as host_sys

from .gexc import GUEST_EXC
from .ringio import RingIO
from .objects import BuiltinModule, GuestModule


class _Namespace(tuple):
    """MicroPython's attrtuple (sys.implementation, os.uname()): a tuple whose items are also
    named attributes (names starting with "_" are attributes only)."""

    def __new__(cls, _tag: str, **kw):
        obj = tuple.__new__(cls, tuple(v for k, v in kw.items() if not k.startswith("_")))
        obj.__dict__.update(kw)
        return obj

    def __init__(self, _tag: str, **kw) -> None:
        pass

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items() if not k.startswith("_"))
        return f"({inner})"


_Namespace.__name__ = _Namespace.__qualname__ = "tuple"  # MicroPython's attrtuple prints so
_Namespace.__module__ = "builtins"


def make(vm, name: str) -> GuestModule:
    return {"sys": _sys, "gc": _gc, "micropython": _micropython, "builtins": _builtins,
            "io": _io, "os": _os, "select": _select, "__future__": _future,
            "traceback": _traceback, "rainbowio": _rainbowio, "weakref": _weakref,
            "storage": _storage, "vfs": _vfs}[name](vm)


def _weakref(vm) -> GuestModule:
    """weakref (MicroPython): its callbacks' errors print on this VM's console."""
    from .importer import wrap_host_module
    from .modules import weakref

    weakref.CONSOLE[0] = vm.stdout
    return wrap_host_module("weakref", weakref)


def _storage(vm) -> GuestModule:
    from .vmstorage import make_storage

    return make_storage(vm)


def _future(vm) -> GuestModule:
    names = ("annotations", "division", "absolute_import", "print_function", "generator_stop")
    return BuiltinModule("__future__", {n: True for n in names})


def _traceback(vm) -> GuestModule:
    """CircuitPython's traceback module (shared-bindings/traceback)."""
    from .execute import GuestTraceback, format_traceback_limited

    _UNSET = object()

    def _text(printing, exc, value=_UNSET, tb=_UNSET, limit=None, file=None, chain=True):
        if (value is _UNSET) != (tb is _UNSET):
            raise GUEST_EXC["ValueError"]("Supply both or neither of value and tb")
        if value is _UNSET:
            value = exc
        if file is not None and not printing:
            raise GUEST_EXC["TypeError"]("unexpected keyword argument 'file'")
        if not isinstance(value, BaseException):
            raise GUEST_EXC["TypeError"]("invalid exception")
        n = 0 if limit is None else int(limit)
        if tb is _UNSET:
            entries = tuple(getattr(value, "_jitvm_tb", ()))
        elif tb is not None and (limit is None or n != 0):
            if not isinstance(tb, GuestTraceback):
                raise GUEST_EXC["TypeError"]("tb must be of type traceback")
            entries = tb.entries
        else:
            entries = ()
        return format_traceback_limited(value, entries, n)

    def format_exception(exc, value=_UNSET, tb=_UNSET, limit=None, chain=True, **kw):
        return [_text(False, exc, value, tb, limit, kw.pop("file", None), chain)]

    def print_exception(exc, value=_UNSET, tb=_UNSET, limit=None, file=None, chain=True):
        out = vm.stdout if file is None else file
        out.write(_text(True, exc, value, tb, limit, file, chain))

    return BuiltinModule("traceback", {"format_exception": format_exception,
                                     "print_exception": print_exception})


def _rainbowio(vm) -> GuestModule:
    def colorwheel(pos):
        """CircuitPython's rainbowio.colorwheel: 0..255 around the wheel -> 0xRRGGBB."""
        pos = float(pos)
        if pos > 255:
            pos = pos - int(pos / 256) * 256
        if pos < 85:
            return int(255 - pos * 3) << 16 | int(pos * 3) << 8
        if pos < 170:
            pos -= 85
            return int(255 - pos * 3) << 8 | int(pos * 3)
        pos -= 170
        return int(pos * 3) << 16 | int(255 - pos * 3)

    return BuiltinModule("rainbowio", {"colorwheel": colorwheel})


# a microcontroller family -> sys.platform under (MicroPython, CircuitPython), as those ports
# report it; no microcontroller (the generic simulated board): the unix port's "linux"
_PLATFORMS = {"rp2": ("rp2", "RP2040"), "esp32": ("esp32", "Espressif"),
              "samd": ("samd", "MicroChip"), "nrf": ("nrf", "nRF52840"),
              "stm32": ("pyboard", "STM32F4"), "mimxrt": ("mimxrt", "MIMXRT10XX")}


MICROPYTHON_VERSION = (1, 29, 0)  # what sys.implementation.version says for each flavour
CIRCUITPYTHON_VERSION = (10, 0, 3)


def machine_text(vm) -> str:
    """The banner's "<board> with <mcu>": the --layout's board, else the generic sim board
    (sys.implementation._machine)."""
    layout = getattr(vm, "layout_name", None)
    if layout:
        try:
            import tomllib

            from hal.layout import resolve_layout_path

            with open(resolve_layout_path(layout), "rb") as f:
                data = tomllib.load(f)
            name, mcu = str(data.get("name", layout)), str(data.get("mcu", ""))
            if mcu and mcu != "sim":
                return f"{name} with {mcu if vm.flavour == 'circuitpython' else mcu.upper()}"
        except Exception:  # noqa: BLE001 - a bad layout gets its own error when the board opens
            pass
    return "jitvm with sim board"


def platform(vm) -> str:
    mcu = getattr(vm, "board_mcu", "") or ""
    for prefix, names in _PLATFORMS.items():
        if mcu.startswith(prefix):
            if prefix == "rp2" and "2350" in mcu:
                names = ("rp2", "RP2350")
            return names[vm.flavour == "circuitpython"]
    return "linux"


def _sys(vm) -> GuestModule:
    from .execute import format_traceback

    cp = vm.flavour == "circuitpython"
    # _mpy: .mpy version 6.3 and no native architecture (bits 10+ zero): jitvm runs bytecode
    # and viper/native *source*, never a .mpy's machine code (tests and mip read it so)
    impl = _Namespace("implementation", name="circuitpython" if cp else "micropython",
                      version=(*CIRCUITPYTHON_VERSION, "") if cp else (*MICROPYTHON_VERSION, ""),
                      _mpy=6 | (3 << 8), _machine="jitvm with sim board", _build="jitvm")

    def exit(*code):
        raise GUEST_EXC["SystemExit"](*code)

    def print_exception(exc, file=None):
        out = vm.stdout if file is None else file
        write = getattr(out, "write", None)
        if write is None or isinstance(out, (int, float, str, bytes)):
            raise GUEST_EXC["OSError"](22)  # MicroPython: not a stream
        write(format_traceback(exc))

    def exc_info():
        for f in vm.executor.guest_frames():
            for blk in reversed(f.exc):
                if blk.prev_exc is not None:
                    e = blk.prev_exc
                    return (type(e), e, None)
        return (None, None, None)

    from .streams import std_streams

    stdin, stdout, stderr = std_streams(getattr(vm, "stdin", None) or host_sys.stdin, vm.stdout,
                                        host_sys.stderr, vm.autoflush)
    def atexit(func):
        """Register the function to call when the program ends; returns the previous one."""
        if func is not None and not callable(func):
            raise GUEST_EXC["TypeError"]("object not callable")
        old, vm.exit_func = getattr(vm, "exit_func", None), func
        return old

    ns = {
        "argv": list(vm.argv), "byteorder": "little", "exit": exit, "atexit": atexit,
        "implementation": impl, "maxsize": 2 ** 63 - 1, "modules": vm.importer.modules,
        "path": vm.importer.path, "platform": platform(vm), "print_exception": print_exception,
        "stdin": stdin, "stdout": stdout, "stderr": stderr,
        "version": "3.4.0; MicroPython v1.29.0 (jitvm)", "version_info": (3, 4, 0),
        "exc_info": exc_info,
    }
    vm.importer.sys_ns = ns  # the import path is whatever sys.path holds now
    return BuiltinModule("sys", ns)


def _gc(vm) -> GuestModule:
    import gc as host_gc

    state = {"enabled": True}

    def collect():
        host_gc.collect()
        return None

    heap = 8 * 1024 * 1024

    def mem_alloc():  # an estimate from the host allocator's live blocks
        return host_sys.getallocatedblocks() * 16

    def mem_free():
        return max(1024, heap - mem_alloc() % heap)

    def threshold(*amount):
        """gc.threshold([bytes]): the allocation amount that triggers a collection, in whole
        32-byte blocks (-1: none); set returns None."""
        if not amount:
            return state["threshold"]
        n = int(amount[0])
        state["threshold"] = -1 if n < 0 else n // 32 * 32
        return None

    state["threshold"] = -1
    ns = {"collect": collect, "enable": lambda: state.update(enabled=True),
          "disable": lambda: state.update(enabled=False), "isenabled": lambda: state["enabled"],
          "mem_free": mem_free, "mem_alloc": mem_alloc, "threshold": threshold}
    return BuiltinModule("gc", ns)


def _micropython(vm) -> GuestModule:
    def const(x):
        return x

    def passthrough(f=None, *a, **k):
        return f

    vm.opt_level = 0

    def opt_level(*a):
        """The optimisation level exec/eval/compile compile at (mpy-cross -O): 1 and up
        drop asserts and make __debug__ False, 3 drops line numbers."""
        if a:
            vm.opt_level = max(0, min(3, int(a[0])))
            return None
        return vm.opt_level

    def mem_info(verbose=None):
        """MicroPython's report (py/modmicropython.c): the memory statistics, the stack and
        the heap's figures; verbose adds the heap's layout (here: one line per 1 MiB used)."""
        heap, used = 8 * 1024 * 1024, min(mem_current(), 8 * 1024 * 1024)
        w = vm.stdout.write
        w(f"mem: total={mem_total()}, current={mem_current()}, peak={mem_peak()}\n")
        w(f"stack: {host_sys.getrecursionlimit() // 100} out of 80000\n")
        w(f"GC: total: {heap}, used: {used}, free: {heap - used}\n")
        w(f" No. of 1-blocks: {used // 32}, 2-blocks: {used // 64}, max blk sz: 64, "
          f"max free sz: {(heap - used) // 16}\n")
        if verbose is not None:
            w(f"GC memory layout; from {id(vm) & 0xFFFFFFFF:x}:\n")
            w("".join("\n" for _ in range(used >> 20)))

    def qstr_info(verbose=None):
        """The interned names of the loaded modules (their .mpy files' own qstrs)."""
        from mpy.qstrs import STATIC_QSTRS

        firmware = set(STATIC_QSTRS) | set(vm.builtins)  # names the firmware's own pool holds
        for name, m in vm.importer.modules.items():
            if isinstance(m, BuiltinModule):
                firmware.add(name)
                firmware.update(m.__dict__)
        names = list(dict.fromkeys(q for c in vm.codes for q in c.ctx.qstr_text
                                   if q not in firmware))
        size = sum(len(q.encode("utf-8", "surrogatepass")) for q in names)
        vm.stdout.write(f"qstr pool: n_pool=1, n_qstr={len(names)}, n_str_data_bytes={size}, "
                        f"n_total_bytes={size + 16 * len(names)}\n")
        if verbose is not None:
            vm.stdout.write("".join(f"Q({q})\n" for q in names))

    def heap_lock():
        return 0

    def heap_unlock():
        return 0

    def kbd_intr(chr_):
        from .interrupt import set_char

        set_char(chr_)  # 3: Ctrl-C raises KeyboardInterrupt; -1: SIGINT's default action

    def report(exc):  # mp_call_function_1_protected: print the traceback, carry on
        from .execute import format_traceback
        from .gexc import guestify

        vm.stdout.write(format_traceback(guestify(exc)))

    schedule = Scheduler(kbd_intr, report).schedule
    stats = {"total": 0, "last": 0, "peak": 0}

    def mem_current():
        """Bytes the guest's objects hold now: the host allocator's live blocks (16 bytes
        each, as the gc module's mem_alloc estimates)."""
        cur = host_sys.getallocatedblocks() * 16
        stats["total"] += max(0, cur - stats["last"])  # growth since the last look
        stats["last"] = cur
        stats["peak"] = max(stats["peak"], cur)
        return cur

    def mem_total():
        """Bytes allocated so far (MICROPY_MEM_STATS): every growth of mem_current counted."""
        mem_current()
        return stats["total"]

    def mem_peak():
        mem_current()
        return stats["peak"]

    ns = {"__name__": "micropython", "const": const, "opt_level": opt_level,
          "mem_total": mem_total, "mem_current": mem_current, "mem_peak": mem_peak,
          "mem_info": mem_info, "qstr_info": qstr_info, "stack_use": lambda: 0,
          "alloc_emergency_exception_buf": lambda n: None, "heap_lock": heap_lock,
          "heap_unlock": heap_unlock, "kbd_intr": kbd_intr, "RingIO": RingIO,
          "schedule": schedule,
          # the emitter decorators, for code that applies them at run time
          "native": passthrough, "viper": passthrough, "bytecode": passthrough,
          "asm_thumb": passthrough}
    return BuiltinModule("micropython", ns)


_MODULES_DIR = host_os.path.join(host_os.path.dirname(__file__), "modules", "")
# code that runs guest instructions: translated functions and the interpreter's op handlers
_GUEST_CALLERS = frozenset(["<jitvm fn>"] + [host_os.path.join(host_os.path.dirname(__file__), f)
                                             for f in ("ops.py", "ops_flow.py", "execute.py",
                                                       "interp.py")])


class Scheduler:
    """micropython.schedule: callbacks queued (at most 4, MICROPY_SCHEDULER_DEPTH), one run at
    each of the guest's checks (instruction boundaries), never inside one another.

    Only while a callback waits, the guest thread is traced (every frame's line events and new
    frames, which tier-1 code reaches through its polls): the check costs nothing otherwise."""

    DEPTH = 4

    def __init__(self, kbd_intr, report) -> None:
        from collections import deque

        self.queue = deque()
        self.running = False
        self.kbd_intr = kbd_intr  # schedule(kbd_intr, None) raises KeyboardInterrupt, once
        self.interrupt = False
        self.report = report  # a callback's uncaught exception: printed, not raised
        self.last: dict[int, int] = {}  # frame -> the instruction of its last line event
        from . import interrupt

        # the loop headers and back edges of every tier take a callback too (jitvm.interrupt)
        interrupt.set_scheduler(self._has_work, self._run_at_safe_point)

    def _has_work(self) -> bool:
        return not self.running and bool(self.queue or self.interrupt)

    def _run_at_safe_point(self) -> None:
        if self._has_work():
            self.run_pending()

    def schedule(self, fn, arg) -> None:
        if fn is self.kbd_intr and arg is None:
            self.interrupt = True
        elif len(self.queue) >= self.DEPTH:
            raise GUEST_EXC["RuntimeError"]("schedule queue full")
        else:
            self.queue.append((fn, arg))
        from . import interrupt

        interrupt.work_scheduled()
        self._arm(host_sys._getframe(1))

    def _arm(self, frame) -> None:
        threads = _guest_threads()
        if threads is not None:  # _thread's tracer owns this host thread: it calls ours
            threads.pending_hook = self._trace
            return
        host_sys.settrace(self._trace)
        while frame is not None:
            frame.f_trace = self._trace
            frame = frame.f_back

    def _trace(self, frame, event, arg):
        """Where MicroPython checks pending work: a guest function's entry and its backward
        jumps, and the firmware's blocking calls (time.sleep polls events)."""
        if not self.running and (self.queue or self.interrupt):
            file = frame.f_code.co_filename
            if file == "<jitvm fn>":
                if event == "call":
                    self.run_pending()
                elif event == "line":
                    k, at = id(frame), frame.f_lasti
                    before = self.last.get(k, at)
                    self.last[k] = at
                    if at < before:  # a backward jump
                        self.run_pending()
            elif (event == "call" and file.startswith(_MODULES_DIR) and frame.f_back is not None
                  and frame.f_back.f_code.co_filename in _GUEST_CALLERS):
                self.run_pending()  # a firmware function the guest called (not its helpers)
        return self._trace if self.queue or self.interrupt else None

    def run_pending(self) -> None:
        if self.interrupt:
            self.interrupt = False
            if not self.queue:
                self._disarm()
            raise GUEST_EXC["KeyboardInterrupt"]()
        self.running = True
        try:
            # One callback per check, as MicroPython's mp_sched_run_pending: one that schedules
            # itself again runs at the next check, not in a loop here.
            if self.queue:
                fn, arg = self.queue.popleft()
                try:
                    fn(arg)
                except Exception as e:  # noqa: BLE001 - the guest's; VMAbort is BaseException
                    self.report(e)
        finally:
            self.running = False
            if not self.queue and not self.interrupt:
                self._disarm()

    def _disarm(self) -> None:
        self.last.clear()
        threads = _guest_threads()
        if threads is not None:
            if threads.pending_hook == self._trace:
                threads.pending_hook = None
        elif host_sys.gettrace() == self._trace:
            host_sys.settrace(None)


def _guest_threads():
    """The _thread scheduler tracing this host thread, if guest threads exist (see
    jitvm.greenthreads): one trace function per thread, so it runs ours as a hook."""
    mod = host_sys.modules.get("jitvm.greenthreads")
    return mod.tracing_scheduler() if mod is not None else None


def _builtins(vm) -> GuestModule:
    return GuestModule("builtins", vm.builtins)  # shared: `builtins.abs = f` overrides abs


class IOBase:
    """Base for guest stream classes (MicroPython's io.IOBase): the firmware reads and
    writes such an object through its ``readinto``/``write`` methods (py/stream.c), checking
    each count it returns."""

    __guest_subclassable__ = True

    def _jitvm_stream_write(self, text) -> None:
        """print(..., file=self): each piece through write(), until all of it is written."""
        data = bytearray(text.encode() if isinstance(text, str) else text)
        while data:
            n = self.write(data)
            if n is None or n == 0:
                return
            if not isinstance(n, int) or n < 0 or n > len(data):
                raise GUEST_EXC["OSError"](5)  # EIO: more written than asked
            data = data[n:]

    def _jitvm_stream_read(self, n: int = -1) -> bytes:
        """Reading the stream through readinto() (json.load, ...): a byte at a time to the
        end, as MicroPython's json reads a stream."""
        out = bytearray()
        while n < 0 or len(out) < n:
            buf = bytearray(1 if n < 0 else min(256, n - len(out)))
            k = self.readinto(buf)
            if k is None or k == 0:
                break
            if not isinstance(k, int) or k < 0 or k > len(buf):
                raise GUEST_EXC["OSError"](5)  # EIO: more read than there was room for
            out += buf[:k]
        return bytes(out)


def _stream_write(self, buf, *args):
    """MicroPython's stream write: ``write(buf)``, ``write(buf, max_len)`` or
    ``write(buf, offset, max_len)`` (py/stream.c)."""
    if args:
        if len(args) > 2:
            raise GUEST_EXC["TypeError"]("function expected at most 4 arguments, got "
                                         f"{len(args) + 2}")
        data = buf.encode() if isinstance(buf, str) else bytes(memoryview(buf))
        off = 0
        if len(args) == 2:
            off = min(int(args[0]), len(data))
        n = int(args[-1])
        data = data[off:off + max(0, n)]
        buf = data.decode() if isinstance(self, host_io.StringIO) else data
    base = host_io.StringIO if isinstance(self, host_io.StringIO) else host_io.BytesIO
    return base.write(self, buf)


def _stream_seek(self, pos, whence=0):
    """A stream's seek: MicroPython's streams raise OSError(EINVAL) where CPython's io says
    ValueError (a negative position)."""
    base = host_io.StringIO if isinstance(self, host_io.StringIO) else host_io.BytesIO
    try:
        return base.seek(self, pos, whence)
    except ValueError:
        raise GUEST_EXC["OSError"](22) from None


def _stream_repr(self) -> str:
    return f"<io.{type(self).__name__} object at 0x{id(self):x}>"


def _sized(base):
    def __init__(self, initial=None, *args):
        """An int is MicroPython's preallocation hint: the stream starts empty."""
        if isinstance(initial, int) and not isinstance(initial, bool):
            initial = None
        base.__init__(self, initial, *args)
    return __init__


class BytesIO(host_io.BytesIO):
    __init__ = _sized(host_io.BytesIO)
    write = _stream_write
    seek = _stream_seek
    __repr__ = _stream_repr


class StringIO(host_io.StringIO):
    __init__ = _sized(host_io.StringIO)
    write = _stream_write
    seek = _stream_seek
    __repr__ = _stream_repr


for _c in (BytesIO, StringIO):
    _c.__module__ = "builtins"  # printed as MicroPython's <class 'BytesIO'>; host values


class BufferedWriter:
    """``io.BufferedWriter(stream, size)`` (MicroPython's modio.c): writes collect in a
    buffer of ``size`` bytes; each time it fills, the whole buffer goes to the stream, and
    flush() sends what is left. A stream that takes nothing (its write returns None: a
    non-blocking stream) is OSError(EAGAIN), the bytes kept for the next flush."""

    __slots__ = ("_stream", "_size", "_buf", "__weakref__")

    def __init__(self, stream, size) -> None:
        if isinstance(size, bool) or not isinstance(size, int):
            raise GUEST_EXC["TypeError"](f"can't convert {type(size).__name__} to int")
        if size <= 0:
            raise GUEST_EXC["ValueError"]("size must be positive")
        self._stream, self._size, self._buf = stream, size, bytearray()

    def write(self, data) -> int:
        if isinstance(data, str):
            data = data.encode()
        data = memoryview(bytes(data))
        total = len(data)
        while len(data) >= self._size - len(self._buf):
            room = self._size - len(self._buf)
            self._send(self._buf + data[:room])  # on an error the buffer stays as it was
            self._buf = bytearray()
            data = data[room:]
        self._buf += data
        return total

    def flush(self) -> None:
        if self._buf:
            self._send(self._buf)
            self._buf = bytearray()

    def _send(self, chunk: bytearray) -> None:
        """Write all of ``chunk`` to the stream (as mp_stream_write_exactly), else OSError."""
        done = 0
        while done < len(chunk):
            k = self._stream.write(bytearray(chunk[done:]))
            if k is None:
                raise GUEST_EXC["OSError"](errno.EAGAIN)
            if isinstance(k, bool) or not isinstance(k, int) or k < 0 or k > len(chunk) - done:
                raise GUEST_EXC["OSError"](errno.EIO)
            if k == 0:
                break  # the stream takes no more: what is left is dropped, as MicroPython
            done += k


def _io(vm) -> GuestModule:
    ns = {"StringIO": StringIO, "BytesIO": BytesIO, "IOBase": IOBase,
          "BufferedWriter": BufferedWriter, "open": vm.builtins["open"]}
    return BuiltinModule("io", ns)


def _mounts(vm, name: str):
    """A function of the os/vfs modules: that operation of the VM's mount table (jitvm.mounts),
    looked up at each call (a flavour set later makes the table anew)."""
    def call(*args, **kwargs):
        return getattr(vm.importer.mounts, name)(*args, **kwargs)
    call.__name__ = call.__qualname__ = name
    return call


def _os(vm) -> GuestModule:
    def getenv(key, default=None):
        if not isinstance(key, str):
            raise GUEST_EXC["TypeError"](f"can't convert {type(key).__name__} to str")
        if vm.flavour != "circuitpython":
            return default  # the unix port reads the host's environment: not the guest's
        from .settings_toml import getenv as settings_getenv

        return settings_getenv(vm.root, key, default)

    def uname():
        return _Namespace("uname", sysname="linux", nodename="jitvm", release="1.29.0",
                          version="MicroPython v1.29.0 (jitvm)", machine="jitvm sim board")

    ns = {name: _mounts(vm, name) for name in ("listdir", "ilistdir", "stat", "statvfs", "mkdir",
                                          "rmdir", "remove", "rename", "getcwd", "chdir")}
    ns["unlink"] = ns["remove"]
    ns.update({"uname": uname, "urandom": host_os.urandom, "sep": "/", "sync": lambda: None,
               "getenv": getenv})
    # MicroPython keeps them in os too (vfs is their new home); CircuitPython's unix port has
    # them in os (its boards in storage)
    ns.update(mount=_mounts(vm, "mount"), umount=_mounts(vm, "umount"))
    return BuiltinModule("os", ns)


def _vfs(vm) -> GuestModule:
    """MicroPython's vfs module: mount, umount and the drive's filesystem type."""
    from .vfs import VfsPosix

    return BuiltinModule("vfs", {"mount": _mounts(vm, "mount"), "umount": _mounts(vm, "umount"),
                                 "VfsPosix": VfsPosix})


class _Poll:
    """select.poll() for guests with no real streams: waiting is sleeping on the board clock."""

    def __init__(self) -> None:
        self._objs: dict = {}

    def register(self, obj, mask=1 | 4) -> None:
        self._objs[id(obj)] = (obj, mask)

    def modify(self, obj, mask) -> None:
        self._objs[id(obj)] = (obj, mask)

    def unregister(self, obj) -> None:
        self._objs.pop(id(obj), None)

    def poll(self, timeout=-1):
        from .modules import time as guest_time

        if any(_is_custom(o) for o, _ in self._objs.values()):
            return self._poll_custom(timeout)
        if any(_net_conn(o) is not None for o, _ in self._objs.values()):
            return _poll_sockets(self._objs.values(), timeout)
        ready = [(o, r) for o, m in self._objs.values() if (r := _ready(o, m))]
        if ready or timeout == 0:
            return ready
        if any(m & 1 and hasattr(type(o), "_jitvm_poll") and getattr(o, "_fd", None) == 0
               for o, m in self._objs.values()):
            return self._wait_input(timeout)
        if timeout is None or timeout < 0:
            if not self._objs:
                return []
            timeout = 1000
        guest_time.sleep_ms(timeout)
        return []

    def ipoll(self, timeout=-1, flags=0):
        return iter(self.poll(timeout))

    def _poll_custom(self, timeout):
        """With a pollable of the program's (an io.IOBase answering ioctl(MP_STREAM_POLL)):
        every object asked again each millisecond of board time (sockets waited on for that
        millisecond), as MicroPython's poll loop does for objects without a descriptor."""
        from . import interrupt
        from .modules import _net
        from .modules import time as guest_time

        waited = 0
        while True:
            entries = list(self._objs.values())
            ready = [(o, ev) for o, m in entries if (ev := _socket_events(o, m))]
            if ready or timeout == 0 or (timeout is not None and 0 <= timeout <= waited):
                return ready
            conns = [c for o, m in entries if m & 1 and (c := _net_conn(o)) is not None]
            if conns:
                _net.wait_any(conns, 1)
            else:
                guest_time.sleep_ms(1)
            waited += 1
            interrupt.check()

    def _wait_input(self, timeout):
        """Wait for sys.stdin in host time (the bytes come from outside the board: a serial
        tool's replies), Ctrl-C honoured, up to ``timeout`` ms (None or < 0: no limit)."""
        import time as host_time

        from . import interrupt

        deadline = None if timeout is None or timeout < 0 else host_time.monotonic() + timeout / 1000
        while True:
            host_time.sleep(0.002)
            interrupt.check()
            ready = [(o, r) for o, m in self._objs.values() if (r := _ready(o, m))]
            if ready or (deadline is not None and host_time.monotonic() >= deadline):
                return ready


def _ready(obj, mask: int) -> int:
    """What a registered object is ready for: its own answer (RingIO, the std streams, a
    program's io.IOBase through its ioctl), else writable."""
    if _is_custom(obj):
        return _custom_events(obj, mask)
    hook = getattr(type(obj), "_jitvm_poll", None)
    return hook(obj, mask) if hook is not None else mask & 4


def _is_custom(obj) -> bool:
    """A pollable written in Python: an io.IOBase of the program's with an ioctl method."""
    return isinstance(obj, IOBase) and hasattr(obj, "ioctl")


def _custom_events(obj, mask: int) -> int:
    """ioctl(MP_STREAM_POLL, flags): the events (a negative answer is OSError(-answer), as
    MicroPython's io.IOBase stream protocol reports it)."""
    ret = obj.ioctl(3, mask)
    if isinstance(ret, bool) or not isinstance(ret, int):
        raise GUEST_EXC["TypeError"](f"can't convert {type(ret).__name__} to int")
    if ret < 0:
        raise GUEST_EXC["OSError"](-ret)
    return ret & (mask | 8 | 16 | 32)  # what was asked, and the error/hang-up bits


def _net_conn(obj):
    """The connection behind a guest socket (socket, socketpool, ssl), else None."""
    mods = host_sys.modules
    kinds = tuple(getattr(mods.get(m), n) for m, n in (("jitvm.modules.socket", "socket"),
                                                        ("jitvm.modules.socketpool", "Socket"))
                  if m in mods)
    return obj._c if kinds and isinstance(obj, kinds) else None


def _socket_events(obj, mask) -> int:
    conn = _net_conn(obj)
    if conn is None:
        return _ready(obj, mask)
    if conn.closed:
        return 32  # POLLNVAL
    ev = 0
    if mask & 1 and conn.readable():
        ev |= 1
    if mask & 4 and (conn.stream is not None or conn.type == 2):
        ev |= 4
    if conn.stream is not None and getattr(conn.stream, "reset", False):
        ev |= 8
    return ev


def _poll_sockets(entries, timeout):
    """poll() over sockets: ready ones now, else wait on the network up to ``timeout`` ms."""
    from .modules import _net

    entries = list(entries)
    ready = [(o, ev) for o, m in entries if (ev := _socket_events(o, m))]
    if ready or timeout == 0:
        return ready
    conns = [c for o, m in entries if m & 1 and (c := _net_conn(o)) is not None]
    _net.wait_any(conns, None if timeout is None or timeout < 0 else timeout)
    return [(o, ev) for o, m in entries if (ev := _socket_events(o, m))]


def _select(vm) -> GuestModule:
    return BuiltinModule("select", {"POLLIN": 1, "POLLOUT": 4, "POLLERR": 8, "POLLHUP": 16,
                                  "poll": _Poll})

"""`jitvm run`: run a .py/.mpy file or a CIRCUITPY-style folder in a fresh VM.

The VM's modules are imported by the functions that need them, not here: under the
supervisor they load in the child process after the fork, so the watching parent stays small
(a quicker fork, and less to tear down when it exits).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from . import interrupt
from .supervisor import can_supervise, supervise

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    import threading

    from .vm import VM


_timeout_type: type | None = None


def timeout_error() -> type:
    """``Timeout``: what the time limit raises in the guest thread. A VMAbort, so the guest
    cannot catch it; made on first use, as VMAbort belongs to the VM's modules."""
    global _timeout_type
    if _timeout_type is None:
        from .execute import VMAbort

        class Timeout(VMAbort):
            pass

        _timeout_type = Timeout
    return _timeout_type


def __getattr__(name: str):
    if name == "Timeout":  # runner.Timeout, as before it was made on first use
        return timeout_error()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def resolve_program(path: str) -> tuple[Path, Path]:
    """(root folder, program file) for a file or a drive-like folder."""
    p = Path(path)
    if p.is_dir():
        from .drive import find_program

        return p.resolve(), find_program(p)
    if not p.is_file():
        raise FileNotFoundError(2, "no such file", str(p))
    return p.resolve().parent, p


def program_bytes(file: Path, root: Path | None = None) -> bytes:
    if file.suffix == ".mpy":
        data = file.read_bytes()
        from .viper import source_at_hand

        src = source_at_hand(data, file, root)
        if src is None:
            return data
        file = src  # machine code for MicroPython's runtime, and its source is here: run that
    from .compiler import compile_cached

    return compile_cached(str(file), source_name=file.name)


def run_program(vm: VM, file: Path) -> int:
    """Run the program; returns the exit status (0, 1 on a guest exception, sys.exit's)."""
    from mpy import read_mpy

    from .execute import VMAbort
    from .gexc import guestify
    from .objects import GuestModule

    data = program_bytes(file, vm.root)
    module = read_mpy(data, file.name)  # parsed once: the loader takes the parsed module
    if file.suffix == ".mpy" and not getattr(vm, "flavour_given", False):
        vm.flavour = module.flavour  # the magic decides: 'C' files get CircuitPython behaviour
        from .modules import _hw

        _hw.set_flavor(vm.flavour)
    from .viper import TABLES

    table = TABLES.get(data) if TABLES else None
    del data
    main = GuestModule("__main__")
    main.__dict__["__file__"] = file.name
    vm.importer.modules["__main__"] = main
    try:
        code = vm.load_module(module, file.name, table)  # viper's compile errors raise here
        vm.guest_started = True  # from here a host MemoryError is the guest's, not start-up's
        try:
            vm.run_module_code(code, main)
        finally:
            _end_threads()
        status = 0
    except VMAbort:
        raise
    except BaseException as e:
        if _is_hal_error(e):
            raise  # the host's hardware is missing or refused: a one-line error, not a traceback
        status = report_uncaught(vm, guestify(e))  # the guest's uncaught exception
    return run_atexit(vm, status)


def run_atexit(vm: VM, status: int) -> int:
    """sys.atexit's function, called once the program has ended however it ended (MicroPython's
    unix main); its own uncaught exception is reported like the program's."""
    from .execute import VMAbort
    from .gexc import guestify

    func, vm.exit_func = getattr(vm, "exit_func", None), None
    if func is None:
        return status
    try:
        func()
    except VMAbort:
        raise
    except BaseException as e:
        return report_uncaught(vm, guestify(e))
    return status


def run_drive(vm: VM, file: Path, folder: Path | None, args) -> int:
    """boot.py first (CircuitPython, a drive folder), then the program; with --watch, again
    each time a file on the drive changes."""
    from . import drive

    if folder is not None and vm.flavour == "circuitpython":
        boot = drive.boot_file(folder)
        if boot is not None:
            drive.run_boot(vm, boot, folder, args)
    if not getattr(args, "watch", False):
        return run_program(vm, file)
    return drive.watch(vm, file, folder or file.parent)


def _end_threads() -> None:
    """The main thread ended: so does the program (MicroPython's unix port does not wait for
    other threads); they stay parked and this thread stops counting guest events."""
    hw = sys.modules.get("jitvm.modules._hw")
    sched = hw.threads(create=False) if hw is not None else None
    if sched is not None:
        sched.over = True
        sched.close()


def _is_hal_error(e: BaseException) -> bool:
    api = sys.modules.get("hal.api")  # not loaded: no board was opened, so no HalError either
    return api is not None and isinstance(e, api.HalError)


def report_uncaught(vm: VM, e: BaseException) -> int:
    """Print what MicroPython prints for an uncaught exception; the exit status."""
    from .execute import format_traceback
    from .gexc import GUEST_EXC

    if isinstance(e, GUEST_EXC["SystemExit"]):
        c = e.args[0] if e.args else 0
        if c is None:
            return 0
        if isinstance(c, int) and not isinstance(c, bool):
            return c & 0xFF
        vm.stdout.write(guarded_text(vm, str, c) + "\n")
        return 1
    vm.stdout.flush()
    vm.stdout.write(guarded_text(vm, format_traceback, e))  # the unix port prints it on stdout
    return 130 if isinstance(e, GUEST_EXC["KeyboardInterrupt"]) else 1


def guarded_text(vm: VM, fn, obj) -> str:
    """fn(obj) for printing at exit, where a guest __str__/__repr__ may raise or recurse."""
    from .execute import VMAbort, format_traceback
    from .gexc import GUEST_EXC, guestify

    try:
        return fn(obj)
    except VMAbort:
        raise
    except BaseException as inner:  # the guest's own method failed while being printed
        name = type(obj).__name__
        try:
            detail = f"{type(guestify(inner)).__name__} while printing"
        except BaseException:
            detail = "error while printing"
        if fn is format_traceback:
            try:
                head = format_traceback(GUEST_EXC["Exception"]()).rsplit("\n", 2)[0]
            except BaseException:
                head = "Traceback (most recent call last):"
            return f"{head}\n{name}: <{detail}>\n"
        return f"<{name} object: {detail}>"


def _run_in_thread(fn, timeout: float | None, stack: int, ack_fd: int | None = None,
                   on_done=None):
    """Run ``fn`` on a thread with a large stack; enforce the wall-clock limit; turn Ctrl-C
    into a guest KeyboardInterrupt (``ack_fd`` tells the supervisor it was delivered).
    ``on_done()`` runs once the thread has finished (not when it is left running at the
    time limit)."""
    import select
    import threading

    from .gexc import GUEST_EXC

    Timeout = timeout_error()
    result: dict = {}
    done = threading.Event()
    wake_r, wake_w = os.pipe()  # the guest thread's end wakes the waiting main thread at once

    def target():
        try:
            result["value"] = fn()
        except BaseException as e:  # surfaced to the caller below
            result["error"] = e
        finally:
            done.set()
            try:
                os.write(wake_w, b"d")
            except OSError:
                pass
            finally:
                os.close(wake_w)  # only this thread uses wake_w: no write to a reused fd

    old = threading.stack_size()
    threading.stack_size(stack)
    t = threading.Thread(target=target, name="jitvm-guest", daemon=True)
    try:
        t.start()
    except RuntimeError:  # the data limit left no room for the guest thread's stack
        raise HeapTooSmall() from None
    finally:
        threading.stack_size(old)
    deadline = None if timeout is None else time.monotonic() + timeout
    interrupt.reset()
    kbd_since = None  # when a Ctrl-C was made pending (the guest takes it at a safe point)
    # wait in select() on the wake pipe (polling `done` as well), not Thread.join: a
    # KeyboardInterrupt that lands inside join() can leave the thread marked as finished while
    # it still runs (CPython 3.11); select() holds no lock, so a signal leaves nothing half-done
    try:
        while not done.is_set():
            try:
                select.select([wake_r], [], [], 0.02 if deadline is None
                              else max(0.0, min(0.02, deadline - time.monotonic())))
            except KeyboardInterrupt:
                if ack_fd is not None:
                    os.write(ack_fd, b"k")
                if not interrupt.enabled():  # kbd_intr(-1): SIGINT's default action, as unix
                    _end_at_once(ack_fd)
                interrupt.request()
                kbd_since = time.monotonic()
                continue
            if kbd_since is not None and interrupt.kbd_pending() \
                    and time.monotonic() - kbd_since > KBD_FALLBACK:
                # the guest waits in host code with no safe point (a UART read, a long
                # sleep): deliver it there
                interrupt.withdraw()
                kbd_since = None
                _raise_in(t, GUEST_EXC["KeyboardInterrupt"])
            if deadline is not None and time.monotonic() >= deadline and not done.is_set():
                _raise_in(t, Timeout)
                for _ in range(100):
                    if done.is_set():
                        break
                    time.sleep(0.02)
                if not done.is_set():
                    raise Timeout()
    finally:
        os.close(wake_r)  # a guest thread still running gets EPIPE on its one write, ignored
    if on_done is not None:
        on_done()
    if "error" in result:
        raise result["error"]
    return result.get("value")


KBD_FALLBACK = 0.5  # seconds a pending Ctrl-C waits for a safe point before it is forced


def _end_at_once(ack_fd: int | None) -> None:
    """Ctrl-C with the guest's KeyboardInterrupt turned off: the run ends now, status 130."""
    try:
        sys.stdout.flush()
    finally:
        if ack_fd is not None:  # the supervised child: nothing of it is left to clean up
            os._exit(130)
    raise KeyboardInterrupt  # in-process: the CLI's handler returns 130


class HeapTooSmall(Exception):
    """The heap budget is too small for the VM to start."""


def _raise_in(t: threading.Thread, exc: type) -> None:
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(t.ident), ctypes.py_object(exc))


def run_cli(args: argparse.Namespace, guarded=lambda fn: fn()) -> int:
    """`jitvm run`: in a supervised child process where the platform allows, so that the time
    limit and Ctrl-C end the run whatever the guest is doing (even inside host C code).
    ``guarded`` turns the child's failures into one-line errors (the CLI's handler)."""
    if can_supervise():
        return supervise(lambda ack_fd: guarded(lambda: _run(args, ack_fd)), args.timeout,
                         args.path)
    return _run(args, None)


def _run(args: argparse.Namespace, ack_fd: int | None) -> int:
    # what the run uses is imported here, before the heap budget: the guest pays for its own
    # allocations, not for jitvm's modules (the F401 ones are used by run_program)
    from mpy import read_mpy  # noqa: F401

    from .compiler import CompileError
    from .execute import HOST_FRAMES_PER_CALL, VMAbort
    from .gexc import guestify  # noqa: F401
    from .limits import apply_heap_budget, guest_stack_size, lift_heap_budget, max_recursion_limit
    from .objects import GuestModule  # noqa: F401
    from .vm import VM

    try:  # the compile cache's hash: a shared library, mapped before the heap budget
        import _blake2  # noqa: F401
    except ImportError:
        pass

    from .drive import apply_drive_defaults

    Timeout = timeout_error()
    root, file = resolve_program(args.path)
    folder = root if Path(args.path).is_dir() else None  # run as a CIRCUITPY drive
    apply_drive_defaults(args, folder)  # its scenario.toml, and the scenario's board
    if getattr(args, "root", None):
        root = Path(args.root).resolve()
        if not root.is_dir():
            raise FileNotFoundError(2, "no such folder", str(root))
    heap = getattr(args, "heap", None)
    stack = guest_stack_size(heap)
    limit = min(args.recursion_limit or 2000, max_recursion_limit(stack))
    sys.setrecursionlimit(limit * HOST_FRAMES_PER_CALL + 200)
    flavour = args.flavor or ("circuitpython" if file.name.startswith("code.") and Path(args.path).is_dir()
                              else "micropython")  # a CIRCUITPY drive runs as CircuitPython
    stdout = _FlushingWriter(sys.stdout) if ack_fd is not None else None
    vm = VM(str(root), flavour=flavour, argv=[file.name, *args.argv], recursion_limit=limit,
            stdout=stdout, drive_size=getattr(args, "drive_size", None))
    vm.autoflush = ack_fd is not None
    vm.drive.readonly = vm.drive.usb_visible = bool(getattr(args, "read_only_drive", False))
    vm.flavour_given = bool(args.flavor)  # --flavor wins over a .mpy's magic
    _configure_tiers(vm, args)
    hw = _setup_hardware(vm, args)
    if getattr(args, "drive_size", None) is None:
        size = getattr(hw.board, "drive_size", None) if hw is not None else None
        if size is not None:
            vm.drive.size = int(size)
    apply_heap_budget(heap, stack)
    if getattr(args, "profile", False):
        vm.executor.set_profiling(True, vm)
        vm.translating = False  # translated functions bypass the per-call accounting
    try:
        try:
            status = _run_in_thread(lambda: run_drive(vm, file, folder, args), args.timeout,
                                    stack, ack_fd, on_done=lift_heap_budget)  # the guest's budget
        except Timeout:
            sys.stdout.flush()
            print(f"jitvm: timeout: {args.path} ran longer than {args.timeout:g}s", file=sys.stderr)
            return 124
        except VMAbort as e:  # machine.reset(), microcontroller.reset(), supervisor.reload()
            sys.stdout.flush()
            if getattr(e, "kind", None) == "watchdog":  # machine.WDT starved: a failure
                print(f"jitvm: the watchdog reset the board (not fed within "
                      f"{getattr(e, 'timeout_ms', '?')} ms): run ended", file=sys.stderr)
                return 1
            print(f"jitvm: the program reset the board ({getattr(e, 'kind', 'reset')}): run ended",
                  file=sys.stderr)
            return 0
        except CompileError as e:  # the program itself: MicroPython prints it on stdout
            sys.stdout.write(str(e).rstrip("\n") + "\n")
            return 1
        except (HeapTooSmall, MemoryError):
            if getattr(vm, "guest_started", False):
                raise  # not at start-up: the CLI's one-line internal error, as before
            print(f"jitvm: --heap {heap} is too small to start the VM", file=sys.stderr)
            return 2
        finally:
            sys.stdout.flush()
        if args.profile:
            from .profile import print_profile

            print_profile(vm, sys.stderr)
        return status
    finally:
        jit = sys.modules.get("jitvm.jit")
        if jit is not None:
            jit.shutdown()  # LLVM must not be inside a call on the compile thread at exit
            if vm.jit_log is not None:  # --jit-log ends with the deoptimisations of the run
                for info in jit.jit_infos():
                    if info.compiled and info.deopts:
                        vm.jit_log(f"jit: {info.name}: {info.deopts} deopts (last before "
                                   f"offset {info.deopt.last_pc})")
        if hw is not None:
            hw.finish(args)


def _configure_tiers(vm: VM, args: argparse.Namespace) -> None:
    if getattr(args, "tier", None) is not None:
        vm.tier = args.tier
    if getattr(args, "jit_threshold", None) is not None:
        vm.jit_threshold = max(0, args.jit_threshold)
    if getattr(args, "jit_log", False):
        def log(line: str) -> None:
            print(line, file=sys.stderr, flush=True)
        vm.jit_log = log
    if getattr(args, "jit_stress", False):
        vm.jit_stress = True  # jitvm.jit.deopt.stress_mode
    for folder in getattr(args, "lib_paths", None) or ():
        vm.importer.add_host_path(folder)
    mcu = _layout_mcu(getattr(args, "layout", None))
    vm.board_mcu = mcu
    vm.viper_bits = getattr(args, "viper_bits", None) or (32 if mcu.startswith(MCU_32) else 64)


MCU_32 = ("rp2", "samd", "sam", "nrf", "stm32", "esp32", "imx", "mimxrt", "atmel", "cortex")


def _layout_mcu(layout: str | None) -> str:
    """The microcontroller a board layout names ("" for none: the generic simulated board
    and Linux boards run like the unix port). It sets viper's word (32 bits on a 32-bit
    microcontroller, else 64: what MicroPython's own tests expect) and sys.platform."""
    if not layout:
        return ""
    try:
        import tomllib

        from hal.layout import resolve_layout_path

        with open(resolve_layout_path(layout), "rb") as f:
            mcu = str(tomllib.load(f).get("mcu", "")).lower()
    except Exception:  # noqa: BLE001 - a bad layout gets its own error when the board opens
        return ""
    return "" if mcu == "sim" else mcu


class _FlushingWriter:
    """The host stdout as the guest's print sees it in a supervised run: every write reaches
    the file descriptor at once, so a run killed at its time limit loses no output."""

    def __init__(self, host) -> None:
        self._h = host
        self.buffer = getattr(host, "buffer", None)

    def write(self, s: str) -> int:
        n = self._h.write(s)
        self._h.flush()
        return n

    def flush(self) -> None:
        self._h.flush()

    def fileno(self) -> int:
        return self._h.fileno()


def _setup_hardware(vm: VM, args: argparse.Namespace):
    if _DeferredBoard.fits(args):
        return _DeferredBoard.start(vm, args)
    from .hardware import Hardware

    return Hardware.start(vm, args)


class _DeferredBoard:
    """The default simulated board, opened only when the guest first needs it (through
    ``_hw.get_board()``): a program that never touches hardware never imports hal. Only for
    runs where opening cannot fail and nothing is written from the board at the end (no
    --layout, --scenario, --vcd, --trace, --png-dir, --gif); the virtual clock starts at 0 when the
    board opens, as it would have at start-up, since virtual time only moves on sleeps and I/O."""

    def __init__(self, vm: VM, args: argparse.Namespace) -> None:
        self.vm = vm
        self.args = args
        self.board = None  # set when opened; the runner reads its drive_size (None: default)

    @staticmethod
    def fits(args: argparse.Namespace) -> bool:
        return (getattr(args, "board", None) or "sim") == "sim" and not any(
            getattr(args, name, None) for name in ("layout", "scenario", "vcd", "trace", "png_dir",
                                                   "gif", "net_allow")) and (
            getattr(args, "net", None) or "sim") == "sim"

    @classmethod
    def start(cls, vm: VM, args: argparse.Namespace) -> _DeferredBoard:
        from .modules import _hw

        hw = cls(vm, args)
        _hw.set_board_factory(hw._open)
        _hw.set_flavor(vm.flavour)
        return hw

    def _open(self):
        from .limits import outside_budget

        with outside_budget():  # hal was opened before the heap budget when not deferred
            import hal

            board = hal.open_board("sim", realtime=bool(getattr(self.args, "realtime", False)))
        if getattr(self.args, "clock", None) == "wall" and hasattr(board.clock, "track_wall"):
            board.clock.track_wall = True
        self.board = board
        size = getattr(board, "drive_size", None)
        if getattr(self.args, "drive_size", None) is None and size is not None:
            self.vm.drive.size = int(size)  # the generic layout's: the default size (a test checks)
        return board

    def finish(self, args: argparse.Namespace) -> None:
        from .modules import _hw

        try:
            _hw.reset()
        finally:
            if self.board is not None:
                self.board.close()

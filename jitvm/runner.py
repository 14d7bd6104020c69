"""`jitvm run`: run a .py/.mpy file or a CIRCUITPY-style folder in a fresh VM."""

from __future__ import annotations

import argparse
import ctypes
import os
import sys
import threading
import time
from pathlib import Path

from hal.api import HalError

from .compiler import CompileError, compile_cached
from .execute import HOST_FRAMES_PER_CALL, VMAbort, format_traceback
from .gexc import GUEST_EXC, guestify
from .limits import apply_heap_budget, guest_stack_size, max_recursion_limit
from .supervisor import can_supervise, supervise
from .objects import GuestModule
from .vm import VM

MAIN_NAMES = ("code.py", "code.mpy", "main.py", "main.mpy")  # CircuitPython's order


class Timeout(VMAbort):
    pass


def resolve_program(path: str) -> tuple[Path, Path]:
    """(root folder, program file) for a file or a drive-like folder."""
    p = Path(path)
    if p.is_dir():
        for name in MAIN_NAMES:
            if (p / name).is_file():
                return p.resolve(), (p / name)
        raise FileNotFoundError(2, "no code.py or main.py", str(p / "code.py"))
    if not p.is_file():
        raise FileNotFoundError(2, "no such file", str(p))
    return p.resolve().parent, p


def program_bytes(file: Path) -> bytes:
    if file.suffix == ".mpy":
        return file.read_bytes()
    return compile_cached(str(file), source_name=file.name)


def run_program(vm: VM, file: Path) -> int:
    """Run the program; returns the exit status (0, 1 on a guest exception, sys.exit's)."""
    from mpy import read_mpy

    data = program_bytes(file)
    module = read_mpy(data, file.name)  # parsed once: the loader takes the parsed module
    if file.suffix == ".mpy":
        vm.flavour = module.flavour  # the magic decides: 'C' files get CircuitPython behaviour
        from .modules import _hw

        _hw.set_flavor(vm.flavour)
    del data
    code = vm.load_module(module, file.name)
    main = GuestModule("__main__")
    main.__dict__["__file__"] = file.name
    vm.importer.modules["__main__"] = main
    try:
        vm.run_module_code(code, main)
    except VMAbort:
        raise
    except HalError:
        raise  # the host's hardware is missing or refused: a one-line error, not a guest traceback
    except BaseException as e:  # the guest's uncaught exception
        return report_uncaught(vm, guestify(e))
    return 0


def report_uncaught(vm: VM, e: BaseException) -> int:
    """Print what MicroPython prints for an uncaught exception; the exit status."""
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


def _run_in_thread(fn, timeout: float | None, stack: int, ack_fd: int | None = None):
    """Run ``fn`` on a thread with a large stack; enforce the wall-clock limit; turn Ctrl-C
    into a guest KeyboardInterrupt (``ack_fd`` tells the supervisor it was delivered)."""
    result: dict = {}
    done = threading.Event()

    def target():
        try:
            result["value"] = fn()
        except BaseException as e:  # surfaced to the caller below
            result["error"] = e
        finally:
            done.set()

    old = threading.stack_size()
    threading.stack_size(stack)
    t = threading.Thread(target=target, name="jitvm-guest", daemon=True)
    t.start()
    threading.stack_size(old)
    deadline = None if timeout is None else time.monotonic() + timeout
    # poll with sleep, not Thread.join: a KeyboardInterrupt that lands inside join() can leave
    # the thread marked as finished while it still runs (CPython 3.11)
    while not done.is_set():
        try:
            time.sleep(0.02 if deadline is None else max(0.0, min(0.02, deadline - time.monotonic())))
        except KeyboardInterrupt:
            _raise_in(t, GUEST_EXC["KeyboardInterrupt"])
            if ack_fd is not None:
                os.write(ack_fd, b"k")
            continue
        if deadline is not None and time.monotonic() >= deadline and not done.is_set():
            _raise_in(t, Timeout)
            for _ in range(100):
                if done.is_set():
                    break
                time.sleep(0.02)
            if not done.is_set():
                raise Timeout()
    if "error" in result:
        raise result["error"]
    return result.get("value")


def _raise_in(t: threading.Thread, exc: type) -> None:
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
    root, file = resolve_program(args.path)
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
            status = _run_in_thread(lambda: run_program(vm, file), args.timeout, stack, ack_fd)
        except Timeout:
            sys.stdout.flush()
            print(f"jitvm: timeout: {args.path} ran longer than {args.timeout:g}s", file=sys.stderr)
            return 124
        except VMAbort as e:  # machine.reset(), microcontroller.reset(), supervisor.reload()
            sys.stdout.flush()
            print(f"jitvm: the program reset the board ({getattr(e, 'kind', 'reset')}): run ended",
                  file=sys.stderr)
            return 0
        except CompileError as e:
            print(str(e), file=sys.stderr)
            return 1
        finally:
            sys.stdout.flush()
        if args.profile:
            from .profile import print_profile

            print_profile(vm, sys.stderr)
        return status
    finally:
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
    from .hardware import Hardware

    return Hardware.start(vm, args)

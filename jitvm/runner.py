"""`jitvm run`: run a .py/.mpy file or a CIRCUITPY-style folder in a fresh VM."""

from __future__ import annotations

import argparse
import ctypes
import sys
import threading
import time
from pathlib import Path

from hal.api import HalError

from .compiler import CompileError, compile_cached
from .execute import HOST_FRAMES_PER_CALL, VMAbort, format_traceback
from .gexc import GUEST_EXC, guestify
from .limits import apply_heap_budget
from .objects import GuestModule
from .vm import VM

MAIN_NAMES = ("code.py", "code.mpy", "main.py", "main.mpy")  # CircuitPython's order
THREAD_STACK = 512 * 1024 * 1024


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
    if file.suffix == ".mpy":
        module = read_mpy(data, str(file))
        vm.flavour = module.flavour  # the magic decides: 'C' files get CircuitPython behaviour
        from .modules import _hw

        _hw.set_flavor(vm.flavour)
    code = vm.load_mpy(data, file.name)
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
        e = guestify(e)
        if isinstance(e, GUEST_EXC["SystemExit"]):
            c = e.args[0] if e.args else 0
            if c is None:
                return 0
            if isinstance(c, int):
                return c & 0xFF
            vm.stdout.write(f"{c}\n")
            return 1
        vm.stdout.flush()
        vm.stdout.write(format_traceback(e))  # MicroPython's unix port prints it on stdout
        return 1
    return 0


def _run_in_thread(fn, timeout: float | None):
    """Run ``fn`` on a thread with a large stack; enforce the wall-clock limit."""
    result: dict = {}

    def target():
        try:
            result["value"] = fn()
        except BaseException as e:  # surfaced to the caller below
            result["error"] = e

    old = threading.stack_size()
    threading.stack_size(THREAD_STACK)
    t = threading.Thread(target=target, name="jitvm-guest", daemon=True)
    t.start()
    threading.stack_size(old)
    deadline = None if timeout is None else time.monotonic() + timeout
    while t.is_alive():
        t.join(0.05 if deadline is None else max(0.0, min(0.05, deadline - time.monotonic())))
        if deadline is not None and time.monotonic() >= deadline and t.is_alive():
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(t.ident), ctypes.py_object(Timeout))
            t.join(2.0)
            if t.is_alive():
                raise Timeout()
    if "error" in result:
        raise result["error"]
    return result.get("value")


def run_cli(args: argparse.Namespace) -> int:
    root, file = resolve_program(args.path)
    if getattr(args, "root", None):
        root = Path(args.root).resolve()
        if not root.is_dir():
            raise FileNotFoundError(2, "no such folder", str(root))
    limit = args.recursion_limit or 2000
    sys.setrecursionlimit(limit * HOST_FRAMES_PER_CALL + 200)
    flavour = args.flavor or ("circuitpython" if file.name.startswith("code.") and Path(args.path).is_dir()
                              else "micropython")  # a CIRCUITPY drive runs as CircuitPython
    vm = VM(str(root), flavour=flavour,
            argv=[file.name, *args.argv], recursion_limit=args.recursion_limit or 2000)
    hw = _setup_hardware(vm, args)
    apply_heap_budget(getattr(args, "heap", None))
    if getattr(args, "profile", False):
        vm.executor.set_profiling(True, vm)
        vm.translating = False  # translated functions bypass the per-call accounting
    try:
        try:
            status = _run_in_thread(lambda: run_program(vm, file), args.timeout)
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


def _setup_hardware(vm: VM, args: argparse.Namespace):
    from .hardware import Hardware

    return Hardware.start(vm, args)

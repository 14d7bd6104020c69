"""The board-user commands: `jitvm` / `jitvm repl [DRIVE]`, `jitvm serve [DRIVE]`,
`jitvm -c CODE`, `jitvm run -` and `jitvm --version`."""

from __future__ import annotations

import argparse
import os
import select
import signal
import sys
import threading
from pathlib import Path


def add_board_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("drive", nargs="?", default=".",
                   help="the folder the VM sees as its drive (default: the current folder)")
    p.add_argument("--flavor", choices=("micropython", "circuitpython"), default=None,
                   help="guest flavour (default: circuitpython when the drive has a code.py)")
    p.add_argument("--board", default="sim", help="hardware backend: sim (default) or linux")
    p.add_argument("--layout", default=None, help="board layout for the sim backend")
    p.add_argument("--scenario", default=None, help="scenario TOML attaching virtual devices")


def _session_args(args: argparse.Namespace) -> tuple[Path, str, argparse.Namespace]:
    root = Path(args.drive).resolve()
    if not root.exists():
        raise FileNotFoundError(2, "no such folder", str(args.drive))
    if not root.is_dir():
        raise NotADirectoryError(20, "not a folder", str(args.drive))
    flavour = args.flavor or ("circuitpython" if (root / "code.py").is_file() else "micropython")
    hw = argparse.Namespace(board=args.board, layout=args.layout, scenario=args.scenario,
                            vcd=None, trace=None, png_dir=None, realtime=False, clock="virtual",
                            tier=None, jit_threshold=None, jit_log=False, jit_stress=False,
                            lib_paths=None, viper_bits=None, drive_size=None)
    return root, flavour, hw


def cmd_repl(args: argparse.Namespace) -> int:
    """The REPL on this terminal (a line editor over raw mode), or over piped input."""
    from .console import Console

    root, flavour, hw = _session_args(args)
    fd = sys.stdin.fileno()
    tty = os.isatty(fd)
    sys.stdout.flush()
    console = Console(fd, sys.stdout.fileno(), crlf=False, echo=tty)
    old = signal.signal(signal.SIGTERM, _terminate)  # the terminal is restored on the way out
    try:
        with _raw_terminal(fd if tty else None):
            return _run_board(root, flavour, hw, console, local=True, auto_indent=tty)
    finally:
        signal.signal(signal.SIGTERM, old)


def cmd_serve(args: argparse.Namespace) -> int:
    """The REPL (friendly, raw and raw-paste) on a new pseudo-terminal, until SIGTERM/Ctrl-C."""
    from .console import Console
    from .serial_port import VirtualSerialPort

    root, flavour, hw = _session_args(args)
    old = signal.signal(signal.SIGTERM, _terminate)  # before the port is announced
    port = VirtualSerialPort()
    console = Console(port.master, port.master, crlf=True, echo=True, keep_open=True)
    try:
        print(port.path, flush=True)
        print(f"jitvm: serving the {flavour} REPL of {root} on {port.path} "
              f"(e.g. mpremote connect {port.path}); Ctrl-C to stop", file=sys.stderr,
              flush=True)
        return _run_board(root, flavour, hw, console, local=False, auto_indent=True, serving=True)
    finally:
        signal.signal(signal.SIGTERM, old)
        console.close()
        port.close()


def _terminate(signum, frame):
    raise SystemExit(0)


def _run_board(root: Path, flavour: str, hw: argparse.Namespace, console, *, local: bool,
               auto_indent: bool, serving: bool = False) -> int:
    """The board's loop on a guest thread with a large stack; this thread turns a host
    Ctrl-C into the guest's KeyboardInterrupt (or ends a serve)."""
    from .execute import HOST_FRAMES_PER_CALL
    from .limits import apply_heap_budget, guest_stack_size, max_recursion_limit
    from .repl import Board
    from .repl_session import ReplSession

    stack = guest_stack_size(None)
    limit = min(2000, max_recursion_limit(stack))
    sys.setrecursionlimit(limit * HOST_FRAMES_PER_CALL + 200)
    result: dict = {}
    wake_r, wake_w = os.pipe()  # the guest thread's end wakes this thread

    def target():
        try:
            session = ReplSession(root, flavour, console, hw)
            result["session"] = session
            result["status"] = Board(session, console, local=local, auto_indent=auto_indent).run()
        except BaseException as e:  # noqa: BLE001 - surfaced below as a one-line error
            result["error"] = e
        finally:
            result["done"] = True
            try:
                os.write(wake_w, b"d")
            except OSError:  # this thread outlived the waiting one
                pass
            finally:
                os.close(wake_w)

    apply_heap_budget(None, stack)  # `jitvm run`'s default: a runaway guest gets MemoryError
    old = threading.stack_size()
    threading.stack_size(stack)
    t = threading.Thread(target=target, name="jitvm-guest", daemon=True)
    t.start()
    threading.stack_size(old)
    try:
        # select() on a pipe, not Thread.join: a KeyboardInterrupt landing inside join() can
        # leave the thread marked as finished while it runs on (CPython 3.11)
        while "done" not in result:
            try:
                select.select([wake_r], [], [], 0.1)
            except KeyboardInterrupt:
                session = result.get("session")
                if serving or session is None or not session.interrupt_now():
                    return 0 if serving else 130
    finally:
        os.close(wake_r)
    if "error" in result:
        raise result["error"]
    return result.get("status", 0)


class _raw_terminal:
    """The terminal in raw input mode while the REPL reads keys (output keeps its newline
    translation), restored on the way out."""

    def __init__(self, fd: int | None) -> None:
        self.fd = fd
        self.saved = None

    def __enter__(self):
        if self.fd is None:
            return self
        import termios

        self.saved = termios.tcgetattr(self.fd)
        mode = termios.tcgetattr(self.fd)
        mode[0] &= ~(termios.IXON | termios.ICRNL | termios.INLCR | termios.IGNCR)
        mode[3] &= ~(termios.ICANON | termios.ECHO | termios.ISIG | termios.IEXTEN)
        mode[6][termios.VMIN], mode[6][termios.VTIME] = 1, 0
        termios.tcsetattr(self.fd, termios.TCSAFLUSH, mode)
        return self

    def __exit__(self, *exc) -> None:
        if self.saved is not None:
            import termios

            termios.tcsetattr(self.fd, termios.TCSAFLUSH, self.saved)


# ---- programs given as text --------------------------------------------------------------
def run_text(args: argparse.Namespace, text: str, guarded) -> int:
    """`jitvm -c CODE` and `jitvm run -`: the text runs as __main__ from "<stdin>", with the
    current folder as the drive (unless --root says otherwise)."""
    import tempfile

    from .runner import run_cli

    with tempfile.TemporaryDirectory(prefix="jitvm-stdin-") as tmp:
        program = Path(tmp) / "<stdin>"
        program.write_text(text, encoding="utf-8", errors="surrogateescape")
        args.path = str(program)
        if not args.root:
            args.root = os.getcwd()
        return run_cli(args, guarded)


def version_text() -> str:
    from . import __version__
    from .vmmods import CIRCUITPYTHON_VERSION, MICROPYTHON_VERSION

    mp = ".".join(map(str, MICROPYTHON_VERSION))
    cp = ".".join(map(str, CIRCUITPYTHON_VERSION))
    return (f"jitvm {__version__} (Python {sys.version.split()[0]}): runs MicroPython {mp} "
            f"and CircuitPython {cp} programs (.mpy v6.3)")

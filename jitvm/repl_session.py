"""One REPL's VM: `__main__`'s namespace kept across inputs, each input compiled by mpy-cross
and run in it, exceptions printed as MicroPython prints them, names completed through the
sandbox, a soft reboot making it all fresh."""

from __future__ import annotations

import argparse
import re
import sys
import threading
from pathlib import Path

from .console import EOF, Console, GuestInput, GuestOutput

BUILD_DATE = "2026-07-05"  # the MicroPython 1.29 build jitvm is checked against (FACTS.md)
CIRCUITPYTHON_BUILD_DATE = "2025-10-17"
COMPILED_KEPT = 64  # inputs whose compiled form is kept (mpremote reads a file as r(256) calls)


class ReplExit(Exception):
    """sys.exit() at the REPL of the local command: leave it with this status."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class ReplSession:
    """The VM behind a REPL. ``args`` are the hardware options of `jitvm run` (board,
    layout, scenario...); the drive is ``root``."""

    def __init__(self, root: Path, flavour: str, console: Console,
                 args: argparse.Namespace) -> None:
        self.root, self.flavour, self.console, self.args = root, flavour, console, args
        self.vm = None
        self.hw = None
        self._compiled: dict[str, bytes] = {}  # source -> .mpy: tools repeat their snippets
        self._worker: threading.Thread | None = None
        self.reset()

    # ---- the VM's life -------------------------------------------------------------------
    def reset(self) -> None:
        """A fresh VM: new globals, modules imported again, the board as at power-up."""
        from .objects import GuestModule
        from .runner import _configure_tiers, _setup_hardware
        from .vm import VM

        self.close()
        vm = VM(str(self.root), flavour=self.flavour, argv=[""], stdout=GuestOutput(self.console))
        vm.stdin = GuestInput(self.console)
        vm.console_input = self.input_line
        vm.autoflush = True
        vm.layout_name = getattr(self.args, "layout", None)
        vm.flavour_given = True
        _configure_tiers(vm, self.args)
        self.hw = _setup_hardware(vm, self.args)
        self.main = GuestModule("__main__")
        vm.importer.modules["__main__"] = self.main
        self.vm = vm

    def close(self) -> None:
        if self.hw is not None:
            hw, self.hw = self.hw, None
            hw.finish(self.args)

    # ---- running input ---------------------------------------------------------------------
    def execute(self, text: str, single: bool, on_done=None) -> str:
        """Compile and run one input in __main__; prints what MicroPython prints. Returns
        "ok", "error" (an exception was printed), "exit" (SystemExit) or "reset".
        ``on_done()`` runs when the guest code has ended, before any error is printed."""
        from .builtins_ import _repl_source
        from .compiler import CompileError, compile_source
        from .viper import compile_with_emitters

        source = _repl_source(text) if single else text
        try:
            data = self._compiled.get(source)
            if data is None:
                data = compile_with_emitters(
                    source.encode("utf-8", "surrogatepass"),
                    lambda b: compile_source(b.decode("utf-8", "surrogatepass"), "<stdin>"))[0]
                if len(self._compiled) >= COMPILED_KEPT:
                    del self._compiled[next(iter(self._compiled))]
                self._compiled[source] = data
        except CompileError as e:
            if on_done is not None:
                on_done()
            self.vm.stdout.write(_syntax_error(str(e)))
            return "error"
        return self.run_code(data, on_done)

    def run_code(self, data: bytes, on_done=None) -> str:
        from .execute import VMAbort, format_traceback
        from .gexc import GUEST_EXC, guestify

        vm = self.vm
        self._worker = threading.current_thread()
        if sys.unraisablehook != self._unraisable:
            self._host_unraisable = sys.unraisablehook
            sys.unraisablehook = self._unraisable
        from . import interrupt

        interrupt.reset()  # each input starts with Ctrl-C on, as pyexec sets it
        try:
            try:
                self.console.set_interrupt(self._interrupt)  # may raise one typed ahead
                code = vm.load_mpy(data, "<stdin>")
                vm.run_module_code(code, self.main)
            finally:
                self._stop_interrupts()
                if on_done is not None:
                    on_done()
        except VMAbort:  # machine.reset(), supervisor.reload(): a soft reboot
            return "reset"
        except BaseException as e:  # noqa: BLE001 - the guest's exception, printed
            e = guestify(e)
            if isinstance(e, GUEST_EXC["SystemExit"]):
                self.exit_status = _exit_status(e)
                return "exit"
            from .runner import guarded_text

            vm.stdout.write(guarded_text(vm, format_traceback, e))
            return "error"
        return "ok"

    def _unraisable(self, info) -> None:
        """A KeyboardInterrupt that landed in host code which cannot raise (a weakref
        callback in the import system, a __del__) is raised again in the guest thread."""
        from .gexc import GUEST_EXC

        if isinstance(info.exc_value, GUEST_EXC["KeyboardInterrupt"]) and self._worker is not None:
            # from another thread, once this hook has returned (raised here, it is lost too)
            threading.Timer(0.01, self.interrupt_now).start()
            return
        self._host_unraisable(info)

    def _interrupt(self) -> bool:
        """Ctrl-C from the console: a KeyboardInterrupt at the guest's next safe point
        (jitvm.interrupt), forced into its thread if it waits in host code past
        KBD_FALLBACK. False when the guest turned Ctrl-C off (micropython.kbd_intr(-1)):
        the byte is then data, as on a board."""
        from . import interrupt
        from .runner import KBD_FALLBACK

        if not interrupt.enabled():
            return False
        worker = self._worker
        if worker is None:
            return True
        interrupt.request()

        def force() -> None:
            from .gexc import GUEST_EXC
            from .runner import _raise_in

            if interrupt.kbd_pending() and self._worker is worker:
                interrupt.withdraw()
                _raise_in(worker, GUEST_EXC["KeyboardInterrupt"])

        timer = threading.Timer(KBD_FALLBACK, force)
        timer.daemon = True
        timer.start()
        return True

    def _stop_interrupts(self) -> None:
        """No Ctrl-C may land after the statement: one already raised is taken here."""
        from .gexc import GUEST_EXC

        from . import interrupt

        for _ in range(3):
            try:
                self.console.set_interrupt(None)
                self._worker = None
                interrupt.withdraw()  # one requested but not yet taken is dropped
                return
            except GUEST_EXC["KeyboardInterrupt"]:
                continue

    def interrupt_now(self) -> bool:
        """A host Ctrl-C (SIGINT) while guest code runs: the guest's KeyboardInterrupt."""
        if self._worker is None:
            return False
        self._interrupt()
        return True

    def run_file(self, name: str) -> bool:
        """Run a program of the drive in __main__ (a soft reboot's main.py / code.py);
        False when the drive has no such file."""
        path = self.root / name
        if not path.is_file():
            return False
        from .compiler import CompileError
        from .runner import program_bytes

        try:
            data = program_bytes(path, self.root)
        except CompileError as e:
            self.vm.stdout.write(_syntax_error(str(e), name))
            return True
        self.main.__dict__["__file__"] = name
        self.run_code(data)
        return True

    def input_line(self, prompt: str) -> str:
        """input() at the REPL: MicroPython's readline, echo and editing included."""
        from .gexc import GUEST_EXC
        from .line_editor import CTRL_C, CTRL_D, LineEditor

        code, text = LineEditor(self.console, None, auto_indent=False).readline(b"", prompt)
        if code == CTRL_C:
            raise GUEST_EXC["KeyboardInterrupt"]()
        if code in (EOF, CTRL_D) and not text:
            raise GUEST_EXC["EOFError"]()
        return text.decode("utf-8", "replace")

    # ---- completion ------------------------------------------------------------------------
    def complete(self, typed: str) -> tuple[str, list[str]]:
        """MicroPython's mp_repl_autocomplete: (text to insert, matches when several)."""
        m = re.search(r"[A-Za-z0-9_.]*$", typed)
        chain = m.group(0) if m else ""
        *path, part = chain.split(".")
        try:
            names = self._names(path)
        except Exception:  # noqa: BLE001 - a lookup that fails completes nothing
            return "", []
        if typed.startswith("import ") and not path:
            names = []
        matches = sorted({n for n in names if n.startswith(part) and (part or n[:1] != "_")})
        if not matches:
            if chain == typed and part and "import ".startswith(part) and not path:
                return "import "[len(part):], []
            return "", []
        common = matches[0]
        for n in matches[1:]:
            while not n.startswith(common):
                common = common[:-1]
        if len(matches) == 1 or len(common) > len(part):
            return common[len(part):], []
        return "", matches

    def _names(self, path: list[str]) -> list[str]:
        vm = self.vm
        if not path:
            return [k for k in self.main.__dict__ if isinstance(k, str)]
        obj = self.main.__dict__[path[0]]
        for name in path[1:]:
            obj = vm.sandbox.getattr(obj, name)
        return [n for n in vm.builtins["dir"](obj) if isinstance(n, str)]

    # ---- texts ----------------------------------------------------------------------------
    def banner(self) -> str:
        from .vmmods import CIRCUITPYTHON_VERSION, MICROPYTHON_VERSION

        machine = machine_name(self.vm)
        if self.flavour == "circuitpython":
            v = ".".join(map(str, CIRCUITPYTHON_VERSION))
            return f"\nAdafruit CircuitPython {v} on {CIRCUITPYTHON_BUILD_DATE}; {machine}\n"
        v = ".".join(map(str, MICROPYTHON_VERSION))
        return (f"MicroPython v{v} on {BUILD_DATE}; {machine}\n"
                'Type "help()" for more information.\n')


def machine_name(vm) -> str:
    """"<board> with <mcu>", as the banner and os.uname().machine say it."""
    from .vmmods import machine_text

    return machine_text(vm)


def _exit_status(e: BaseException) -> int:
    c = e.args[0] if e.args else 0
    if c is None:
        return 0
    return c & 0xFF if isinstance(c, int) and not isinstance(c, bool) else 1


def _syntax_error(message: str, name: str = "<stdin>") -> str:
    """mpy-cross's message as the REPL prints a SyntaxError (its file named as the input)."""
    lines = [ln for ln in message.strip().splitlines() if ln.strip()]
    where = next((ln for ln in lines if ln.strip().startswith("File ")), "")
    m = re.search(r"line (\d+)", where)
    last = lines[-1] if lines else "SyntaxError: invalid syntax"
    if m is None:
        return f"{last}\n"
    return f'Traceback (most recent call last):\n  File "{name}", line {m.group(1)}\n{last}\n'

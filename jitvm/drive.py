"""A folder run as a CIRCUITPY drive: the program it holds, its scenario, boot.py and
boot_out.txt, and `--watch`'s reload loop, with CircuitPython's supervisor messages.

Facts from CircuitPython's `main.c` (the supervisor): the program is the first of
`code.txt, code.py, main.py, main.txt`; `boot.py` (or `boot.txt`) runs first in a VM of its
own, its output (after the version line, `Board ID:` and `UID:` lines and `boot.py
output:`) goes to `boot_out.txt`, rewritten only when it changed; after the program
`\\nCode done running.\\n`, an auto-reload on a file change `soft reboot\\n`; the status line
`Auto-reload is on. Simply save files over USB to run them or enter REPL to disable.\\n`.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

# CircuitPython's supervisor looks for these, in this order; jitvm also runs compiled .mpy
# files and MicroPython's main.py
PROGRAM_NAMES = ("code.txt", "code.py", "code.mpy", "main.py", "main.mpy", "main.txt")
BOOT_NAMES = ("boot.py", "boot.txt")
CP_VERSION = "10.0.3"  # sys.implementation.version of the CircuitPython flavour
CP_BUILD_DATE = "2025-10-17"  # the date of the 10.0.3 tag, as a release build prints it

AUTO_RELOAD_ON = ("Auto-reload is on. Simply save files over USB to run them or enter REPL "
                  "to disable.\n")
CODE_DONE = "\nCode done running.\n"
CODE_STOPPED = "\nCode stopped by auto-reload. Reloading soon.\n"
SOFT_REBOOT = "soft reboot\n"
PRESS_ANY_KEY = "Press any key to enter the REPL. Use CTRL-D to reload.\n"


class DriveError(Exception):
    """A drive that cannot run (no program, a scenario that contradicts --layout): one line."""


def find_program(folder: Path) -> Path:
    for name in PROGRAM_NAMES:
        if (folder / name).is_file():
            return folder / name
    raise DriveError(f"{folder}: no program to run (looked for {', '.join(PROGRAM_NAMES)})")


def apply_drive_defaults(args, folder: Path | None) -> None:
    """The drive's own `scenario.toml` unless --scenario was given (`--scenario none`: no
    scenario), and the scenario's `layout` as the board when --layout was not given."""
    scenario = getattr(args, "scenario", None)
    if scenario is not None and scenario.lower() == "none":
        args.scenario = None
        return
    if scenario is None and folder is not None and (folder / "scenario.toml").is_file():
        args.scenario = str(folder / "scenario.toml")
    if not getattr(args, "scenario", None) or (getattr(args, "board", None) or "sim") != "sim":
        return
    layout = scenario_layout(args.scenario)
    given = getattr(args, "layout", None)
    if layout is None:
        return
    if given is None:
        args.layout = layout
    elif not _same_layout(given, layout):
        raise DriveError(f"{args.scenario}: written for board layout {layout!r}, but --layout "
                         f"is {given!r}")


def scenario_layout(path: str) -> str | None:
    import tomllib

    try:
        with open(path, "rb") as f:
            meta = tomllib.load(f).get("scenario")
    except (OSError, ValueError):
        return None  # hal reports the bad file when the board opens
    layout = meta.get("layout") if isinstance(meta, dict) else None
    return layout if isinstance(layout, str) else None


def _same_layout(a: str, b: str) -> bool:
    return Path(a).stem == Path(b).stem or layout_facts(a)["board_id"] == layout_facts(b)["board_id"]


def layout_facts(layout: str | None) -> dict:
    """name, board_id and mcu of a board layout (the generic board's for None)."""
    import tomllib

    from hal.layout import resolve_layout_path

    try:
        with open(resolve_layout_path(layout or "generic"), "rb") as f:
            data = tomllib.load(f)
    except Exception:  # noqa: BLE001 - a bad layout gets its own error when the board opens
        data = {}
    return {"name": str(data.get("name", "jitvm generic board")),
            "board_id": str(data.get("board_id", layout or "jitvm_generic")),
            "mcu": str(data.get("mcu", "sim"))}


def boot_header(layout: str | None) -> str:
    """What CircuitPython writes before boot.py's output (`main.c`, `MICROPY_FULL_VERSION_INFO`)."""
    from .modules.microcontroller import board_uid

    facts = layout_facts(layout)

    class _Ids:  # board_uid() derives the uid from the board id, as the simulated board does
        board_id = facts["board_id"]

    uid = board_uid(_Ids()).hex().upper()
    return (f"Adafruit CircuitPython {CP_VERSION} on {CP_BUILD_DATE}; {facts['name']} with "
            f"{facts['mcu']}\nBoard ID:{facts['board_id']}\nUID:{uid}\n")


def boot_file(folder: Path) -> Path | None:
    for name in BOOT_NAMES:
        if (folder / name).is_file():
            return folder / name
    return None


class Capture:
    """A VM's stdout kept in memory (boot.py's output for boot_out.txt)."""

    buffer = None

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, s: str) -> int:
        self.parts.append(s)
        return len(s)

    def flush(self) -> None:
        pass

    def text(self) -> str:
        return "".join(self.parts)


def write_boot_out(folder: Path, text: str) -> None:
    """boot_out.txt, written only when its content changes (as the supervisor does; the drive's
    write protection does not apply to it)."""
    path = folder / "boot_out.txt"
    data = text.encode("utf-8", "replace")
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    try:
        path.write_bytes(data)
    except OSError as e:
        print(f"jitvm: {path}: cannot write boot_out.txt ({e.strerror})", file=sys.stderr)


# ---- --watch ------------------------------------------------------------------------------
# CircuitPython reloads on any write from the USB host, never on the program's own writes.
# jitvm cannot tell who wrote a file, so it watches what a person edits: programs, modules,
# settings and the scenario (a program that logs to .txt/.csv does not reload itself).
WATCHED_SUFFIXES = (".py", ".mpy", ".toml")
WATCHED_NAMES = ("code.txt", "main.txt", "boot.txt")


def snapshot(folder: Path) -> dict:
    """path -> (mtime_ns, size) of every watched file on the drive (hidden folders skipped)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and d != "__pycache__"]
        for name in filenames:
            if name.startswith(".") or not (name.endswith(WATCHED_SUFFIXES)
                                            or name in WATCHED_NAMES):
                continue
            p = os.path.join(dirpath, name)
            try:
                st = os.stat(p)
            except OSError:
                continue
            out[p] = (st.st_mtime_ns, st.st_size)
    return out


def wait_for_change(folder: Path, before: dict, poll: float = 0.2) -> None:
    """Return when a file on the drive was added, removed or modified since ``before``."""
    from .interrupt import check

    while snapshot(folder) == before:
        check()  # Ctrl-C raises the guest's KeyboardInterrupt here
        time.sleep(poll)


WATCH_STACK = 256 * 1024


class RunWatcher:
    """While the program runs: a thread that requests an auto-reload when a watched file on
    the drive changes (``jitvm.interrupt.request_reload``)."""

    def __init__(self, folder: Path, poll: float = 0.2) -> None:
        import threading

        self.folder = folder
        self.poll = poll
        self.before = snapshot(folder)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="jitvm-watch", daemon=True)
        from .limits import outside_budget

        old = threading.stack_size(WATCH_STACK)  # a small thread, outside the guest's heap
        try:
            with outside_budget():
                self._thread.start()
        finally:
            threading.stack_size(old)

    def _watch(self) -> None:
        from .interrupt import request_reload

        while not self._stop.wait(self.poll):
            if snapshot(self.folder) != self.before:
                request_reload()
                return

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


# ---- running the drive: boot.py, then the program under --watch ------------------------
def run_boot(vm, boot: Path, folder: Path, args) -> None:
    """boot.py in a VM of its own, its output to boot_out.txt; the pins it claimed are let go
    and the drive keeps the mode boot.py remounted it in (as CircuitPython's supervisor)."""
    from .modules import _hw
    from .runner import run_program
    from .vm import VM

    out = Capture()
    out.write(boot_header(getattr(args, "layout", None)))
    out.write(f"{boot.name} output:\n")
    bvm = VM(str(vm.root), flavour="circuitpython", argv=[boot.name],
             recursion_limit=vm.executor.limit, stdout=out, drive_size=vm.drive.size)
    bvm.flavour_given = True
    bvm.drive = vm.drive
    vm.drive.in_boot = True
    try:
        run_program(bvm, boot)
    finally:
        vm.drive.in_boot = False
        board = _hw.current_board_or_none()
        if board is not None:
            for pin in set(board.pins.values()):
                board.release(pin)  # reset_all_pins() after boot.py
    write_boot_out(folder, out.text())


def watch(vm, file: Path, folder: Path) -> int:
    """--watch: run, print CircuitPython's supervisor lines, wait for a change on the drive,
    soft-reboot (a fresh VM on the same board) and run again, until Ctrl-C."""
    from . import interrupt
    from .execute import VMAbort
    from .gexc import GUEST_EXC
    from .runner import run_program

    status = 0
    while True:
        vm.stdout.write(AUTO_RELOAD_ON)
        vm.stdout.write(f"{file.name} output:\n")
        watcher = RunWatcher(folder)
        stopped = False
        try:
            status = run_program(vm, file)
        except interrupt.reload_error():
            stopped = True
        except VMAbort as e:
            if getattr(e, "kind", None) != "reload":
                raise  # a reset ends the run
            interrupt.request_reload()  # supervisor.reload(): rerun at once, no waiting
        finally:
            watcher.stop()
        changed = interrupt.clear_reload()  # a change seen just as the program ended
        if stopped:
            vm.stdout.write(CODE_STOPPED)  # a file changed while the program ran
        else:
            vm.stdout.write(CODE_DONE)
            vm.stdout.write("\n" + PRESS_ANY_KEY)
            vm.stdout.flush()
            try:
                if not changed:
                    wait_for_change(folder, watcher.before)
            except GUEST_EXC["KeyboardInterrupt"]:
                return status  # Ctrl-C while waiting: the watch ends
        vm.stdout.write(SOFT_REBOOT)
        vm = _fresh_vm(vm)
        try:
            file = find_program(folder)
        except DriveError as e:
            vm.stdout.write(f"{e}\n")
            return status


def _fresh_vm(old):
    from .modules import _hw
    from .vm import VM

    vm = VM(str(old.root), flavour=old.flavour, argv=list(old.argv),
            recursion_limit=old.executor.limit, stdout=old.stdout, drive_size=old.drive.size)
    for name in ("autoflush", "flavour_given", "tier", "jit_threshold", "jit_log", "board_mcu",
                 "viper_bits", "translating"):
        if hasattr(old, name):
            setattr(vm, name, getattr(old, name))
    vm.drive.readonly, vm.drive.usb_visible = old.drive.readonly, old.drive.usb_visible
    board = _hw.current_board_or_none()
    if board is not None:
        for pin in set(board.pins.values()):
            board.release(pin)
    return vm

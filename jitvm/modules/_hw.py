"""The running VM's board and its background work: timers, soft IRQs, keypad scans, sleeping.

Host-only (the leading underscore hides it from guests).  Guest hardware modules (``board``,
``digitalio``, ``machine``, ``time`` ...) all reach the hal board through :func:`get_board`, and
all waiting goes through :func:`sleep_ns` so that work scheduled on the board's clock (machine.Timer
callbacks, Pin.irq handlers, keypad scans) runs at the right virtual time, between guest
instructions, never inside a hal callback.

The VM should call :func:`set_board` (or :func:`set_board_factory`, which opens the board only
when a guest first needs it; or let :func:`get_board` open the default sim board),
:func:`set_flavor` with the program's flavour, :func:`service` at safe points (e.g. whenever it
advances the virtual clock), and :func:`reset` after a run.  :class:`ResetRequested` escapes a run
when the guest calls ``machine.reset()`` / ``microcontroller.reset()``.
"""

from __future__ import annotations

import itertools
import time as _host_time
from collections import deque

from jitvm.execute import VMAbort

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:  # hal itself is imported when a board is first needed, not at start-up
    from collections.abc import Callable
    from typing import Any

    from hal.api import Board, Pin

#: Virtual boards start their calendar at 2000-01-01 00:00:00 UTC, as a CircuitPython board without
#: a set RTC does; seconds are counted from 1970 (both runtimes' epoch on current ports).
VIRTUAL_EPOCH_START = 946_684_800

#: How late (virtual ns) a soft IRQ may run after its edge while the guest sleeps.  Sleeps are cut
#: into slices this long only while some IRQ handler is registered.
IRQ_LATENCY_NS = 1_000_000

#: MicroPython's scheduler queue holds 8 entries; later soft IRQs are dropped while it is full.
SOFT_QUEUE_DEPTH = 8

_ERRNO_NAMES = {5: "EIO", 19: "ENODEV", 110: "ETIMEDOUT", 22: "EINVAL", 16: "EBUSY"}
_ERRNO_TEXTS = {
    5: "Input/output error",
    19: "No such device",
    110: "Connection timed out",
    22: "Invalid argument",
    16: "Device or resource busy",
}


class ResetRequested(VMAbort):
    """The guest asked the board to reset (``machine.reset()``); the VM ends the run.

    A BaseException so that a guest ``except Exception`` cannot swallow it.
    """

    def __init__(self, kind: str = "hard") -> None:
        super().__init__(kind)
        self.kind = kind


class Task:
    """Work due at a virtual time; ``cancel()`` drops it."""

    __slots__ = ("action", "cancelled", "deadline_ns")

    def __init__(self, deadline_ns: int, action: Callable[[int], None]) -> None:
        self.deadline_ns = deadline_ns
        self.action = action
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class _State:
    """Everything that belongs to one run; replaced wholesale by reset()."""

    def __init__(self) -> None:
        self.board: Board | None = None
        self.owned = False  # True when get_board() opened the board itself
        self.factory: Callable[[], Board] | None = None  # opens the run's board on first use
        self.flavor = "circuitpython"
        self.tasks: list[tuple[int, int, Task]] = []
        self.soft_queue: deque[tuple[Callable[..., Any], tuple]] = deque()
        self.irq_sources = 0  # registered edge handlers; >0 makes sleeps sliced
        self.in_service = False
        self.singletons: dict[str, Any] = {}
        self.machine_pins: dict[Pin, Any] = {}
        self.epoch_offset_s = VIRTUAL_EPOCH_START
        self.cpu_frequency = 125_000_000
        self.end_hooks: list[Callable[[], None]] = []
        self.threads: Any = None  # jitvm.greenthreads.Scheduler once the guest starts a thread


_state = _State()
_seq = itertools.count()
_board_hooks: list[Callable[[Board], None]] = []


def _default_reporter(exc: BaseException) -> None:
    import sys

    print(f"Traceback (most recent call last):\n{type(exc).__name__}: {exc}", file=sys.stderr)


_exception_reporter: Callable[[BaseException], None] = _default_reporter


def set_exception_reporter(report: Callable[[BaseException], None]) -> None:
    """How an exception escaping a soft IRQ / Timer callback is shown.  MicroPython's scheduler
    prints the traceback and carries on; the VM should pass its traceback printer here."""
    global _exception_reporter
    _exception_reporter = report


# --------------------------------------------------------------------------- board and flavour


def set_board(board: Board) -> None:
    """Make ``board`` the current board (the caller keeps ownership and closes it)."""
    reset()
    _state.board = board
    _state.owned = False
    _state.epoch_offset_s = _epoch_offset(board)
    for hook in _board_hooks:
        hook(board)


def set_board_factory(factory: Callable[[], Board]) -> None:
    """Make the board ``factory()`` returns the current board when a guest first needs it (the
    caller keeps ownership of that board and closes it): a run that never touches hardware
    never pays for opening one."""
    reset()
    _state.factory = factory


def get_board() -> Board:
    """The current board; opens it on first use (set_board_factory's, else the default sim)."""
    board = _state.board
    if board is None:
        factory = _state.factory
        if factory is not None:
            board = factory()
            _state.factory = None
            _state.board = board  # no reset(): what the run set up before the board stays
            _state.owned = False
            _state.epoch_offset_s = _epoch_offset(board)
            for hook in _board_hooks:
                hook(board)
            return board
        import hal

        board = hal.open_board("sim")
        set_board(board)
        _state.owned = True
    return board


def reset() -> None:
    """Forget the run: cancel timers and queued IRQs, drop singletons; close an owned board."""
    global _state
    old = _state
    flavor = old.flavor
    _state = _State()
    _state.flavor = flavor
    if old.threads is not None:
        old.threads.close()
    if old.board is not None and old.owned:
        old.board.close()


def on_board_change(hook: Callable[[Board], None]) -> None:
    """Call ``hook(board)`` whenever a new board becomes current (board/microcontroller
    modules rebuild their pin attributes there)."""
    _board_hooks.append(hook)


def at_run_end(hook: Callable[[], None]) -> None:
    """Call ``hook()`` when the program has ended, before the run's outputs are written (a
    display with auto_refresh shows what was drawn last, as a board keeps refreshing)."""
    _state.end_hooks.append(hook)


def run_end() -> None:
    """The program has ended: run the at_run_end hooks (each once)."""
    hooks, _state.end_hooks = _state.end_hooks, []
    for hook in hooks:
        try:
            hook()
        except Exception as exc:  # noqa: BLE001 - reported; the run's outputs still get written
            _exception_reporter(exc)


def current_board_or_none() -> Board | None:
    return _state.board


def set_flavor(flavor: str) -> None:
    """``"circuitpython"`` or ``"micropython"``: picks error texts and time tuple shapes."""
    if flavor not in ("circuitpython", "micropython"):
        raise ValueError(f"unknown flavor {flavor!r}")
    _state.flavor = flavor


_drive_opener: Callable[[str, str], Any] | None = None


def set_drive_opener(opener: Callable[[str, str], Any]) -> None:
    """How host modules open a file on the guest's drive (the VM's guest ``open``)."""
    global _drive_opener
    _drive_opener = opener


def open_on_drive(path: str, mode: str = "rb") -> Any:
    """Open ``path`` on the drive as the guest's ``open`` would (OSError(ENOENT) if absent)."""
    if _drive_opener is None:
        raise OSError(2, "No such file/directory")
    return _drive_opener(path, mode)


_console_access: tuple[Callable[[], Any], Callable[[Any], None]] | None = None


class _ConsoleTap:
    """The VM's stdout, also copied to ``tap`` (a display's terminal, as CircuitPython's console
    goes to both the serial port and the display)."""

    def __init__(self, out: Any, tap: Callable[[str], None]) -> None:
        self._out = out
        self._tap = tap

    def write(self, text: str) -> Any:
        result = self._out.write(text)
        try:
            self._tap(text)
        except Exception:  # noqa: BLE001 - the display must never break the console
            pass
        return result

    def __getattr__(self, name: str) -> Any:
        return getattr(self._out, name)


def set_console_access(get: Callable[[], Any], put: Callable[[Any], None]) -> None:
    """How the VM's stdout is read and replaced (the VM registers it)."""
    global _console_access
    _console_access = (get, put)


def console_write(text: str) -> None:
    """Print on the board's console (the VM's stdout): where a board's firmware prints its
    own reports (an unhandled thread exception, a warning), one stream with print()."""
    import sys

    out = _console_access[0]() if _console_access is not None else sys.stdout
    out.write(text)


def tap_console(tap: Callable[[str], None]) -> bool:
    """Copy everything the guest prints from now on to ``tap(text)``; False if no VM."""
    if _console_access is None:
        return False
    get, put = _console_access
    put(_ConsoleTap(get(), tap))
    return True


def flavor() -> str:
    return _state.flavor


def board_mcu() -> str:
    """The microcontroller the board layout names ("" for none: the generic sim board)."""
    layout = getattr(get_board(), "_layout", None)
    raw = getattr(layout, "raw", None) or {}
    mcu = str(raw.get("mcu", "")).lower()
    return "" if mcu == "sim" else mcu


def singletons() -> dict[str, Any]:
    """Per-run storage for board.I2C()-style singletons and module registries."""
    return _state.singletons


def machine_pins() -> dict[Pin, Any]:
    """Per-run map hal Pin -> machine.Pin (MicroPython pins are shared, never 'in use')."""
    return _state.machine_pins


def cpu_frequency() -> int:
    return _state.cpu_frequency


def set_cpu_frequency(hz: int) -> None:
    _state.cpu_frequency = hz


def _epoch_offset(board: Board) -> int:
    if board.clock.virtual:
        return VIRTUAL_EPOCH_START
    # A real clock counts from board start; anchor it to the host's wall clock once.
    return int(_host_time.time()) - board.clock.monotonic_ns() // 1_000_000_000


def epoch_seconds(now_ns: int) -> int:
    """Seconds since 1970 for a board clock reading."""
    return _state.epoch_offset_s + now_ns // 1_000_000_000


def epoch_offset_s() -> int:
    return _state.epoch_offset_s


# --------------------------------------------------------------------------- errors and values


def os_error(code: int) -> OSError:
    """OSError as the current flavour prints it: ``[Errno 19] ENODEV`` (MicroPython) or
    ``[Errno 19] No such device`` (CircuitPython); ``.errno`` is set either way."""
    table = _ERRNO_NAMES if _state.flavor == "micropython" else _ERRNO_TEXTS
    return OSError(code, table.get(code, str(code)))


def reraise_os_error(exc: OSError) -> OSError:
    """Normalise an OSError from the hal into the flavour's form."""
    code = exc.errno if exc.errno is not None else (exc.args[0] if exc.args else None)
    if isinstance(code, int):
        return os_error(code)
    return exc


def type_name(obj: object) -> str:
    return type(obj).__name__


def require_pin(obj: object, arg_name: str = "pin") -> Pin:
    """CircuitPython's validate_obj_is_pin: a hal Pin, else TypeError."""
    from hal.api import Pin

    if isinstance(obj, Pin):
        return obj
    raise TypeError(f"{arg_name} must be of type Pin, not {type_name(obj)}")


def buffer(obj: object, writable: bool = False):
    """The bytes behind a guest buffer (bytes, bytearray, memoryview, guest array)."""
    try:
        from jitvm.modules.array import require_buffer
    except ImportError:  # the array module is another concern; plain buffers still work
        if isinstance(obj, (bytearray, memoryview)) or (not writable and isinstance(obj, bytes)):
            return obj
        raise TypeError("object with buffer protocol required") from None
    return require_buffer(obj, writable)


def int_range(value: int, low: int, high: int, name: str) -> int:
    """CircuitPython's mp_arg_validate_int_range."""
    if not isinstance(value, int):
        raise TypeError(f"{name} must be of type int, not {type_name(value)}")
    if value < low or value > high:
        raise ValueError(f"{name} must be {low}-{high}")
    return value


# --------------------------------------------------------------------------- clock work


def threads(create: bool = True) -> Any:
    """The run's guest-thread scheduler (made on first use when ``create``)."""
    sched = _state.threads
    if sched is None and create:
        from jitvm.greenthreads import Scheduler

        sched = _state.threads = Scheduler(get_board().clock, board_sleep_ns)
    return sched


def now_ns() -> int:
    """The board clock, after running whatever became due."""
    now = get_board().clock.monotonic_ns()
    service(now)
    return now


def schedule_at(deadline_ns: int, action: Callable[[int], None]) -> Task:
    """Run ``action(deadline_ns)`` once the board clock reaches ``deadline_ns``."""
    from heapq import heappush  # here: a run that schedules nothing never imports it

    task = Task(deadline_ns, action)
    heappush(_state.tasks, (deadline_ns, next(_seq), task))
    return task


def queue_soft(handler: Callable[..., Any], *args: Any) -> bool:
    """Queue a guest callback (soft IRQ) for the next safe point; False if the queue is full."""
    if len(_state.soft_queue) >= SOFT_QUEUE_DEPTH:
        return False
    _state.soft_queue.append((handler, args))
    return True


def irq_source_added() -> None:
    _state.irq_sources += 1


def irq_source_removed() -> None:
    _state.irq_sources = max(0, _state.irq_sources - 1)


def _next_deadline() -> int | None:
    from heapq import heappop

    tasks = _state.tasks
    while tasks and tasks[0][2].cancelled:
        heappop(tasks)
    return tasks[0][0] if tasks else None


def service(now: int | None = None) -> None:
    """Run due tasks and queued soft IRQs.  Not re-entrant: a callback that sleeps does not
    run other callbacks (MicroPython's scheduler does not nest either)."""
    state = _state
    if state.in_service or (not state.tasks and not state.soft_queue):
        return
    board = state.board
    if board is None:
        return
    if now is None:
        now = board.clock.monotonic_ns()
    state.in_service = True
    try:
        while True:
            if state.soft_queue:
                handler, args = state.soft_queue.popleft()
                try:
                    handler(*args)
                except Exception as exc:  # noqa: BLE001 - reported, run goes on
                    _exception_reporter(exc)
                continue
            deadline = _next_deadline()
            if deadline is None or deadline > now:
                break
            from heapq import heappop

            _, _, task = heappop(state.tasks)
            task.action(task.deadline_ns)
            if state is not _state:  # the callback reset the run
                break
    finally:
        state.in_service = False


def sleep_ns(ns: int) -> None:
    """Wait ``ns`` on the board clock, running timers and soft IRQs when they are due; with
    guest threads, the others run meanwhile (see jitvm.greenthreads)."""
    threads = _state.threads
    if threads is not None:
        threads.sleep(ns)
        return
    board_sleep_ns(ns)


def pause() -> None:
    """A zero-length sleep (``sleep_ms(0)``): due work runs, other guest threads get a turn."""
    threads = _state.threads
    if threads is not None:
        threads.sleep(0)
    service()


def board_sleep_ns(ns: int) -> None:
    """sleep_ns for the board alone: the clock moves, timers and IRQs run."""
    board = get_board()
    clock = board.clock
    end = clock.monotonic_ns() + max(0, ns)
    service()
    while True:
        now = clock.monotonic_ns()
        if now >= end:
            break
        step = end - now
        deadline = _next_deadline()
        if deadline is not None and not _state.in_service:
            step = min(step, max(0, deadline - now))
        if _state.irq_sources and not _state.in_service:
            step = min(step, IRQ_LATENCY_NS)
        if step > 0:
            clock.sleep_ns(step)
        service()
    service()

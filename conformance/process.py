"""Run one child process with a hard time limit and capture what it printed, bounded.

Every child runs in its own session (so its own process group). Its stdout and
stderr are read as they come: only the first `HEAD_BYTES` and the last `TAIL_BYTES`
of each are kept, with a SHA-256 of the whole (after `\\r\\n` -> `\\n`) and the number
of bytes left out, so verdicts stay exact while memory stays bounded whatever a test
prints. When the direct child has exited (or been killed at the time limit) the
rest of its group is killed; a grandchild that escaped the group with its own
session may still hold the pipes, so they are read for `EXIT_GRACE` seconds more
at most, then closed.
"""

from __future__ import annotations

import errno
import hashlib
import math
import os
import selectors
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HEAD_BYTES = 64 * 1024  # kept from the start of each stream
TAIL_BYTES = 64 * 1024  # kept from the end of each stream
READ_CHUNK = 64 * 1024
EXIT_GRACE = 0.5  # seconds the pipes stay open once the direct child has ended
_POLL_TICK = 0.05  # exit polling when pidfd_open is unavailable

# Limits for programs run unsandboxed (the CPython reference): see `ResourceLimits`.
LIMIT_ADDRESS_SPACE = 2 * 1024**3
LIMIT_DATA = 2 * 1024**3
LIMIT_FILE_SIZE = 64 * 1024**2
_LIMITED = Path(__file__).with_name("limited.py")


@dataclass(frozen=True)
class Output:
    """What one stream held: its head and tail, and how much was cut between them.

    `digest` is the SHA-256 of the whole stream, so two outputs compare exactly
    even when both were cut. Nothing is cut when the stream fits in head + tail.
    """

    head: bytes
    tail: bytes = b""
    cut: int = 0  # bytes dropped between head and tail
    digest: str = ""

    @classmethod
    def of(cls, data: bytes) -> Output:
        """The capture of `data` as if a child had printed it (normalised, maybe cut)."""
        capture = Capture()
        capture.feed(data)
        return capture.finish()

    @classmethod
    def of_file(cls, path: Path) -> Output:
        """A file's content, read in chunks (an `.exp` file may be large too)."""
        capture = Capture()
        with open(path, "rb") as f:
            while chunk := f.read(READ_CHUNK):
                capture.feed(chunk)
        return capture.finish()

    @property
    def size(self) -> int:
        """Bytes in the whole stream."""
        return len(self.head) + self.cut + len(self.tail)

    def shown(self) -> bytes:
        """The stream for people: all of it, or head + `[... N bytes cut ...]` + tail."""
        if not self.cut:
            return self.head + self.tail
        gap = b"" if self.head.endswith(b"\n") or not self.head else b"\n"
        return self.head + gap + f"[... {self.cut} bytes cut ...]\n".encode() + self.tail

    def same_as(self, other: Output) -> bool:
        """Exactly the same stream (by size and digest, whatever was cut)."""
        return self.size == other.size and self.digest == other.digest

    def equals(self, data: bytes) -> bool:
        """Is the whole stream exactly `data` (already normalised)?"""
        if self.size != len(data):
            return False
        if not self.cut:
            return self.head + self.tail == data
        return self.digest == hashlib.sha256(data).hexdigest()


class Capture:
    """Collects a stream chunk by chunk into an `Output`, in bounded memory.

    `\\r\\n` becomes `\\n` on the way in (as run-tests.py compares), also when a
    chunk ends between the two bytes.
    """

    def __init__(self, head: int = HEAD_BYTES, tail: int = TAIL_BYTES):
        self._head_max = head
        self._tail_max = tail
        self._head = bytearray()
        self._tail = bytearray()
        self._cut = 0
        self._hash = hashlib.sha256()
        self._cr = False  # the last chunk ended with b"\r", held back

    def feed(self, chunk: bytes) -> None:
        if self._cr:
            chunk = b"\r" + chunk
            self._cr = False
        if chunk.endswith(b"\r"):
            chunk = chunk[:-1]
            self._cr = True
        self._add(chunk.replace(b"\r\n", b"\n"))

    def _add(self, data: bytes) -> None:
        if not data:
            return
        self._hash.update(data)
        room = self._head_max - len(self._head)
        if room > 0:
            self._head += data[:room]
            data = data[room:]
        if not data:
            return
        self._tail += data
        excess = len(self._tail) - self._tail_max
        if excess > 0:
            self._cut += excess
            del self._tail[:excess]

    def finish(self) -> Output:
        if self._cr:
            self._cr = False
            self._add(b"\r")
        return Output(bytes(self._head), bytes(self._tail), self._cut, self._hash.hexdigest())


@dataclass
class ProcessOutcome:
    """What a finished (or killed) child process left behind."""

    returncode: int | None  # None when the harness killed it for running too long
    stdout: Output
    stderr: Output
    seconds: float  # until the direct child ended

    @property
    def killed_for_time(self) -> bool:
        return self.returncode is None


@dataclass(frozen=True)
class ResourceLimits:
    """rlimits set in the child before it starts the real program (via limited.py).

    A wrapper that execs, not `preexec_fn`: the harness runs tests from threads,
    where `preexec_fn` is unsafe.
    """

    address_space: int = LIMIT_ADDRESS_SPACE
    data: int = LIMIT_DATA
    file_size: int = LIMIT_FILE_SIZE
    cpu_seconds: int = 60

    @classmethod
    def for_time_limit(cls, limit: float) -> ResourceLimits:
        """Default limits, with CPU time a little above the wall-clock `limit`."""
        return cls(cpu_seconds=math.ceil(limit) + 2)

    def wrap(self, cmd: list[str]) -> list[str]:
        """`cmd` run through limited.py, which sets the limits then execs it."""
        if shutil.which(cmd[0]) is None:
            # Fail like Popen would have without the wrapper, not as exit 127.
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), cmd[0])
        limits = [
            f"AS={self.address_space}",
            f"DATA={self.data}",
            f"FSIZE={self.file_size}",
            f"CPU={self.cpu_seconds}",
        ]
        return [sys.executable, "-I", "-S", str(_LIMITED), *limits, "--", *cmd]


def _environment(extra: dict | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra or {})
    # run-tests.py sets this so CPython prints UTF-8 whatever the locale says.
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("PYTHONSTARTUP", None)
    return env


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _has_exited(pid: int) -> bool:
    # WNOWAIT: the child stays a zombie, so its pid (the group's id) cannot be
    # reused before the group is killed.
    try:
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:
        return True


def _pidfd(pid: int) -> int | None:
    # Readable once the process exits: lets select() wake on exit, not poll for it.
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return None


def _collect(
    proc: subprocess.Popen[bytes], start: float, limit: float
) -> tuple[Output, Output, bool, float]:
    """Read the child's pipes until it ends; (stdout, stderr, killed?, seconds)."""
    assert proc.stdout is not None and proc.stderr is not None
    pipes = {
        proc.stdout.fileno(): (proc.stdout, Capture()),
        proc.stderr.fileno(): (proc.stderr, Capture()),
    }
    deadline = start + limit
    ended: float | None = None  # when the direct child exited or was killed
    killed = False
    pidfd = _pidfd(proc.pid)
    selector = selectors.DefaultSelector()
    try:
        for fd in pipes:
            selector.register(fd, selectors.EVENT_READ)
        if pidfd is not None:
            selector.register(pidfd, selectors.EVENT_READ)
        while True:
            now = time.monotonic()
            if ended is None:
                if _has_exited(proc.pid):
                    ended = now
                elif now >= deadline:
                    ended, killed = now, True
                if ended is not None:
                    # Whatever is left of its group goes too (before the reap).
                    _kill_group(proc.pid)
                    if pidfd is not None:
                        selector.unregister(pidfd)
            if ended is None:
                wait = deadline - now if pidfd is not None else min(deadline - now, _POLL_TICK)
            else:
                wait = ended + EXIT_GRACE - now
                if wait <= 0 or not selector.get_map():
                    break  # all pipes at EOF, or held open by an escaped grandchild
            for key, _ in selector.select(wait):
                if key.fd == pidfd:
                    continue  # exited: seen at the top of the loop
                chunk = os.read(key.fd, READ_CHUNK)
                if chunk:
                    pipes[key.fd][1].feed(chunk)
                else:
                    selector.unregister(key.fd)
    finally:
        selector.close()
        if pidfd is not None:
            os.close(pidfd)
        for stream, _ in pipes.values():
            stream.close()
        if ended is None:  # interrupted (an exception): leave nothing running
            _kill_group(proc.pid)
            ended = time.monotonic()
        proc.wait()
    stdout, stderr = (capture.finish() for _, capture in pipes.values())
    return stdout, stderr, killed, ended - start


def run_process(
    cmd: list[str], cwd: Path, limit: float, limits: ResourceLimits | None = None,
    env: dict | None = None,
) -> ProcessOutcome:
    """Run `cmd` in `cwd`, in its own session; after `limit` seconds kill its group.

    Output is kept bounded (see `Output`); `limits` sets rlimits in the child.
    """
    if limits is not None:
        cmd = limits.wrap(cmd)
    start = time.monotonic()
    proc = subprocess.Popen(
        cmd,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_environment(env),
        start_new_session=True,
    )
    stdout, stderr, killed, seconds = _collect(proc, start, limit)
    return ProcessOutcome(None if killed else proc.returncode, stdout, stderr, seconds)


def last_line(data: bytes) -> str:
    """The last non-empty line of some output, for one-line reasons."""
    for line in reversed(data.decode("utf-8", "replace").splitlines()):
        if line.strip():
            return line.strip()[:200]
    return ""


def signal_name(returncode: int) -> str:
    try:
        return signal.Signals(-returncode).name
    except ValueError:
        return f"signal {-returncode}"

"""Starting jitvm's REPL on a pseudo-terminal (pexpect) and `jitvm serve` in a subprocess."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time

import pexpect

TIMEOUT = 20  # seconds for any one step: a hang fails the test, never blocks the suite


def spawn_repl(drive, *extra: str) -> pexpect.spawn:
    """`jitvm repl DRIVE` on a pty, as a user's terminal runs it; the banner read."""
    child = pexpect.spawn(sys.executable, ["-m", "jitvm", "repl", str(drive), *extra],
                          cwd=str(drive), timeout=TIMEOUT, env=dict(os.environ))
    child.expect(b">>> ")
    return child


def until_prompt(child: pexpect.spawn, keys: bytes, prompt: bytes = b">>> ") -> bytes:
    """Type ``keys``; what the REPL printed until the next prompt (echo included)."""
    child.send(keys)
    child.expect(prompt)
    return child.before


def close(child: pexpect.spawn) -> None:
    if child.isalive():
        child.kill(signal.SIGKILL)
    child.close(force=True)


class Server:
    """`jitvm serve DRIVE` in a subprocess: ``path`` is the port it printed. Always ended
    by stop() (SIGTERM, then SIGKILL if it lingers)."""

    def __init__(self, drive, *extra: str) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "jitvm", "serve", str(drive), *extra],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     cwd=str(drive))
        ready, _, _ = select.select([self.proc.stdout], [], [], TIMEOUT)
        if not ready:
            self.stop()
            raise AssertionError("jitvm serve printed no port")
        self.path = self.proc.stdout.readline().decode().strip()
        assert self.path.startswith("/dev/"), self.path

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(TIMEOUT)
        self.proc.stdout.close()
        self.proc.stderr.close()
        return self.proc.returncode


def mpremote(port: str, *args: str, cwd=None) -> subprocess.CompletedProcess:
    """The real mpremote CLI (PyPI) against the port."""
    return subprocess.run([sys.executable, "-m", "mpremote", "connect", port, *args],
                          capture_output=True, text=True, timeout=TIMEOUT, cwd=cwd)


class RawPort:
    """The port opened as a serial tool opens it, for speaking the protocol byte by byte."""

    def __init__(self, path: str) -> None:
        import tty

        self.fd = os.open(path, os.O_RDWR | os.O_NOCTTY)
        tty.setraw(self.fd)

    def write(self, data: bytes) -> None:
        os.write(self.fd, data)

    def read_until(self, ending: bytes, timeout: float = TIMEOUT) -> bytes:
        data = b""
        deadline = time.monotonic() + timeout
        while not data.endswith(ending):
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out waiting for {ending!r}; got {data!r}")
            ready, _, _ = select.select([self.fd], [], [], left)
            if ready:
                data += os.read(self.fd, 1)
        return data

    def read_exactly(self, n: int) -> bytes:
        data = b""
        while len(data) < n:
            data += self._one()
        return data

    def _one(self) -> bytes:
        ready, _, _ = select.select([self.fd], [], [], TIMEOUT)
        if not ready:
            raise AssertionError("timed out reading the port")
        return os.read(self.fd, 1)

    def drain(self) -> None:
        while select.select([self.fd], [], [], 0.2)[0]:
            os.read(self.fd, 4096)

    def close(self) -> None:
        os.close(self.fd)

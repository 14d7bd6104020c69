"""Thonny against `jitvm serve`: Thonny's own MicroPython back-end (PyPI `thonny`, unmodified,
the process its IDE starts for a board on a serial port) run headless, its commands sent as
the IDE sends them. It speaks the raw REPL and raw-paste protocols, lists and moves files,
reads globals, syncs the clock and interrupts running code."""

from __future__ import annotations

import os
import queue
import subprocess
import sys
import threading
import time

import pytest

from .helpers import TIMEOUT, Server

thonny = pytest.importorskip("thonny", reason="Thonny is a test extra (pip install -e .[test])")
from thonny.common import (  # noqa: E402
    ImmediateCommand,
    InlineCommand,
    ToplevelCommand,
    parse_message,
    serialize_message,
)


class Backend:
    """Thonny's bare-metal MicroPython back-end on the port, as the IDE launches it."""

    def __init__(self, port: str, user_dir) -> None:
        import thonny.plugins.micropython.bare_metal_backend as bmb

        args = {"clean": True, "port": port, "dtr": None, "rts": None, "submit_mode": None,
                "interrupt_on_connect": True, "write_block_size": None,
                "write_block_delay": None, "proxy_class": "BareMetalMicroPythonProxy",
                "sync_time": True, "validate_time": False, "local_rtc": True}
        os.makedirs(user_dir, exist_ok=True)  # the IDE makes it before it starts a back-end
        env = dict(os.environ, THONNY_USER_DIR=str(user_dir))
        self.proc = subprocess.Popen([sys.executable, bmb.__file__, repr(args)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env=env)
        self.messages: queue.Queue = queue.Queue()
        self._n = 0
        self._err: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=lambda: self._err.extend(self.proc.stderr), daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            line = line.strip()
            if line and line != "OK":
                try:
                    self.messages.put(parse_message(line))
                except Exception:  # noqa: BLE001 - a line that is not a message
                    self.messages.put(line)

    def send(self, cmd) -> str:
        self._n += 1
        cmd.__dict__["id"] = f"c{self._n}"
        self.proc.stdin.write(serialize_message(cmd) + "\n")
        self.proc.stdin.flush()
        return cmd.__dict__["id"]

    def until(self, pred) -> list:
        """Messages up to and including the first one ``pred`` accepts."""
        seen = []
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                m = self.messages.get(timeout=0.2)
            except queue.Empty:
                assert self.proc.poll() is None, f"the back-end ended: {seen}\n{self.stderr()}"
                continue
            seen.append(m)
            if pred(m):
                return seen
        raise AssertionError(f"no such message from Thonny's back-end; saw {seen}")

    def response(self, cmd_id: str) -> tuple:
        """(the response to command ``cmd_id``, the program output before it)."""
        seen = self.until(lambda m: getattr(m, "__dict__", {}).get("command_id") == cmd_id
                          and "Response" in type(m).__name__)
        out = "".join(m.__dict__.get("data", "") for m in seen[:-1]
                      if getattr(m, "__dict__", {}).get("event_type") == "ProgramOutput")
        return seen[-1], out

    def stderr(self) -> str:
        return "".join(self._err)[-3000:]

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait(TIMEOUT)


@pytest.fixture()
def thonny_session(tmp_path):
    drive = tmp_path / "drive"
    drive.mkdir()
    (drive / "lib").mkdir()
    server = Server(drive)
    backend = Backend(server.path, tmp_path / "thonny-user")
    try:
        yield backend, drive
    finally:
        backend.close()
        server.stop()


def _execute(backend, source: str) -> tuple:
    return backend.response(backend.send(ToplevelCommand("execute_source", source=source,
                                                         tty_mode=True)))


def test_thonny_connects_runs_code_and_reads_globals(thonny_session):
    backend, _ = thonny_session
    welcome = backend.until(lambda m: "welcome_text" in getattr(m, "__dict__", {}))[-1]
    assert welcome["welcome_text"].startswith("MicroPython v1.29.0 on ")
    _, out = _execute(backend, "print(6*7)\nx = [i*i for i in range(5)]\nprint(x)\n")
    assert out == "42\r\n[0, 1, 4, 9, 16]\r\n"
    resp, _ = backend.response(backend.send(InlineCommand("get_globals",
                                                          module_name="__main__")))
    assert resp["globals"]["x"].repr == "[0, 1, 4, 9, 16]"


def test_thonny_file_browser_upload_download(thonny_session):
    backend, drive = thonny_session
    backend.until(lambda m: "welcome_text" in getattr(m, "__dict__", {}))
    data = b"print('from thonny')\n# " + b"x" * 3000 + b"\n"  # several write blocks
    resp, _ = backend.response(backend.send(InlineCommand(
        "write_file", path="/lib/thonny_mod.py", content_bytes=data, editor_id=1, blocks=None,
        make_shebang_scripts_executable=False)))
    assert (drive / "lib" / "thonny_mod.py").read_bytes() == data
    resp, _ = backend.response(backend.send(InlineCommand("read_file", path="/lib/thonny_mod.py",
                                                          editor_id=2)))
    assert resp["content_bytes"] == data
    resp, _ = backend.response(backend.send(InlineCommand(
        "get_dirs_children_info", paths=["/", "/lib"], include_hidden=False, node_id="n")))
    assert resp["data"]["/"]["lib"]["kind"] == "dir"
    assert resp["data"]["/lib"]["thonny_mod.py"]["size"] == len(data)
    _, out = _execute(backend, "import thonny_mod\n")
    assert out == "from thonny\r\n"


def test_thonny_stop_interrupts_a_running_loop(thonny_session):
    backend, _ = thonny_session
    backend.until(lambda m: "welcome_text" in getattr(m, "__dict__", {}))
    cmd_id = backend.send(ToplevelCommand("execute_source", source="n = 0\nwhile True:\n    n += 1\n",
                                          tty_mode=True))
    time.sleep(1.0)
    backend.send(ImmediateCommand("interrupt"))
    seen = backend.until(lambda m: getattr(m, "__dict__", {}).get("command_id") == cmd_id)
    err = "".join(m.__dict__.get("data", "") for m in seen
                  if getattr(m, "__dict__", {}).get("stream_name") == "stderr")
    assert err.endswith("KeyboardInterrupt: \r\n"), err
    _, out = _execute(backend, "print(n > 1000)\n")
    assert out == "True\r\n"

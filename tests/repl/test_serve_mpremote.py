"""`jitvm serve` with the real mpremote (PyPI) and with the raw REPL spoken byte by byte.
The protocol bytes are MicroPython's (shared/runtime/pyexec.c); mpremote is unmodified."""

import time

import pytest

from .helpers import TIMEOUT, RawPort, Server, mpremote


@pytest.fixture(scope="module")
def drive(tmp_path_factory):
    return tmp_path_factory.mktemp("drive")


@pytest.fixture(scope="module")
def server(drive):
    s = Server(drive)
    yield s
    s.stop()


def ok(result):
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def test_exec_and_eval(server):
    assert ok(mpremote(server.path, "exec", "print(6*7)")) == "42\n"
    assert ok(mpremote(server.path, "eval", "2**10")) == "1024\n"


def test_exec_error_is_reported_with_the_traceback(server):
    r = mpremote(server.path, "exec", "1/0")
    assert r.returncode == 1
    assert "ZeroDivisionError: divide by zero" in r.stdout + r.stderr


def test_fs_cp_both_ways_cat_ls_rm_mkdir(server, drive, tmp_path):
    data = bytes(range(256)) * 5 + b"end\n"  # binary, more than one 256-byte chunk
    src = tmp_path / "blob.bin"
    src.write_bytes(data)
    ok(mpremote(server.path, "fs", "cp", str(src), ":blob.bin"))
    assert (drive / "blob.bin").read_bytes() == data
    back = tmp_path / "back.bin"
    ok(mpremote(server.path, "fs", "cp", ":blob.bin", str(back)))
    assert back.read_bytes() == data

    (drive / "notes.txt").write_text("line one\nline two\n")
    assert ok(mpremote(server.path, "fs", "cat", "notes.txt")) == "line one\nline two\n"
    ok(mpremote(server.path, "fs", "mkdir", "sub"))
    assert (drive / "sub").is_dir()
    listing = ok(mpremote(server.path, "fs", "ls"))
    assert "        1284 blob.bin" in listing and "           0 sub/" in listing
    ok(mpremote(server.path, "fs", "rm", "notes.txt"))
    assert not (drive / "notes.txt").exists()
    ok(mpremote(server.path, "fs", "rmdir", "sub"))
    assert not (drive / "sub").exists()
    r = mpremote(server.path, "fs", "cat", "missing.txt")
    assert r.returncode == 1 and "No such file" in r.stdout + r.stderr


def test_run_a_host_file(server, tmp_path):
    prog = tmp_path / "prog.py"
    prog.write_text("import sys\nfor i in range(3):\n    print(i, sys.implementation.name)\n")
    assert ok(mpremote(server.path, "run", str(prog))) == (
        "0 micropython\n1 micropython\n2 micropython\n")


def test_soft_reset_forgets_globals(server):
    # within one mpremote session the globals stay; soft-reset makes them fresh
    r = mpremote(server.path, "exec", "kept = 1", "eval", "kept", "soft-reset",
                 "exec", "print('kept' in globals())")
    assert ok(r) == "1\nFalse\n"
    # a new mpremote session soft-resets the board first, as it does with a real board
    assert ok(mpremote(server.path, "exec", "print('kept' in globals())")) == "False\n"


def test_raw_repl_protocol_bytes(server):
    port = RawPort(server.path)
    try:
        port.write(b"\r\x03")
        port.drain()
        port.write(b"\r\x01")
        port.read_until(b"raw REPL; CTRL-B to exit\r\n>")
        port.write(b"print('out')\r\n1/0\x04")
        reply = port.read_until(b"\x04>")
        assert reply == (b'OK' b'out\r\n' b'\x04' b'Traceback (most recent call last):\r\n'
                         b'  File "<stdin>", line 2, in <module>\r\n'
                         b'ZeroDivisionError: divide by zero\r\n' b'\x04>')
        port.write(b"x=\x04")  # a syntax error: after the first EOF marker, as pyexec's
        assert port.read_until(b"\x04>") == (
            b'OK\x04Traceback (most recent call last):\r\n  File "<stdin>", line 1\r\n'
            b'SyntaxError: invalid syntax\r\n\x04>')
        port.write(b"abc\x03print(5)\x04")  # Ctrl-C clears what was typed
        assert port.read_until(b"\x04>") == b"OK5\r\n\x04\x04>"
        port.write(b"\x02")  # back to the friendly REPL, with its banner
        assert port.read_until(b">>> ").startswith(b"\r\nMicroPython v1.29.0 on ")
    finally:
        port.close()


def test_raw_paste_flow_control_and_interrupt(server):
    port = RawPort(server.path)
    try:
        port.write(b"\r\x03")
        port.drain()
        port.write(b"\r\x01")
        port.read_until(b"raw REPL; CTRL-B to exit\r\n>")
        port.write(b"\x05A\x01")
        assert port.read_exactly(2) == b"R\x01"
        window = int.from_bytes(port.read_exactly(2), "little")
        assert port.read_exactly(1) == b"\x01"
        assert window == 128
        code = b"s = 0\n" + b"s += 1\n" * 100 + b"print(s)\n"  # several windows long
        sent, credit = 0, window
        while sent < len(code):
            if credit == 0:
                assert port.read_exactly(1) == b"\x01"  # another window granted
                credit += window
            chunk = code[sent:sent + credit]
            port.write(chunk)
            sent += len(chunk)
            credit -= len(chunk)
        port.write(b"\x04")
        reply = port.read_until(b"\x04>")
        assert reply.endswith(b"\x04100\r\n\x04\x04>")  # end-of-data ack, output, no error
        assert set(reply[:-len(b"\x04100\r\n\x04\x04>")]) <= {1}  # only window grants before

        port.write(b"while True:\n pass\n\x04")  # a loop, interrupted by Ctrl-C
        port.read_until(b"OK")
        time.sleep(0.3)
        port.write(b"\x03")
        reply = port.read_until(b"\x04>")
        assert reply.startswith(b"\x04Traceback (most recent call last):\r\n")
        assert b"KeyboardInterrupt" in reply
        port.write(b"\x04")  # empty input: soft reset, back in the raw REPL
        assert port.read_until(b"raw REPL; CTRL-B to exit\r\n>") == (
            b"OK\r\nMPY: soft reboot\r\nraw REPL; CTRL-B to exit\r\n>")
        port.write(b"\x02")  # leave the board in the friendly REPL, as mpremote does
        port.read_until(b">>> ")
    finally:
        port.close()


def test_sigterm_ends_the_server_promptly(drive):
    s = Server(drive)
    start = time.monotonic()
    assert s.stop() == 0
    assert time.monotonic() - start < TIMEOUT / 2


def test_mpremote_repl_is_the_friendly_repl(server):
    import sys

    import pexpect

    child = pexpect.spawn(sys.executable, ["-m", "mpremote", "connect", server.path, "repl"],
                          timeout=TIMEOUT)
    try:
        child.expect(b"Use Ctrl-] or Ctrl-x to exit this shell")
        child.send(b"\r")
        child.expect(b">>> ")
        child.send(b"6*7\r")
        child.expect(b"6\\*7\r\n42\r\n>>> ")
        child.send(b"\x04")  # Ctrl-D: the board's soft reboot, then its banner
        child.expect(b"MPY: soft reboot\r\nMicroPython v1.29.0 on ")
        child.expect(b">>> ")
        child.send(b"\x1d")  # Ctrl-]: mpremote leaves
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)


def test_output_nobody_reads_does_not_stop_the_board(server, drive):
    port = RawPort(server.path)
    try:
        port.write(b"\r\x03")
        port.drain()
        port.write(b"for i in range(3000): print('x' * 60)\r\r\r\r"  # ~200 KB: a pty holds 4
                   b"f = open('done.txt', 'w'); f.write('yes'); f.close()\r")
    finally:
        port.close()  # the client goes away without reading
    deadline = time.monotonic() + TIMEOUT
    while not (drive / "done.txt").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert (drive / "done.txt").read_text() == "yes"
    assert mpremote(server.path, "exec", "print('ok')").stdout == "ok\n"


def test_mpremote_mount_imports_reads_and_writes_the_host_folder(server, drive, tmp_path):
    """`mpremote mount .`: mpremote's RemoteFS mounted with os.mount, served over the serial
    line (its 0x18 requests, kbd_intr(-1) while binary data passes, select.poll on stdin)."""
    local = tmp_path / "local"
    (local / "pkg").mkdir(parents=True)
    (local / "mymod.py").write_text("def hello():\n    return 'hi from the host'\n")
    (local / "pkg" / "__init__.py").write_text("from . import sub\n")
    (local / "pkg" / "sub.py").write_text("Y = 6\n")
    blob = bytes(range(256)) * 20  # Ctrl-C and Ctrl-X bytes inside: data, not interrupts
    (local / "blob.bin").write_bytes(blob)
    out = ok(mpremote(server.path, "mount", ".", "exec", "\n".join([
        "import os, mymod, pkg",
        "print(mymod.hello(), pkg.sub.Y, mymod.__file__)",
        "print(os.getcwd(), sorted(os.listdir()))",
        "d = open('blob.bin', 'rb').read()",
        "print(len(d), d == bytes(range(256)) * 20)",
        "f = open('made.bin', 'wb'); f.write(bytes([3, 24, 4]) * 50); f.close()",
        "os.mkdir('newdir'); os.rename('made.bin', 'newdir/moved.bin')",
        "print(os.stat('newdir/moved.bin')[6])",
    ]), cwd=local))
    assert out.splitlines()[1:] == [
        "hi from the host 6 mymod.py",
        "/remote ['blob.bin', 'mymod.py', 'pkg']",
        "5120 True",
        "150",
    ], out
    assert (local / "newdir" / "moved.bin").read_bytes() == bytes([3, 24, 4]) * 50
    assert not (drive / "mymod.py").exists()  # the host folder was read, not copied
    # unmounted afterwards: the board's own drive again
    assert ok(mpremote(server.path, "exec", "import os; print(os.getcwd())")) == "/\n"


def test_mpremote_mount_survives_a_soft_reboot_and_ctrl_c(server, tmp_path):
    import sys

    import pexpect

    local = tmp_path / "local"
    local.mkdir()
    (local / "hostmod.py").write_text("print('hostmod imported')\n")
    child = pexpect.spawn(sys.executable, ["-m", "mpremote", "connect", server.path, "mount",
                                           ".", "repl"], cwd=str(local), timeout=TIMEOUT)
    try:
        child.expect(b"Use Ctrl-] or Ctrl-x to exit this shell")
        child.send(b"\r")
        child.expect(b">>> ")
        child.send(b"\x04")  # mpremote mounts the folder again after the reboot
        child.expect(b"Remount local directory")
        child.expect(b">>> ")
        child.send(b"import hostmod\r")
        child.expect(b"hostmod imported\r\n>>> ")
        child.send(b"while True: pass\r\r")
        time.sleep(0.5)
        child.send(b"\x03")
        child.expect(b"KeyboardInterrupt: \r\n>>> ")
        child.send(b"import os; os.getcwd()\r")
        child.expect(b"'/remote'\r\n>>> ")
        child.send(b"\x1d")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)

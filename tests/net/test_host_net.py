"""`--net host`: real sockets to a local server this test starts, only to `--net-allow` entries.

A second listening port that is not listed must never see a connection (the guest gets
ECONNREFUSED, 111), and names outside the allowlist do not resolve (OSError(-2)), localhost
included."""

from __future__ import annotations

import socket
import textwrap
import threading

import pytest

from .conftest import run, run_src

PROGRAM = """
    import network, socket, sys
    port, other = int(sys.argv[1]), int(sys.argv[2])
    wlan = network.WLAN(network.STA_IF)
    wlan.active(True)
    wlan.connect("jitvm-host", "")
    s = socket.socket()
    s.settimeout(5)
    s.connect(socket.getaddrinfo("127.0.0.1", port)[0][-1])
    s.sendall(b"hello\\n")
    print(s.readline())
    refused = []
    for walk in (lambda: s._c, lambda: s.__dict__, lambda: s.recv.__self__._c,
                 lambda: type(s).__dict__["connect"], lambda: s.makefile().__class__.__init__.__globals__):
        try:
            walk()
            print("ESCAPED")
        except (AttributeError, TypeError, KeyError) as e:
            refused.append(type(e).__name__)
    print("refused", len(refused))
    s.close()
    for label, addr in (("unlisted port", ("127.0.0.1", other)), ("unlisted host", ("10.255.255.1", port))):
        try:
            socket.socket().connect(addr)
            print(label, "CONNECTED")
        except OSError as e:
            print(label, e.errno)
    try:
        socket.getaddrinfo("localhost", port)
    except OSError as e:
        print("localhost", e.errno)
"""


@pytest.fixture
def servers():
    listed, unlisted = socket.socket(), socket.socket()
    for s in (listed, unlisted):
        s.bind(("127.0.0.1", 0))
        s.listen(4)
        s.settimeout(10)

    def serve() -> None:
        try:
            conn, _ = listed.accept()
        except OSError:
            return
        with conn:
            conn.settimeout(10)
            data = b""
            while not data.endswith(b"\n"):
                chunk = conn.recv(100)
                if not chunk:
                    break
                data += chunk
            conn.sendall(b"echo:" + data)

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    yield listed.getsockname()[1], unlisted
    listed.close()
    unlisted.close()
    t.join(5)


def test_allowlisted_port_is_reached_and_nothing_else(tmp_path, servers):
    port, unlisted = servers
    other = unlisted.getsockname()[1]
    p = tmp_path / "host.py"
    p.write_text(textwrap.dedent(PROGRAM))
    r = run(p, "--net", "host", "--net-allow", f"127.0.0.1:{port}", argv=(str(port), str(other)))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == [
        "b'echo:hello\\n'",
        "refused 5",  # no attribute walk from a connected host-backed socket gets anywhere
        "unlisted port 111",
        "unlisted host 111",
        "localhost -2",
    ]
    unlisted.settimeout(0.3)
    with pytest.raises(TimeoutError):
        unlisted.accept()  # the guest's refused connect never reached the host's socket


def test_net_allow_needs_net_host_and_a_port(tmp_path):
    r = run_src(tmp_path, "print(1)\n", "--net-allow", "127.0.0.1:80")
    assert r.returncode != 0 and r.stderr.strip() == "jitvm: --net-allow is for --net host only"
    r = run_src(tmp_path, "print(1)\n", "--net", "host", "--net-allow", "localhost")
    assert r.returncode != 0
    assert r.stderr.strip().endswith("--net-allow 'localhost': expected HOST:PORT (e.g. example.com:443)")

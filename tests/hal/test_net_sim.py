"""hal.net's sim backend from plain CPython: the scenario's [network] section, the access point,
DNS, HTTP (keep-alive, 404/405, failures), the MQTT broker's packets, NTP and the trace."""

from __future__ import annotations

import struct

import pytest

import hal
from hal.api import ScenarioError
from hal.net.api import AssociationError, ResolveError
from hal.net.mqtt import topic_matches

BASE = """
[network]
time = 2026-11-30T12:00:00Z
[[network.ap]]
ssid = "Lab"
password = "labpass1"
"""


def board(tmp_path, extra: str = "", **kw):
    p = tmp_path / "s.toml"
    p.write_text(BASE + extra)
    b = hal.open_board("sim", scenario=str(p), **kw)
    b.network.associate("Lab", "labpass1")
    return b


def exchange(net, ip, port, data: bytes) -> bytes:
    s = net.connect_tcp(ip, port, None)
    s.send(data)
    out = b""
    while s.wait_readable(1_000_000_000):
        chunk = s.recv(4096)
        if not chunk:
            break
        out += chunk
    s.close()
    return out


@pytest.mark.parametrize("text, message", [
    ('[network]\nlatency = "fast"\n', "[network]: 'latency' must be int/float, not str"),
    ('[network]\nip = "300.1.1.1"\n', "[network]: 'ip' is not an IPv4 address: '300.1.1.1'"),
    ('[network]\ntime = "noon"\n', "[network]: 'time' is not an ISO date-time: 'noon'"),
    ('[[network.ap]]\npassword = "x"\n', "network.ap #1: missing key 'ssid'"),
    ('[[network.ap]]\nssid = "a"\nchannel = 15\n', "network.ap #1: 'channel' must be 1-14"),
    ('[[network.http]]\nurl = "ftp://x/"\n',
     "network.http #1: 'url' must be http://host/path or https://host/path, not 'ftp://x/'"),
    ('[[network.http]]\nurl = "http://x/"\nbody = "a"\njson = {a = 1}\n',
     "network.http #1: give one of 'body', 'body_file', 'json', not 'body' and 'json'"),
    ('[[network.http]]\nurl = "http://x/"\nbody_file = "nope.txt"\n',
     "network.http #1: body_file 'nope.txt': No such file or directory"),
    ('[[network.host]]\nname = "x"\nfail = "sometimes"\n',
     "network.host #1: 'fail' must be one of dns, refused, timeout, not 'sometimes'"),
    ('[[network.mqtt]]\nhost = "b"\nmessages = [{topic = "t", payload = 1}]\n',
     "network.mqtt #1 message #1: 'payload' must be str, not int"),
    ('[network]\nwifi = 1\n', "[network]: unknown key 'wifi'"),
])
def test_bad_network_sections_are_one_line_errors(tmp_path, text, message):
    p = tmp_path / "bad.toml"
    p.write_text(text)
    with pytest.raises(ScenarioError) as info:
        hal.open_board("sim", scenario=str(p))
    assert str(info.value) == f"{p}: {message}"


def test_access_point_join_fails_as_a_board_does(tmp_path):
    b = board(tmp_path)
    net = b.network
    net.disassociate()
    with pytest.raises(AssociationError) as info:
        net.associate("Lab", "nope")
    assert info.value.reason == "auth" and net.associated is None
    with pytest.raises(AssociationError) as info:
        net.associate("Other", "x")
    assert info.value.reason == "no_ap"
    with pytest.raises(ResolveError):
        net.resolve("a.example.com")  # no network yet
    net.associate("Lab", "labpass1")
    assert net.ipconfig.ip == "192.168.1.42"
    none = hal.open_board("sim", net="none")
    assert none.network.scan() == []


def test_http_keep_alive_status_codes_and_failures(tmp_path):
    b = board(tmp_path, """
[[network.http]]
url = "http://h.example/a?x=1"
body = "A"
[[network.http]]
url = "http://h.example/reset"
fail = "reset"
""")
    net = b.network
    ip = net.resolve("h.example")
    s = net.connect_tcp(ip, 80, None)
    for path in (b"/a?x=1", b"/a?y=2"):  # a query the scenario did not name falls back to the path
        s.send(b"GET " + path + b" HTTP/1.1\r\nHost: h.example\r\n\r\n")
        assert s.wait_readable(10**9)
        assert s.recv(4096).endswith(b"Connection: keep-alive\r\n\r\nA")
    s.send(b"POST /a HTTP/1.1\r\nContent-Length: 0\r\n\r\n")
    assert s.wait_readable(10**9) and s.recv(4096).startswith(b"HTTP/1.1 405 Method Not Allowed")
    s.close()
    s = net.connect_tcp(ip, 80, None)
    s.send(b"GET /reset HTTP/1.1\r\n\r\n")
    assert s.wait_readable(10**9)
    with pytest.raises(OSError) as info:
        s.recv(10)
    assert info.value.errno == 104
    with pytest.raises(OSError) as info:
        net.connect_tcp(ip, 8080, None)
    assert info.value.errno == 111


def test_mqtt_broker_speaks_3_1_1(tmp_path):
    b = board(tmp_path, """
[[network.mqtt]]
host = "mq.example"
username = "u"
password = "p"
""")
    net = b.network
    ip = net.resolve("mq.example")

    def s16(x: bytes) -> bytes:
        return struct.pack(">H", len(x)) + x

    connect = s16(b"MQTT") + bytes([4, 0xC2]) + struct.pack(">H", 30) + s16(b"c1") + s16(b"u")
    wrong = exchange(net, ip, 1883, bytes([0x10, len(connect) + 3]) + connect + s16(b"x"))
    assert wrong == b"\x20\x02\x00\x04"  # bad user name or password, then the broker hangs up
    s = net.connect_tcp(ip, 1883, None)
    s.send(bytes([0x10, len(connect) + 3]) + connect + s16(b"p"))
    s.send(bytes([0x34, 2 + 5 + 2 + 2]) + s16(b"t/a/b") + b"\x00\x09" + b"hi")  # QoS 2, retained? no
    s.send(b"\x62\x02\x00\x09")  # PUBREL
    s.send(bytes([0x31, 2 + 3 + 1]) + s16(b"t/r") + b"R")  # retained QoS 0
    sub = struct.pack(">H", 5) + s16(b"t/+") + b"\x01"
    s.send(bytes([0x82, len(sub)]) + sub)
    assert s.wait_readable(10**9)
    got = b""
    while s.wait_readable(100_000_000):
        got += s.recv(4096)
    assert got == (b"\x20\x02\x00\x00" + b"\x50\x02\x00\x09" + b"\x70\x02\x00\x09"
                   + b"\x90\x03\x00\x05\x01" + b"\x31\x06\x00\x03t/rR")
    values = [e.value for e in b.trace.of("net", "mqtt")]
    assert "publish t/a/b: hi" in values and "publish t/r: R" in values
    assert topic_matches("a/#", "a/b/c") and topic_matches("+/b", "a/b")
    assert not topic_matches("a/+", "a/b/c")


def test_ntp_answers_the_scenario_epoch_plus_virtual_time(tmp_path):
    b = board(tmp_path)
    net = b.network
    b.clock.sleep_ns(10 * 10**9)
    t0 = b.clock.now()
    d = net.open_udp()
    d.sendto(b"\x1b" + bytes(47), (net.resolve("pool.ntp.org"), 123))
    assert d.wait_readable(10**9)
    data, _ = d.recvfrom(48)
    secs, frac = struct.unpack(">II", data[40:48])
    unix = secs - 2_208_988_800 + frac / 2**32
    expected = 1_796_040_000 + b.clock.now() / 1e9  # 2026-11-30T12:00:00Z + virtual time
    assert abs(unix - expected) < 1e-6 and data[0] & 7 == 4  # a server's answer
    assert b.clock.now() - t0 == 2 * 20_000_000 + 5_000_000  # DNS, then a round trip


def test_host_backend_parses_the_allowlist():
    from hal.api import HalError
    from hal.net.host import parse_allow

    assert parse_allow(["Example.com:443", "127.0.0.1:8080"]) == [("example.com", 443),
                                                                  ("127.0.0.1", 8080)]
    for bad in ("example.com", ":80", "h:0", "h:99999", "h:x"):
        with pytest.raises(HalError):
            parse_allow([bad])
    with pytest.raises(HalError, match="unknown network backend 'wifi'"):
        hal.open_board("sim", net="wifi")


@pytest.mark.parametrize("port, data", [
    (1883, b"\x10\x01\x00"),  # CONNECT too short
    (1883, b"\x30\x05\x00\x03t/xx"),  # PUBLISH before CONNECT
    (1883, b"\x10\xff\xff\xff\xff\x7f"),  # a remaining length of five bytes
    (80, b"GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n"),
    (80, b"GET / HTTP/1.1\r\nContent-Length: lots\r\n\r\n"),
])
def test_malformed_requests_make_the_server_hang_up(tmp_path, port, data):
    b = board(tmp_path, '[[network.mqtt]]\nhost = "s.example"\n'
                        '[[network.http]]\nurl = "http://s.example/"\n')
    net = b.network
    s = net.connect_tcp(net.resolve("s.example"), port, None)
    s.send(data)
    assert s.wait_readable(10**9)
    with pytest.raises(OSError) as info:
        s.recv(10)
    assert info.value.errno == 104  # ECONNRESET, as from a real server that gives up


def test_a_request_line_that_is_not_http_gets_400(tmp_path):
    b = board(tmp_path, '[[network.http]]\nurl = "http://s.example/"\n')
    net = b.network
    reply = exchange(net, net.resolve("s.example"), 80, b"HELLO\r\n\r\n")
    assert reply.startswith(b"HTTP/1.1 400 Bad Request\r\n")

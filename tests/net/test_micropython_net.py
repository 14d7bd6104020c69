"""MicroPython's network/socket/ssl/select/ntptime against `--net sim`, through `jitvm run`.

Expected values come from the scenario (tests/net/conftest.py) and from MicroPython's sources:
getaddrinfo's 5-tuples and OSError(-2) for an unknown name (extmod/modlwip.c), ETIMEDOUT 110 and
EAGAIN 11, the CYW43 STAT_* codes (extmod/modnetwork.c: WRONG_PASSWORD -3, NO_AP_FOUND -2,
GOT_IP 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import SCENARIO_EPOCH, net_events, run_src

# indented as the programs below are (run_src dedents the whole text)
JOIN = """
        import network, socket, time
        wlan = network.WLAN(network.STA_IF)
        wlan.active(True)
        wlan.connect("HomeNet", "secret123")
        while not wlan.isconnected():
            time.sleep(0.1)
"""


def test_wlan_scan_join_status_and_config(tmp_path, scenario):
    r = run_src(tmp_path, """
        import network
        wlan = network.WLAN(network.STA_IF)
        print(wlan.active(), wlan.isconnected(), wlan.status() == network.STAT_IDLE)
        wlan.active(True)
        for ap in sorted(wlan.scan()):
            print(ap)
        wlan.connect("HomeNet", "wrong-pass")
        print(wlan.status() == network.STAT_WRONG_PASSWORD, wlan.status(), wlan.isconnected())
        wlan.connect("NoSuchNet", "whatever1")
        print(wlan.status() == network.STAT_NO_AP_FOUND, wlan.status())
        wlan.connect("HomeNet", "secret123")
        print(wlan.status() == network.STAT_GOT_IP, wlan.isconnected())
        print(wlan.ifconfig())
        print(wlan.ipconfig("addr4"), wlan.config("essid"), wlan.status("rssi"))
        print(len(wlan.config("mac")), network.WLAN(network.STA_IF) is wlan)
        network.hostname("weather")
        print(network.hostname(), wlan.config("hostname"))
        wlan.disconnect()
        print(wlan.isconnected())
    """, "--scenario", str(scenario))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == [
        "False False True",
        "(b'CafeOpen', b'\\x02\\x00\\x00\\x00\\x00\\x02', 1, -71, 0, 0)",
        "(b'HomeNet', b'\\x02\\x11\"3DU', 11, -48, 3, 0)",
        "True -3 False",
        "True -2",
        "True True",
        "('192.168.1.42', '255.255.255.0', '192.168.1.1', '192.168.1.1')",
        "('192.168.1.42', '255.255.255.0') HomeNet -48",
        "6 True",
        "weather weather",
        "False",
    ]


def test_net_none_has_no_access_point(tmp_path):
    r = run_src(tmp_path, """
        import network, socket
        wlan = network.WLAN(network.STA_IF)
        wlan.active(True)
        print(wlan.scan())
        wlan.connect("HomeNet", "secret123")
        print(wlan.status(), wlan.isconnected())
        try:
            socket.getaddrinfo("api.example.com", 80)
        except OSError as e:
            print("OSError", e.errno)
    """, "--net", "none")
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == ["[]", "-2 False", "OSError -2"]


def test_requests_style_http_get_and_post_over_raw_sockets(tmp_path, scenario):
    """What micropython-lib's `requests` does: getaddrinfo, connect, write the request, read the
    status line and headers with readline, then the body."""
    trace = tmp_path / "t.json"
    r = run_src(tmp_path, JOIN + """
        import json
        def request(method, host, path, body=None):
            ai = socket.getaddrinfo(host, 80, 0, socket.SOCK_STREAM)[0]
            s = socket.socket(ai[0], socket.SOCK_STREAM, ai[2])
            s.connect(ai[-1])
            s.write(b"%s /%s HTTP/1.0\\r\\nHost: %s\\r\\n" % (method, path, host))
            if body is not None:
                data = json.dumps(body).encode()
                s.write(b"Content-Type: application/json\\r\\nContent-Length: %d\\r\\n" % len(data))
            s.write(b"\\r\\n")
            if body is not None:
                s.write(data)
            status = int(s.readline().split(None, 2)[1])
            headers = {}
            while True:
                line = s.readline()
                if not line or line == b"\\r\\n":
                    break
                k, v = line.decode().split(":", 1)
                headers[k.strip().lower()] = v.strip()
            content = s.read()
            s.close()
            return status, headers, content
        print(socket.getaddrinfo("api.example.com", 80))
        st, h, c = request(b"GET", b"api.example.com", b"hello")
        print(st, h["content-type"], json.loads(c))
        st, h, c = request(b"POST", b"api.example.com", b"readings", {"t": 21.5})
        print(st, h["x-id"], json.loads(c))
        st, h, c = request(b"GET", b"api.example.com", b"missing")
        print(st, c)
    """, "--scenario", str(scenario), "--trace", str(trace))
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "[(2, 1, 0, '', ('93.184.216.34', 80))]"
    assert lines[1] == "200 application/json {'msg': 'hi', 'n': 3}"
    assert lines[2] == "201 7 {'stored': True, 'id': 7}"
    assert lines[3] == "404 b'Not Found'"
    events = net_events(trace)
    values = [e["value"] for e in events]
    assert "associate HomeNet: ok, ip 192.168.1.42" in values
    assert "api.example.com -> 93.184.216.34" in values
    assert "POST /readings -> 201" in values and "GET /missing -> 404" in values
    post = next(e for e in events if e["value"] == "POST /readings -> 201")
    assert post["data"]["body"] == '{"t": 21.5}'
    assert any(v.startswith("send 93.184.216.34:80 ") for v in values)
    assert any(v.startswith("recv 93.184.216.34:80 ") for v in values)


def test_umqtt_style_publish_subscribe_round_trip(tmp_path, scenario):
    """MQTT 3.1.1 packets built by hand as umqtt.simple does; the broker answers CONNACK, SUBACK,
    PUBACK, PINGRESP and delivers the scenario's scripted message (home/led = on at t=2 s)."""
    trace = tmp_path / "t.json"
    r = run_src(tmp_path, JOIN + """
        import struct
        def pkt(head, body):
            n = len(body)
            out = bytearray([head])
            while True:
                b = n & 0x7F
                n >>= 7
                out.append(b | (0x80 if n else 0))
                if not n:
                    break
            return bytes(out) + body
        def s16(b):
            return struct.pack("!H", len(b)) + b
        def read_packet(s):
            head = s.read(1)[0]
            n = sh = 0
            while True:
                b = s.read(1)[0]
                n |= (b & 0x7F) << sh
                sh += 7
                if not b & 0x80:
                    break
            return head, s.read(n) if n else b""
        s = socket.socket()
        s.connect(socket.getaddrinfo("broker.example.com", 1883)[0][-1])
        s.write(pkt(0x10, s16(b"MQTT") + bytes([4, 2]) + struct.pack("!H", 60) + s16(b"pico1")))
        print("connack", read_packet(s))
        s.write(pkt(0x82, struct.pack("!H", 1) + s16(b"home/#") + b"\\x00"))
        print("suback", read_packet(s))
        s.write(pkt(0x32, s16(b"home/temp") + struct.pack("!H", 2) + b"21.5"))
        print("puback", read_packet(s))
        print("echo", read_packet(s))  # our own publish, as we subscribed to home/#
        s.write(b"\\xc0\\x00")
        print("pingresp", read_packet(s))
        t0 = time.ticks_ms()
        head, body = read_packet(s)
        n = struct.unpack("!H", body[:2])[0]
        print("message", hex(head), body[2:2 + n], body[2 + n:], time.ticks_diff(time.ticks_ms(), t0) > 0)
        s.write(b"\\xe0\\x00")
        print(s.read(1))
        s.close()
    """, "--scenario", str(scenario), "--trace", str(trace))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == [
        "connack (32, b'\\x00\\x00')",
        "suback (144, b'\\x00\\x01\\x00')",
        "puback (64, b'\\x00\\x02')",
        "echo (48, b'\\x00\\thome/temp21.5')",
        "pingresp (208, b'')",
        "message 0x30 b'home/led' b'on' True",
        "b''",
    ]
    values = [e["value"] for e in net_events(trace)]
    assert "publish home/temp: 21.5" in values
    assert "connect pico1: rc 0" in values


def test_ntptime_answers_the_scenario_time_plus_virtual_time(tmp_path, scenario):
    r = run_src(tmp_path, JOIN + """
        import ntptime
        t0 = time.ticks_ms()
        t = ntptime.time()
        print(t - %d, time.ticks_ms() // 1000)
        ntptime.host = "nxdomain.example.com"
        try:
            ntptime.time()
        except OSError as e:
            print("dns", e.errno)
    """ % SCENARIO_EPOCH, "--scenario", str(scenario))
    assert r.returncode == 0, r.stdout + r.stderr
    first, second = r.stdout.splitlines()
    offset, seconds = map(int, first.split())
    assert offset == seconds  # the server's clock is the scenario epoch + the board's virtual time
    assert second == "dns -2"


def test_error_paths_dns_timeout_refused_and_nonblocking(tmp_path, scenario):
    r = run_src(tmp_path, JOIN + """
        def attempt(label, fn):
            try:
                fn()
                print(label, "ok")
            except OSError as e:
                print(label, type(e).__name__, e.errno, e)
        attempt("dns", lambda: socket.getaddrinfo("nxdomain.example.com", 80))
        attempt("unknown", lambda: socket.getaddrinfo("unknown.example.com", 80))
        s = socket.socket()
        attempt("refused", lambda: s.connect(socket.getaddrinfo("down.example.com", 80)[0][-1]))
        s = socket.socket()
        s.settimeout(2)
        t0 = time.ticks_ms()
        attempt("connect timeout", lambda: s.connect(socket.getaddrinfo("blackhole.example.com", 80)[0][-1]))
        print(time.ticks_diff(time.ticks_ms(), t0) // 1000)
        s = socket.socket()
        s.settimeout(1.5)
        s.connect(socket.getaddrinfo("api.example.com", 80)[0][-1])
        s.send(b"GET /hang HTTP/1.1\\r\\nHost: api.example.com\\r\\n\\r\\n")
        t0 = time.ticks_ms()
        attempt("recv timeout", lambda: s.recv(100))
        print(time.ticks_diff(time.ticks_ms(), t0))
        s.setblocking(False)
        attempt("nonblocking", lambda: s.recv(100))
        print(s.read(10), s.readline())
        s.close()
        attempt("closed", lambda: s.send(b"x"))
    """, "--scenario", str(scenario))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == [
        "dns OSError -2 -2",
        "unknown OSError -2 -2",
        "refused OSError 111 [Errno 111] ECONNREFUSED",
        "connect timeout OSError 110 [Errno 110] ETIMEDOUT",
        "2",
        "recv timeout OSError 110 [Errno 110] ETIMEDOUT",
        "1500",
        "nonblocking OSError 11 [Errno 11] EAGAIN",
        "None None",
        "closed OSError 9 [Errno 9] EBADF",
    ]


def test_latency_is_charged_to_virtual_time(tmp_path, scenario):
    r = run_src(tmp_path, JOIN + """
        for host in ("api.example.com", "slow.example.com"):
            addr = socket.getaddrinfo(host, 80)[0][-1]
            t0 = time.ticks_ms()
            s = socket.socket()
            s.connect(addr)
            s.write(b"GET / HTTP/1.0\\r\\n\\r\\n")
            s.read()
            s.close()
            print(host, time.ticks_diff(time.ticks_ms(), t0))
    """, "--scenario", str(scenario))
    assert r.returncode == 0, r.stdout + r.stderr
    fast, slow = (int(line.split()[1]) for line in r.stdout.splitlines())
    assert 40 <= fast <= 42  # connect (one 20 ms round trip) + response (one more)
    assert 1000 <= slow <= 1002  # the host's own latency: 0.5 s each way


def test_tls_wrap_udp_echo_and_select_poll(tmp_path, scenario):
    r = run_src(tmp_path, JOIN + """
        import ssl, select
        s = socket.socket()
        s.connect(socket.getaddrinfo("secure.example.com", 443)[0][-1])
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.verify_mode = ssl.CERT_NONE
        s = ctx.wrap_socket(s, server_hostname="secure.example.com")
        s.write(b"GET /data HTTP/1.0\\r\\nHost: secure.example.com\\r\\n\\r\\n")
        print(s.read().split(b"\\r\\n\\r\\n")[1])
        plain = socket.socket()
        plain.connect(socket.getaddrinfo("api.example.com", 80)[0][-1])
        try:
            ssl.wrap_socket(plain, server_hostname="api.example.com")
        except OSError as e:
            print("handshake", e.errno)
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        u.settimeout(1)
        addr = socket.getaddrinfo("echo.example.com", 7)[0][-1]
        u.sendto(b"ping", addr)
        data, peer = u.recvfrom(16)
        print(data, peer == addr)
        u.connect(addr)
        u.send(b"pong")
        print(u.recv(16))
        e = socket.socket()
        e.connect(socket.getaddrinfo("echo.example.com", 7)[0][-1])
        p = select.poll()
        p.register(e, select.POLLIN)
        print(p.poll(0))
        e.send(b"abc")
        t0 = time.ticks_ms()
        ready = p.poll(1000)
        print(len(ready), ready[0][0] is e, ready[0][1] == select.POLLIN, time.ticks_diff(time.ticks_ms(), t0))
        print(e.recv(10), p.poll(50))
    """, "--scenario", str(scenario))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == [
        "b'secret data\\n'",
        "handshake 104",
        "b'ping' True",
        "b'pong'",
        "[]",
        "1 True True 20",
        "b'abc' []",
    ]


def test_bad_network_section_is_one_line(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[network]\n[[network.http]]\nurl = "http://x.example/"\nstauts = 200\n')
    r = run_src(tmp_path, "print(1)\n", "--scenario", str(bad))
    assert r.returncode != 0
    assert r.stderr.strip().splitlines()[-1].endswith("network.http #1: unknown key 'stauts'")
    assert "Traceback" not in r.stderr


def _machine_has_rtc() -> bool:
    from jitvm.modules import machine

    return hasattr(machine, "RTC")


@pytest.mark.xfail(not _machine_has_rtc(), strict=True,
                   reason="ntptime.settime sets machine.RTC, which the `thread` branch adds")
def test_ntptime_settime_sets_the_board_clock(tmp_path, scenario):
    r = run_src(tmp_path, JOIN + """
        import ntptime
        print(time.time() < 1_000_000_000)
        ntptime.settime()
        print(time.time() - %d - time.ticks_ms() // 1000 in (-1, 0))
        print(time.gmtime()[:3])
    """ % SCENARIO_EPOCH, "--scenario", str(scenario))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == ["True", "True", "(2026, 11, 30)"]


def test_esp32_layouts_get_the_esp32_ports_status_codes(tmp_path, scenario):
    """ports/esp32/modnetwork.h: STAT_IDLE 1000, STAT_GOT_IP 1010; a wrong key leaves ESP-IDF's
    WIFI_REASON_AUTH_FAIL (202); connecting an inactive interface is ESP_ERR_WIFI_NOT_STARTED."""
    generic = (Path(__file__).resolve().parents[2] / "hal" / "boards" / "generic.toml").read_text()
    layout = tmp_path / "esp32_board.toml"
    layout.write_text(generic.replace('mcu = "sim"', 'mcu = "esp32"'))
    r = run_src(tmp_path, """
        import network
        print(network.STAT_IDLE, network.STAT_GOT_IP, network.STAT_WRONG_PASSWORD)
        w = network.WLAN(network.STA_IF)
        try:
            w.connect("HomeNet", "secret123")
        except OSError as e:
            print("OSError:", e)
        w.active(True)
        w.connect("HomeNet", "bad-key-1")
        print(w.status())
        w.connect("HomeNet", "secret123")
        print(w.status(), w.isconnected())
    """, "--layout", str(layout), "--scenario", str(scenario))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == ["1000 1010 202", "OSError: Wifi Not Started", "202",
                                     "1010 True"]

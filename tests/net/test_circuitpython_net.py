"""CircuitPython's wifi/socketpool/ssl/ipaddress with Adafruit's unmodified libraries (requests,
connection manager, MiniMQTT, NTP from PyPI, compiled to .mpy here) against `--net sim`.

Expected texts from CircuitPython's sources: ConnectionError "Authentication failure" / "No
network with that ssid" (shared-bindings/wifi/Radio.c), gaierror(-2, 'Name or service not known')
(shared-bindings/socketpool/SocketPool.c), ETIMEDOUT 110 (ports/raspberrypi socketpool)."""

from __future__ import annotations

import shutil
import textwrap

import pytest

from jitvm.libs import NET_MODULES, build_lib

from .conftest import SCENARIO_EPOCH, net_events, run


@pytest.fixture(scope="module")
def lib_dir(tmp_path_factory):
    lib = tmp_path_factory.mktemp("netlib") / "lib"
    files = build_lib(lib, NET_MODULES)
    assert all(f.suffix == ".mpy" for f in files)
    return lib


def drive(tmp_path, lib_dir, code: str):
    d = tmp_path / "CIRCUITPY"
    d.mkdir()
    shutil.copytree(lib_dir, d / "lib")
    (d / "code.py").write_text(textwrap.dedent(code))
    return d


CONNECT = """
        import wifi, socketpool, ssl, time
        wifi.radio.connect("HomeNet", "secret123")
        pool = socketpool.SocketPool(wifi.radio)
"""


def test_radio_scan_connect_and_errors(tmp_path, lib_dir, scenario):
    d = drive(tmp_path, lib_dir, """
        import wifi, ipaddress
        nets = sorted((n.ssid, n.rssi, n.channel, repr(n.authmode[0])) for n in wifi.radio.start_scanning_networks())
        wifi.radio.stop_scanning_networks()
        print(nets)
        print(wifi.radio.connected, wifi.radio.ipv4_address)
        for ssid, pw in (("HomeNet", "wrongpass"), ("Elsewhere", "password1")):
            try:
                wifi.radio.connect(ssid, pw)
            except ConnectionError as e:
                print("ConnectionError:", e)
        try:
            wifi.radio.connect("HomeNet", "short")
        except ValueError as e:
            print("ValueError:", e)
        wifi.radio.connect("HomeNet", "secret123")
        print(wifi.radio.connected, wifi.radio.ipv4_address, wifi.radio.ipv4_gateway)
        print(wifi.radio.ipv4_address == ipaddress.ip_address("192.168.1.42"), len(wifi.radio.mac_address))
        print(wifi.radio.ap_info.ssid, wifi.radio.ap_info.rssi)
    """)
    r = run(d, "--scenario", str(scenario))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == [
        "[('CafeOpen', -71, 1, 'wifi.AuthMode.OPEN'), ('HomeNet', -48, 11, 'wifi.AuthMode.WPA2')]",
        "False None",
        "ConnectionError: Authentication failure",
        "ConnectionError: No network with that ssid",
        "ValueError: password length must be 8-64",
        "True 192.168.1.42 192.168.1.1",
        "True 6",
        "HomeNet -48",
    ]


def test_adafruit_requests_get_post_json_and_https(tmp_path, lib_dir, scenario):
    trace = tmp_path / "t.json"
    d = drive(tmp_path, lib_dir, CONNECT + """
        import adafruit_requests
        requests = adafruit_requests.Session(pool, ssl.create_default_context())
        r = requests.get("http://api.example.com/hello")
        print(r.status_code, r.headers["content-type"], r.json())
        r.close()
        r = requests.post("http://api.example.com/readings", json={"temperature": 21.5})
        print(r.status_code, r.json())
        r = requests.get("https://secure.example.com/data")
        print(r.status_code, repr(r.text))
        r = requests.get("http://api.example.com/nothing-here")
        print(r.status_code)
    """)
    r = run(d, "--scenario", str(scenario), "--trace", str(trace))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == [
        "200 application/json {'msg': 'hi', 'n': 3}",
        "201 {'stored': True, 'id': 7}",
        "200 'secret data\\n'",
        "404",
    ]
    events = net_events(trace)
    post = next(e for e in events if e["value"] == "POST /readings -> 201")
    assert post["data"]["body"] == '{"temperature": 21.5}'
    assert any(e["signal"] == "tls" and "secure.example.com" in e["value"] for e in events)


def test_adafruit_minimqtt_publish_subscribe_round_trip(tmp_path, lib_dir, scenario):
    trace = tmp_path / "t.json"
    d = drive(tmp_path, lib_dir, CONNECT + """
        import adafruit_minimqtt.adafruit_minimqtt as MQTT
        got = []
        def on_message(client, topic, message):
            got.append((topic, message, time.monotonic() >= 2.0))
        mqtt = MQTT.MQTT(broker="broker.example.com", port=1883, socket_pool=pool, client_id="feather")
        mqtt.on_message = on_message
        mqtt.connect()
        mqtt.subscribe("home/led")
        mqtt.publish("home/temperature", "21.5")
        start = time.monotonic()
        while not got and time.monotonic() - start < 10:
            mqtt.loop(1)
        mqtt.disconnect()
        print(got)
    """)
    r = run(d, "--scenario", str(scenario), "--trace", str(trace))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == ["[('home/led', 'on', True)]"]
    values = [e["value"] for e in net_events(trace)]
    assert "connect feather: rc 0" in values
    assert "subscribe feather: home/led" in values
    assert "publish home/temperature: 21.5" in values
    assert "deliver home/led to feather" in values


def test_adafruit_ntp_gives_the_scenario_time(tmp_path, lib_dir, scenario):
    d = drive(tmp_path, lib_dir, CONNECT + """
        import adafruit_ntp
        ntp = adafruit_ntp.NTP(pool, tz_offset=0, cache_seconds=3600)
        now = ntp.datetime
        print(tuple(now)[:6], time.monotonic() < 5)
        print(ntp.utc_ns // 1_000_000_000 - %d - int(time.monotonic()) in (0, 1))
    """ % SCENARIO_EPOCH)
    r = run(d, "--scenario", str(scenario))
    assert r.returncode == 0, r.stdout + r.stderr
    first, second = r.stdout.splitlines()
    # 2026-11-30 12:00:00 UTC plus the few virtual seconds the join and the query took
    assert first.startswith("(2026, 11, 30, 12, 0, ") and first.endswith(" True")
    assert second == "True"


def test_socketpool_error_paths(tmp_path, lib_dir, scenario):
    d = drive(tmp_path, lib_dir, CONNECT + """
        import adafruit_requests
        try:
            pool.getaddrinfo("nxdomain.example.com", 80)
        except socketpool.SocketPool.gaierror as e:
            print("gaierror", isinstance(e, OSError), e.errno, e.args)
        requests = adafruit_requests.Session(pool, ssl.create_default_context())
        try:
            requests.get("http://unknown.example.com/", timeout=2)
        except OSError as e:
            print("requests", type(e).__name__, e.args)
        s = pool.socket(pool.AF_INET, pool.SOCK_STREAM)
        s.settimeout(1)
        s.connect(("api.example.com", 80))
        s.send(b"GET /hang HTTP/1.1\\r\\nHost: api.example.com\\r\\n\\r\\n")
        buf = bytearray(64)
        try:
            s.recv_into(buf)
        except OSError as e:
            print("timeout", e.errno)
        s.setblocking(False)
        try:
            s.recv_into(buf)
        except OSError as e:
            print("nonblocking", e.errno)
        s.close()
        s = pool.socket(pool.AF_INET, pool.SOCK_STREAM)
        try:
            s.connect(("down.example.com", 80))
        except OSError as e:
            print("refused", e.errno)
    """)
    r = run(d, "--scenario", str(scenario))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == [
        "gaierror True -2 (-2, 'Name or service not known')",
        "requests gaierror (-2, 'Name or service not known')",
        "timeout 110",
        "nonblocking 11",
        "refused 111",
    ]


def test_wifi_under_net_none_finds_no_network(tmp_path, lib_dir):
    d = drive(tmp_path, lib_dir, """
        import wifi
        print(list(wifi.radio.start_scanning_networks()))
        try:
            wifi.radio.connect("HomeNet", "secret123")
        except ConnectionError as e:
            print("ConnectionError:", e)
    """)
    r = run(d, "--net", "none")
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == ["[]", "ConnectionError: No network with that ssid"]


def test_requests_timeout_and_minimqtt_over_tls_with_credentials(tmp_path, lib_dir, scenario):
    trace = tmp_path / "t.json"
    d = drive(tmp_path, lib_dir, CONNECT + """
        import adafruit_requests
        import adafruit_minimqtt.adafruit_minimqtt as MQTT
        requests = adafruit_requests.Session(pool, ssl.create_default_context())
        t0 = time.monotonic()
        try:
            requests.get("http://api.example.com/hang", timeout=3)
        except adafruit_requests.OutOfRetries as e:
            print("OutOfRetries", e, round(time.monotonic() - t0))
        def client(password):
            return MQTT.MQTT(broker="tlsbroker.example.com", port=8883, is_ssl=True,
                             socket_pool=pool, ssl_context=ssl.create_default_context(),
                             client_id="c-" + password, username="u", password=password)
        got = []
        mqtt = client("p")
        mqtt.on_message = lambda c, t, m: got.append((t, m))
        mqtt.connect()
        mqtt.subscribe("a/#")
        mqtt.publish("a/b", "x", retain=True)
        mqtt.loop(1)
        print(got)
        mqtt.disconnect()  # the connection manager keeps one socket per broker
        try:
            client("bad").connect()
        except MQTT.MMQTTException as e:
            print("MMQTTException", e.code)
    """)
    r = run(d, "--scenario", str(scenario), "--trace", str(trace))
    assert r.returncode == 0, r.stdout + r.stderr
    # two attempts of 3 s each (the library retries once), then its own error; (the VM's
    # "Warning: exception chaining not supported" for the library's `raise ... from` is not ours)
    lines = [line for line in r.stdout.splitlines() if not line.startswith("Warning: exception")]
    assert lines == ["OutOfRetries Repeated socket failures 6", "[('a/b', 'x')]",
                                     "MMQTTException 4"]  # CONNACK 4: bad user name or password
    values = [e["value"] for e in net_events(trace)]
    assert "connect c-p: rc 0" in values and "connect c-bad: rc 4" in values
    assert any(v.startswith("handshake ") and "tlsbroker.example.com" in v for v in values)
    assert values.count("GET /hang -> timeout") == 2

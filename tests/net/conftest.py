"""Helpers for the networking tests: a scenario with a simulated access point and internet, and
`jitvm run` in a subprocess (the guest's view, end to end)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

# 2026-11-30T12:00:00Z as seconds since 1970 (checked with `date -u -d @1796040000`)
SCENARIO_EPOCH = 1_796_040_000

SCENARIO = """
[network]
time = 2026-11-30T12:00:00Z
latency = 0.02

[[network.ap]]
ssid = "HomeNet"
password = "secret123"
rssi = -48
channel = 11
bssid = "02:11:22:33:44:55"

[[network.ap]]
ssid = "CafeOpen"
rssi = -71
channel = 1

[[network.host]]
name = "api.example.com"
address = "93.184.216.34"

[[network.host]]
name = "slow.example.com"
latency = 0.5

[[network.host]]
name = "down.example.com"
fail = "refused"

[[network.host]]
name = "blackhole.example.com"
fail = "timeout"

[[network.host]]
name = "nxdomain.example.com"
fail = "dns"

[[network.http]]
url = "http://api.example.com/hello"
json = {msg = "hi", n = 3}

[[network.http]]
url = "http://api.example.com/readings"
method = "POST"
status = 201
headers = {"X-Id" = "7"}
json = {stored = true, id = 7}

[[network.http]]
url = "https://secure.example.com/data"
body_file = "body.txt"

[[network.http]]
url = "http://api.example.com/hang"
fail = "timeout"

[[network.http]]
url = "http://slow.example.com/"
body = "slow"

[[network.echo]]
host = "echo.example.com"

[[network.echo]]
host = "echo.example.com"
port = 7
udp = true

[[network.mqtt]]
host = "broker.example.com"
messages = [{topic = "home/led", payload = "on", at = 2.0}]

[[network.mqtt]]
host = "tlsbroker.example.com"
tls = true
username = "u"
password = "p"
"""


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    (tmp_path / "body.txt").write_text("secret data\n")
    p = tmp_path / "net.toml"
    p.write_text(SCENARIO)
    return p


def run(path: Path, *args: str, argv: tuple[str, ...] = (),
        timeout: float = 120) -> subprocess.CompletedProcess:
    """`jitvm run <args> path <argv>` (argv: the guest's sys.argv[1:])."""
    return subprocess.run([sys.executable, "-m", "jitvm", "run", *args, str(path), *argv],
                          capture_output=True, text=True, timeout=timeout)


def run_src(tmp_path: Path, src: str, *args: str, name: str = "main.py") -> subprocess.CompletedProcess:
    p = tmp_path / name
    p.write_text(textwrap.dedent(src))
    return run(p, *args)


def net_events(trace: Path) -> list[dict]:
    return [e for e in json.loads(trace.read_text())["events"] if e["kind"] == "net"]

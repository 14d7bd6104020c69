"""examples/weather_station end to end: the unmodified BME280 driver reads the simulated sensor and
adafruit_requests POSTs each reading as JSON over the simulated Wi-Fi and HTTPS endpoint."""

from __future__ import annotations

import json
import shutil
import tomllib
from pathlib import Path

from jitvm.libs import build_lib

from .conftest import net_events, run

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "weather_station"
LIBS = ("adafruit_bme280", "adafruit_bus_device", "adafruit_register", "adafruit_requests",
        "adafruit_connection_manager")


def test_weather_station_posts_the_sensor_readings(tmp_path):
    drive = tmp_path / "CIRCUITPY"
    shutil.copytree(EXAMPLE, drive, ignore=shutil.ignore_patterns("lib"))
    build_lib(drive / "lib", LIBS)
    trace = tmp_path / "trace.json"
    r = run(drive, "--scenario", str(drive / "scenario.toml"), "--trace", str(trace))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines()[:2] == ["connecting to WeatherNet", "connected, address 192.168.1.42"]
    posted = [line for line in r.stdout.splitlines() if line.startswith("posted")]
    assert len(posted) == 3 and all(line.endswith("-> 201 {'ok': True}") for line in posted)
    events = net_events(trace)
    bodies = [json.loads(e["data"]["body"]) for e in events
              if e["signal"] == "http" and e["value"] == "POST /v1/readings -> 201"]
    assert len(bodies) == 3
    ramp = tomllib.loads((EXAMPLE / "scenario.toml").read_text())["device"][0]["temperature"]
    for body in bodies:
        # the scenario's ramp at the moment of the reading (the uptime sent with it)
        expected = ramp["start"] + (ramp["end"] - ramp["start"]) * body["uptime"] / ramp["period"]
        assert abs(body["temperature"] - expected) < 0.2, body
        assert abs(body["humidity"] - 55.0) < 0.5 and abs(body["pressure"] - 1008.5) < 0.5
        assert body["station"] == "feather-01"
    assert [b["uptime"] // 10 for b in bodies] == [0, 1, 2]  # one reading every 10 s
    assert any(e["signal"] == "tls" and "api.weather.example" in e["value"] for e in events)
    assert any(e["value"] == "api.weather.example -> 198.51.100.7" for e in events)

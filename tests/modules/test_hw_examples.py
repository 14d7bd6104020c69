"""The examples run end to end under CPython with jitvm's hardware modules (examples/run_on_cpython.py).

The sensor_display example uses the unmodified Adafruit drivers from PyPI (fetched once per
session with tools/fetch_libs.py --source; set JITVM_WHEELS to a folder of downloaded wheels to
work offline).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def run_example(name: str, *extra: str) -> tuple[list[str], dict[str, dict]]:
    proc = subprocess.run(
        [sys.executable, str(EXAMPLES / "run_on_cpython.py"), str(EXAMPLES / name), *extra],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    lines, devices = [], {}
    for line in proc.stdout.splitlines():
        if line.startswith("device "):
            _, dev, state = line.split(" ", 2)
            devices[dev] = json.loads(state)
        else:
            lines.append(line)
    return lines, devices


def presses(example: str, device: str) -> list[dict]:
    doc = tomllib.loads((EXAMPLES / example / "scenario.toml").read_text())
    return next(d for d in doc["device"] if d["name"] == device)["presses"]


def test_every_example_has_a_program_and_a_scenario():
    for folder in ("blink", "button_irq", "button_keypad", "sensor_display"):
        path = EXAMPLES / folder
        assert (path / "code.py").exists() or (path / "main.py").exists()
        assert (path / "scenario.toml").exists()


def test_blink_toggles_the_led_every_half_second():
    lines, devices = run_example("blink")
    assert lines[:3] == ["LED on at 0.0", "LED off at 0.5", "LED on at 1.0"]
    assert len(lines) == 10
    assert devices["led"]["changes"] == 10


def test_button_irq_handler_runs_once_per_scripted_press():
    lines, devices = run_example("button_irq")
    expected = presses("button_irq", "button")
    assert lines[-1] == f"presses: {len(expected)}"
    times = [int(line.split(" at ")[1].split(" ")[0]) for line in lines[:-1]]
    assert [round(p["at"] * 1000) for p in expected] == [t for t in times]
    assert devices["led"]["on"] == (len(expected) % 2 == 1)


def test_button_keypad_reports_press_and_release_in_time_order():
    lines, _ = run_example("button_keypad")
    events = []
    for name, key in (("A", "a"), ("B", "b")):
        for p in presses("button_keypad", key):
            events.append((round(p["at"] * 1000), f"{name} pressed"))
            events.append((round((p["at"] + p["duration"]) * 1000), f"{name} released"))
    got = [(int(line.split(" at ")[1].split(" ")[0]), line.split(" at ")[0]) for line in lines]
    assert sorted(what for _, what in got) == sorted(what for _, what in events)
    for when, what in got:
        edge = next(t for t, w in events if w == what and 0 <= when - t <= 20)
        assert edge is not None


@pytest.fixture(scope="session")
def driver_sources(tmp_path_factory) -> Path:
    """The Adafruit drivers' sources, from the packages the test extra installs."""
    from jitvm.libs import build_lib

    lib = tmp_path_factory.mktemp("pylib")
    assert build_lib(lib, as_source=True)
    return lib


def test_sensor_display_reads_the_bme280_and_draws_bars(driver_sources):
    lines, devices = run_example("sensor_display", "--lib", str(driver_sources))
    doc = tomllib.loads((EXAMPLES / "sensor_display" / "scenario.toml").read_text())
    bme = next(d for d in doc["device"] if d["type"] == "bme280")
    assert len(lines) == 5
    temperature, humidity, pressure = (float(x) for x in lines[-1].split()[0:5:2])
    assert temperature == pytest.approx(bme["temperature"], abs=0.1)
    assert humidity == pytest.approx(bme["humidity"], abs=0.5)
    assert pressure == pytest.approx(bme["pressure"], abs=0.5)
    # three outlined 128x9 bars filled in proportion to the readings (see code.py)
    fills = [temperature / 40, humidity / 100, (pressure - 950) / 100]
    expected = 3 * (2 * 128 + 2 * 7) + sum(int(126 * f) * 7 for f in fills)
    assert devices["oled"]["display_on"] is True
    assert devices["oled"]["lit_pixels"] == expected

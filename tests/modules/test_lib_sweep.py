"""tools/lib_sweep.py end to end on a fixed subset: ten Adafruit libraries already installed as
test dependencies (their .py files in site-packages, so no download), compiled with mpy-cross
into a drive's lib/ and imported (every submodule) under `jitvm run --flavor circuitpython` on
the sim Feather with feather_weather.toml; the BME280 and SSD1306 drivers also read the parts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SUBSET = [f"adafruit-circuitpython-{n}" for n in (
    "busdevice", "register", "bme280", "ssd1306", "framebuf", "displayio-ssd1306",
    "display-text", "ticks", "requests", "connectionmanager")]


def sweep(tmp_path: Path, *packages: str) -> tuple[subprocess.CompletedProcess, list[dict]]:
    out = tmp_path / "sweep.json"
    r = subprocess.run([sys.executable, str(ROOT / "tools" / "lib_sweep.py"), "--installed",
                        "--drive", str(tmp_path / "CIRCUITPY"), "--json", str(out), *packages],
                       capture_output=True, text=True, timeout=300)
    return r, json.loads(out.read_text()) if out.exists() else []


def test_installed_libraries_import_and_read_the_simulated_parts(tmp_path):
    r, outcomes = sweep(tmp_path, *SUBSET)
    assert r.returncode == 0, r.stdout + r.stderr
    assert [o["package"] for o in outcomes] == SUBSET
    assert all(o["ok"] for o in outcomes), r.stdout
    probes = {o["package"]: o["probe"] for o in outcomes if o["probe"]}
    # feather_weather.toml: BME280 21 C (a slow sine), 1013.25 hPa, 40 %RH; a 128x32 SSD1306
    assert probes == {"adafruit-circuitpython-bme280": "(21, 1013, 40)",
                      "adafruit-circuitpython-ssd1306": "(128, 32)",
                      "adafruit-circuitpython-displayio-ssd1306": "(128, 32)"}
    # the pure-software exercises return what the same library code returns on CPython
    exercises = {o["package"]: o["exercise"] for o in outcomes if o["exercise"]}
    assert exercises == {f"adafruit-circuitpython-{n}": "same as CPython"
                         for n in ("ticks", "framebuf", "register", "requests")}
    assert r.stdout.splitlines()[-1] == ("10 of 10 packages pass, 0 fail; 3 of 3 device "
                                         "probes read; 4 of 4 exercises match CPython")
    lib = tmp_path / "CIRCUITPY" / "lib"
    assert (lib / "adafruit_display_text" / "outlined_label.mpy").is_file()  # needs `warnings`
    assert (lib / "adafruit_bme280" / "basic.mpy").read_bytes()[:1] == b"M"  # mpy-cross output


def test_a_failing_import_is_reported_with_the_guests_first_error_line(tmp_path):
    # adafruit_bme280 without adafruit_bus_device on the drive: the guest's ImportError
    r, outcomes = sweep(tmp_path, "adafruit-circuitpython-bme280")
    assert r.returncode == 1
    (o,) = outcomes
    assert not o["ok"] and o["first_error"].endswith(
        "ImportError: no module named 'adafruit_bus_device'"), o
    assert "Traceback (most recent call last):" in o["detail"]
    assert "0 of 1 packages pass, 1 fail" in r.stdout


def test_a_package_that_is_not_installed_is_named(tmp_path):
    r, outcomes = sweep(tmp_path, "adafruit-circuitpython-no-such-driver")
    assert r.returncode == 1
    assert outcomes[0]["first_error"] == "adafruit-circuitpython-no-such-driver is not installed here"


def test_an_exercise_that_differs_from_cpython_fails_the_package():
    import importlib.util

    spec = importlib.util.spec_from_file_location("lib_sweep", ROOT / "tools" / "lib_sweep.py")
    tool = importlib.util.module_from_spec(spec)
    sys.modules["lib_sweep"] = tool  # its dataclasses look their module up
    try:
        spec.loader.exec_module(tool)
    finally:
        del sys.modules["lib_sweep"]
    same = tool.Outcome("p", True)
    tool.compare_exercise(same, "@@OK m\n@@EXER (1, 'a')\n", "@@EXER (1, 'a')")
    assert same.ok and same.exercise == "same as CPython"
    differs = tool.Outcome("p", True)
    tool.compare_exercise(differs, "@@EXER 0.30000000000000004\n", "@@EXER 0.3")
    assert not differs.ok and differs.exercise == "differs"
    assert differs.first_error == "exercise: jitvm 0.30000000000000004 / CPython 0.3"
    noref = tool.Outcome("p", True)
    tool.compare_exercise(noref, "@@EXER 1\n", "@@ERR NameError: x")
    assert noref.ok and noref.exercise.startswith("no CPython reference (NameError")

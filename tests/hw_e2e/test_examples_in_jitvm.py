"""The examples, end to end through `jitvm run`: unmodified Adafruit drivers compiled to .mpy
at test time, run against the simulated parts; asserts on output, bus traffic and waveforms."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jitvm.libs import build_lib

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def jitvm(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "jitvm", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def sensor_drive(tmp_path_factory):
    drive = tmp_path_factory.mktemp("drive") / "CIRCUITPY"
    shutil.copytree(EXAMPLES / "sensor_display", drive)
    files = build_lib(drive / "lib")
    assert all(f.suffix == ".mpy" for f in files) and len(files) >= 10
    return drive


def test_bme280_and_ssd1306_drivers_read_and_draw(sensor_drive, tmp_path):
    trace = tmp_path / "trace.json"
    r = jitvm("run", str(sensor_drive), "--scenario", str(sensor_drive / "scenario.toml"),
              "--trace", str(trace), "--png-dir", str(tmp_path))
    assert r.returncode == 0, r.stdout + r.stderr
    readings = [line.split() for line in r.stdout.splitlines() if line.endswith("hPa")]
    assert readings, r.stdout
    temp, hum, press = float(readings[0][0]), float(readings[0][2]), float(readings[0][4])
    # the scenario says 21.5 C, 48 %, 1002 hPa; the driver's integer maths rounds a little
    assert abs(temp - 21.5) < 0.2 and abs(hum - 48.0) < 0.5 and abs(press - 1002.0) < 0.5
    events = json.loads(trace.read_text())["events"]
    i2c = [e["value"] for e in events if e["kind"] == "i2c"]
    assert "W 77: D0" in i2c and "R 77: 60" in i2c  # chip-id read: register 0xD0 -> 0x60
    assert "W 77: E0 B6" in i2c  # soft reset
    assert any(v.startswith("W 3C:") for v in i2c)  # the display's command/data stream
    from PIL import Image

    img = Image.open(tmp_path / "oled.png").convert("L")
    assert sum(1 for p in img.tobytes() if p > 128) > 1000  # something was drawn


def test_blink_waveform_has_the_expected_edges(tmp_path):
    vcd = tmp_path / "blink.vcd"
    r = jitvm("run", str(EXAMPLES / "blink"), "--vcd", str(vcd))
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("LED on") == 5 and r.stdout.count("LED off") == 5
    text = vcd.read_text()
    ident = next(line.split()[3] for line in text.splitlines()
                 if line.startswith("$var") and line.split()[4] in ("D13", "LED", "GP25"))
    changes = []
    t = 0
    for line in text.split("$enddefinitions $end")[1].splitlines():
        if line.startswith("#"):
            t = int(line[1:])
        elif line[1:] == ident and line[0] in "01":
            changes.append((t, int(line[0])))
    levels = [v for _, v in changes]
    assert levels[-10:] == [1, 0] * 5
    rising = [t for t, v in changes if v == 1]
    assert "$timescale 1 us $end" in text  # no bus in this run: microsecond ticks
    gaps = {round((b - a) / 1e6, 2) for a, b in zip(rising, rising[1:])}
    assert gaps == {1.0}  # on every second of virtual time


def test_button_irq_and_keypad_follow_the_scripted_presses():
    r = jitvm("run", str(EXAMPLES / "button_irq"), "--scenario", str(EXAMPLES / "button_irq" / "scenario.toml"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "presses: 3" in r.stdout
    r = jitvm("run", str(EXAMPLES / "button_keypad"),
              "--scenario", str(EXAMPLES / "button_keypad" / "scenario.toml"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "B pressed at 1000 ms" in r.stdout


def test_demo_writes_png_and_vcd(tmp_path):
    r = jitvm("demo", "--out", str(tmp_path))
    assert r.returncode == 0, r.stdout + r.stderr
    assert (tmp_path / "oled.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "$enddefinitions" in (tmp_path / "trace.vcd").read_text()
    assert "hPa" in r.stdout
    frame = tmp_path / "display_bme280" / "tft.png"  # the displayio example's last frame
    assert frame.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_adafruit_hid_reports_reach_the_trace(tmp_path):
    drive = tmp_path / "CIRCUITPY"
    build_lib(drive / "lib", ("adafruit_hid",))
    (drive / "code.py").write_text(
        "import usb_hid\nfrom adafruit_hid.keyboard import Keyboard\n"
        "from adafruit_hid.keycode import Keycode\nfrom adafruit_hid.mouse import Mouse\n"
        "Keyboard(usb_hid.devices).send(Keycode.SHIFT, Keycode.A)\n"
        "Mouse(usb_hid.devices).move(x=5, y=-3)\nprint('sent')\n")
    trace = tmp_path / "t.json"
    r = jitvm("run", str(drive), "--trace", str(trace))
    assert (r.returncode, r.stdout) == (0, "sent\n"), r.stderr
    reports = [(e["signal"], e["value"]) for e in json.loads(trace.read_text())["events"]
               if e["kind"] == "usb_hid"]
    assert reports[:3] == [("hid.1.6", "02 00 04 00 00 00 00 00"), ("hid.1.6", "00 00 00 00 00 00 00 00"),
                           ("hid.1.2", "00 05 FD 00")]

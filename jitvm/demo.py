"""`jitvm demo` (make demo): the examples that need no hardware, on the simulated board.

1. examples/sensor_display: the unmodified Adafruit BME280 and SSD1306 drivers (from PyPI,
   compiled to .mpy in the drive's lib/) with the scenario's virtual BME280 and SSD1306; writes
   the display frame (PNG) and a VCD trace.
2. examples/display_bme280: the BME280 reading shown with adafruit_display_text on a simulated
   240x240 ST7789 through displayio (FourWire over SPI); writes a PNG per refresh.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

# the examples ship inside the package (jitvm/examples links to the source tree's examples/;
# a wheel holds their files), so `jitvm demo` works from any install
EXAMPLES = Path(__file__).resolve().parent / "examples"
EXAMPLE = EXAMPLES / "sensor_display"
DISPLAY_EXAMPLE = EXAMPLES / "display_bme280"
DISPLAY_MODULES = ("adafruit_display_text", "adafruit_st7789")


def _drive(out: Path, example: Path, name: str) -> Path:
    drive = out / name
    if drive.exists():
        shutil.rmtree(drive)
    shutil.copytree(example, drive, ignore=shutil.ignore_patterns("lib", "*.png", "*.vcd"))
    return drive


def main(args: argparse.Namespace) -> int:
    from .cli import build_parser
    from .libs import DEMO_MODULES, LibraryMissing, build_lib
    from .runner import run_cli

    out = Path(args.out).resolve()
    drive = _drive(out, EXAMPLE, "CIRCUITPY")
    display_drive = _drive(out, DISPLAY_EXAMPLE, "CIRCUITPY-display")
    try:
        libs = build_lib(drive / "lib")
        display_libs = build_lib(display_drive / "lib", DEMO_MODULES + DISPLAY_MODULES)
    except LibraryMissing as e:
        print(f"jitvm demo: {e}", file=sys.stderr)
        return 2
    print(f"== drive {drive}: code.py + {len(libs)} driver files compiled to .mpy in lib/")
    run_args = build_parser().parse_args([
        "run", str(drive), "--scenario", str(drive / "scenario.toml"),
        "--vcd", str(out / "trace.vcd"), "--png-dir", str(out)])
    status = run_cli(run_args)
    print(f"== display frame: {out / 'oled.png'}   waveform: {out / 'trace.vcd'} (GTKWave/PulseView)")
    if status:
        return status
    frames = out / "display_bme280"
    frames.mkdir(exist_ok=True)
    print(f"== drive {display_drive}: displayio + display_text, {len(display_libs)} files in lib/")
    status = run_cli(build_parser().parse_args([
        "run", str(display_drive), "--layout", "adafruit_feather_rp2040",
        "--scenario", str(display_drive / "scenario.toml"), "--png-dir", str(frames)]))
    print(f"== ST7789 frames: {frames} (the last: {frames / 'tft.png'})")
    return status

"""`jitvm run --png-dir/--gif/--trace` with a guest program driving a simulated ST7789 over
busio/digitalio: a PNG per refresh with virtual timestamps, an animated GIF paced by virtual
time, refresh events in the trace, and bad output paths refused before the program runs."""

import json
import subprocess
import sys

import numpy as np
from PIL import Image

PROGRAM = """
import board, busio, digitalio, time
spi = busio.SPI(board.SCK, board.MOSI)
while not spi.try_lock():
    pass
spi.configure(baudrate=24000000)
cs = digitalio.DigitalInOut(board.D5)
cs.switch_to_output(value=True)
dc = digitalio.DigitalInOut(board.D6)
dc.switch_to_output(value=True)

def send(cmd, data=b""):
    cs.value = False
    dc.value = False
    spi.write(bytes([cmd]))
    dc.value = True
    if data:
        spi.write(data)
    cs.value = True

def fill(x0, y0, x1, y1, hi, lo):
    send(0x2A, bytes([0, x0, 0, x1]))
    send(0x2B, bytes([0, y0, 0, y1]))
    cs.value = False
    dc.value = False
    spi.write(b"\\x2c")
    dc.value = True
    row = bytes([hi, lo]) * (x1 - x0 + 1)
    for _ in range(y1 - y0 + 1):
        spi.write(row)
    cs.value = True

send(0x01)
time.sleep(0.15)
send(0x11)
time.sleep(0.12)
send(0x3A, b"\\x55")
send(0x36, b"\\x00")
send(0x29)
fill(0, 0, 239, 239, 0xF8, 0x00)
time.sleep(0.1)
fill(100, 100, 109, 109, 0x00, 0x1F)
time.sleep(0.25)
print("done")
"""

SCENARIO = """
[[device]]
type = "st7789"
name = "tft"
cs = "D5"
dc = "D6"
width = 240
height = 240
"""


def _run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "jitvm", "run", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300)  # fmt: skip


def test_png_per_refresh_gif_and_trace(tmp_path):
    (tmp_path / "code.py").write_text(PROGRAM)
    (tmp_path / "scenario.toml").write_text(SCENARIO)
    out = tmp_path / "frames" / "new"  # created up front
    r = _run("code.py", "--flavor", "circuitpython", "--layout", "adafruit_feather_rp2040",
             "--scenario", "scenario.toml", "--png-dir", str(out), "--gif", "run.gif",
             "--trace", "trace.json", cwd=tmp_path)  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert r.stdout == "done\n"
    names = sorted(p.name for p in out.glob("tft-*.png"))
    assert len(names) == 2, names
    t1, t2 = (int(n.split("-")[2][:-6]) for n in names)
    assert names[0].startswith("tft-0001-") and names[1].startswith("tft-0002-")
    # reset + sleep-out waits: 270 ms of virtual time, then the fill (115200 bytes at 24 MHz:
    # 38.4 ms; the refresh's time is its last change); 100 ms later the square
    assert 308 <= t1 < 320 and t2 - t1 >= 100
    first = np.asarray(Image.open(out / names[0]).convert("RGB"))
    second = np.asarray(Image.open(out / names[1]).convert("RGB"))
    assert (first == [255, 0, 0]).all()
    assert (second[100:110, 100:110] == [0, 0, 255]).all()
    assert (second[:100] == [255, 0, 0]).all()
    assert (out / "tft.png").exists()  # the last frame, as before

    gif = Image.open(tmp_path / "run.gif")
    assert gif.n_frames == 2
    durations = []
    for i in range(gif.n_frames):
        gif.seek(i)
        durations.append(gif.info["duration"])
    assert abs(durations[0] - (t2 - t1)) <= 10 and durations[1] >= 250

    events = [e for e in json.loads((tmp_path / "trace.json").read_text())["events"]
              if e["kind"] == "display"]  # fmt: skip
    assert [e["data"]["window"] for e in events] == [[0, 0, 239, 239], [100, 100, 109, 109]]
    assert [e["data"]["t_ns"] // 1_000_000 for e in events] == [t1, t2]


def test_bad_output_paths_are_one_line_errors_before_the_run(tmp_path):
    (tmp_path / "code.py").write_text("print('ran')\n")
    (tmp_path / "file").write_text("")
    for args, text in (
        (["--png-dir", "file/sub"], "--png-dir file/sub: cannot create the folder"),
        (["--gif", "nowhere/out.gif"], "--gif nowhere/out.gif: no such folder: nowhere"),
        (["--gif", "out.png"], "--gif out.png: the file name must end in .gif"),
        (["--trace", "."], "--trace .: is a folder"),
    ):
        r = _run("code.py", *args, cwd=tmp_path)
        assert r.returncode != 0 and "ran" not in r.stdout, (args, r.stdout)
        assert r.stderr.strip().splitlines() == [f"jitvm: {text}" + r.stderr.split(text, 1)[1].strip()], r.stderr

"""The VCD of a run that talks to simulated I2C and SPI devices decodes as a logic analyser's
protocol decoder would decode it: sample SDA on SCL's rising edges between START and STOP
conditions (address, data bytes, ACK/NACK), and MOSI/MISO on SCK's rising edges while chip
select is low (SPI mode 0, MSB first). The decoded bytes must be what the program wrote and
read (it prints them)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import hal

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """
    import board, busio, digitalio
    i2c = busio.I2C(board.SCL, board.SDA, frequency=100000)
    while not i2c.try_lock():
        pass
    got = bytearray(1)
    i2c.writeto_then_readfrom(0x77, bytes([0xD0]), got)
    print("I2C", [(0x77, "W", [0xD0]), (0x77, "R", list(got))])
    i2c.writeto(0x77, bytes([0xF4, 0x27]))
    print("I2C", [(0x77, "W", [0xF4, 0x27])])
    try:
        i2c.writeto(0x50, bytes([0x00]))
    except OSError as e:
        print("NACK", e.errno)
    i2c.unlock()
    spi = busio.SPI(board.SCK, board.MOSI, board.MISO)
    cs = digitalio.DigitalInOut(board.D5)
    cs.switch_to_output(True)
    while not spi.try_lock():
        pass
    spi.configure(baudrate=1000000)
    out = bytes([0x01, 0x80, 0x00])
    back = bytearray(3)
    cs.value = False
    spi.write_readinto(out, back)
    cs.value = True
    print("SPI", list(out), list(back))
    import time
    time.sleep(0.5)
"""

SCENARIO = """
    [[device]]
    type = "bme280"
    name = "env"

    [[device]]
    type = "mcp3008"
    name = "adc"
    cs = "D5"
    channels = [1.65]
"""


def parse_vcd(text: str) -> tuple[int, dict, dict, int]:
    """(timescale in ns, {wire: [(t, level)]}, {string var: [(t, text)]}, last time)."""
    ids: dict[str, tuple[str, str]] = {}
    wires: dict[str, list] = {}
    strings: dict[str, list] = {}
    scale = {"1 ns": 1, "10 ns": 10, "100 ns": 100, "1 us": 1000}
    unit, t, last = None, 0, 0
    lines = iter(text.splitlines())
    for line in lines:
        line = line.strip()
        if line.startswith("$timescale"):
            body = line[len("$timescale"):].replace("$end", "").strip() or next(lines).strip()
            unit = scale[body]
        elif line.startswith("$var"):
            _, kind, _size, ident, name, _end = line.split()
            ids[ident] = (kind, name)
            (wires if kind == "wire" else strings).setdefault(name, [])
        elif line.startswith("#"):
            t = last = int(line[1:])
        elif line and line[0] in "01xz" and line[1:] in ids:
            wires[ids[line[1:]][1]].append((t, line[0]))
        elif line.startswith("s") and " " in line:
            value, ident = line[1:].rsplit(" ", 1)
            if ident in ids:
                strings[ids[ident][1]].append((t, value))
    assert unit is not None
    return unit, wires, strings, last


def timeline(wires: dict, names: list[str]):
    """[(t, {name: level})] after each time step at which one of ``names`` changed."""
    times = sorted({t for n in names for t, _ in wires[n]})
    level = {n: "z" for n in names}
    out = []
    for t in times:
        for n in names:
            for tt, v in wires[n]:
                if tt == t:
                    level[n] = v
        out.append((t, dict(level)))
    return out


def decode_i2c(wires: dict, scl: str, sda: str) -> list:
    """[(address, "R"|"W", [data bytes], [acks])] per transfer (START ... STOP or repeated
    START), as sigrok's i2c decoder reports them."""
    transfers, bits, cur = [], [], None
    prev = {scl: "z", sda: "z"}
    for _t, lv in timeline(wires, [scl, sda]):
        if prev[scl] == "1" and lv[scl] == "1" and prev[sda] != lv[sda]:
            if cur is not None:
                transfers.append(cur)
            cur = None
            if lv[sda] == "0":  # START (or repeated START)
                cur, bits = [], []
        elif prev[scl] != "1" and lv[scl] == "1" and cur is not None:
            bits.append(int(lv[sda]))
            if len(bits) == 9:
                byte = int("".join(map(str, bits[:8])), 2)
                cur.append((byte, bits[8] == 0))
                bits = []
        prev = lv
    out = []
    for tr in transfers:
        (addr_byte, addr_ack), rest = tr[0], tr[1:]
        out.append((addr_byte >> 1, "R" if addr_byte & 1 else "W", [b for b, _ in rest],
                    [addr_ack] + [a for _, a in rest]))
    return out


def decode_spi(wires: dict, sck: str, mosi: str, miso: str, cs: str) -> tuple[list, list]:
    mo, mi, bits_o, bits_i = [], [], [], []
    prev = None
    for _t, lv in timeline(wires, [sck, mosi, miso, cs]):
        if prev is not None and lv[cs] == "0" and prev[sck] == "0" and lv[sck] == "1":
            bits_o.append(lv[mosi])
            bits_i.append(lv[miso])
            if len(bits_o) == 8:
                mo.append(int("".join(bits_o), 2))
                mi.append(int("".join(bits_i), 2))
                bits_o, bits_i = [], []
        prev = lv
    return mo, mi


def run_with_vcd(tmp_path: Path) -> tuple[str, str]:
    drive = tmp_path / "CIRCUITPY"
    drive.mkdir()
    (drive / "code.py").write_text(textwrap.dedent(PROGRAM))
    (drive / "scenario.toml").write_text(textwrap.dedent(SCENARIO))
    vcd = tmp_path / "run.vcd"
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    run = subprocess.run([sys.executable, "-m", "jitvm", "run", str(drive), "--vcd", str(vcd)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout, vcd.read_text()


def test_i2c_and_spi_decode_from_the_vcd(tmp_path):
    stdout, text = run_with_vcd(tmp_path)
    unit, wires, strings, last = parse_vcd(text)
    pins = hal.open_board().pins  # the wires carry the board's pin names
    scl, sda = pins["SCL"].name, pins["SDA"].name

    i2c = decode_i2c(wires, scl, sda)
    printed = [ast.literal_eval(line[4:]) for line in stdout.splitlines() if line.startswith("I2C ")]
    expected = [(a, d, data) for group in printed for a, d, data in group]
    assert [(a, d, data) for a, d, data, _ in i2c] == expected + [(0x50, "W", [])], i2c
    # every byte of the sensor's transfers acknowledged, but the controller's NACK that ends
    # the read; the absent device NACKs its address
    acks = [acks for *_, acks in i2c]
    assert acks == [[True, True], [True, False], [True, True, True], [False]], acks
    assert "NACK 19" in stdout  # ENODEV, as CircuitPython's raspberrypi port

    spi_line = next(line for line in stdout.splitlines() if line.startswith("SPI "))
    out, back = ast.literal_eval(spi_line[4:].replace("] [", "], ["))
    mo, mi = decode_spi(wires, pins["SCK"].name, pins["MOSI"].name, pins["MISO"].name,
                        pins["D5"].name)
    assert (mo, mi) == (out, back), (mo, mi)
    assert back[1] & 0x03 or back[2], back  # the MCP3008 answered a non-zero reading

    # SCL runs at 100 kHz: its rising edges are 10 us apart inside a byte
    rises = [t * unit for t, v in wires[scl] if v == "1"][1:]  # [0]: the idle bus, pulled up
    gaps = {b - a for a, b in zip(rises, rises[1:]) if b - a < 20_000}
    assert gaps and all(9_000 <= g <= 11_000 for g in gaps), sorted(gaps)[:5]
    # SCK at 1 MHz: 1 us between rising edges within a byte
    sck_rises = [t * unit for t, v in wires[pins["SCK"].name] if v == "1"]
    assert {b - a for a, b in zip(sck_rises, sck_rises[1:]) if b - a < 2_000} == {1_000}

    assert unit >= 100  # a quarter of the fastest clock (1 MHz SPI): 250 ns -> 100 ns ticks
    assert last * unit >= 500_000_000  # the trace runs to the end (after the 0.5 s sleep)
    assert "env" in strings and "adc" in strings  # the scenario's devices by name
    assert any("D0" in v for _, v in strings["env"]), strings["env"]


def test_sigrok_decoders_read_the_vcd(tmp_path):
    """The same VCD through sigrok's own i2c and spi decoders (Debian's sigrok-cli), where
    installed: the independent reference the hand-written decoders above stand in for."""
    import shutil

    import pytest

    cli = shutil.which("sigrok-cli")
    if cli is None:
        pytest.skip("sigrok-cli is not installed (apt-get install sigrok-cli)")
    stdout, text = run_with_vcd(tmp_path)
    vcd = tmp_path / "run.vcd"
    pins = hal.open_board().pins
    n = {k: pins[k].name for k in ("SCL", "SDA", "SCK", "MOSI", "MISO", "D5")}

    def decode(spec: str, ann: str) -> list[str]:
        r = subprocess.run([cli, "-i", str(vcd), "-I", "vcd", "-P", spec, "-A", ann],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        return [line.split(": ", 1)[1] for line in r.stdout.splitlines() if ": " in line]

    i2c = decode(f"i2c:scl={n['SCL']}:sda={n['SDA']}",
                 "i2c=address-read:address-write:data-read:data-write:ack:nack:start:"
                 "repeat-start:stop")
    i2c = [a for a in i2c if a not in ("Read", "Write")]  # the R/W bit's own annotation
    assert i2c == ["Start", "Address write: 77", "ACK", "Data write: D0", "ACK",
                   "Start repeat", "Address read: 77", "ACK", "Data read: 60", "NACK", "Stop",
                   "Start", "Address write: 77", "ACK", "Data write: F4", "ACK",
                   "Data write: 27", "ACK", "Stop",
                   "Start", "Address write: 50", "NACK", "Stop"], i2c
    mosi = decode(f"spi:clk={n['SCK']}:mosi={n['MOSI']}:miso={n['MISO']}:cs={n['D5']}",
                  "spi=mosi-data")
    miso = decode(f"spi:clk={n['SCK']}:mosi={n['MOSI']}:miso={n['MISO']}:cs={n['D5']}",
                  "spi=miso-data")
    spi_line = next(line for line in stdout.splitlines() if line.startswith("SPI "))
    out, back = ast.literal_eval(spi_line[4:].replace("] [", "], ["))
    assert [int(x, 16) for x in mosi] == out and [int(x, 16) for x in miso] == back, (mosi, miso)

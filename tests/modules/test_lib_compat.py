"""What real Adafruit libraries needed from jitvm (found by tools/lib_sweep.py), end to end
through `jitvm run --flavor circuitpython`. Expected behaviour from CircuitPython's sources
(shared-bindings/warnings, shared-module/zlib, shared-module/keypad, shared-module/onewireio),
CPython's zlib as the independent reference for the data, and the real MicroPython binary
where the behaviour is MicroPython's."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MICROPYTHON = Path(sys.executable).with_name("micropython")
CP = ("--flavor", "circuitpython", "--layout", "adafruit_feather_rp2040")


def run(tmp_path: Path, src: str, *args: str) -> subprocess.CompletedProcess:
    prog = tmp_path / "prog.py"
    prog.write_text(textwrap.dedent(src))
    return subprocess.run([sys.executable, "-m", "jitvm", "run", *args, str(prog)],
                          capture_output=True, text=True, timeout=120, cwd=tmp_path)


def test_warnings_module_prints_ignores_or_raises_as_circuitpython(tmp_path):
    r = run(tmp_path, """
        import warnings
        print(issubclass(FutureWarning, Warning), issubclass(Warning, Exception))
        warnings.warn("one")
        warnings.warn("two", FutureWarning)
        class Mine(Warning):
            pass
        warnings.warn("three", category=Mine)
        try:
            warnings.warn("x", ValueError)
        except TypeError as e:
            print("TypeError:", e)
        warnings.simplefilter("ignore")
        warnings.warn("hidden")
        warnings.simplefilter("error")
        try:
            warnings.warn("boom", Mine)
        except Mine as e:
            print("raised", type(e).__name__, e.args)
        try:
            warnings.simplefilter("default")
        except ValueError as e:
            print(repr(e))
    """, *CP)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == [
        "True True", "Warning: one", "FutureWarning: two", "Mine: three",
        "TypeError: category must be a subclass of Warning", "raised Mine ('boom',)", "ValueError()"]


def test_warning_builtins_are_circuitpythons_only(tmp_path):
    src = "try:\n    print(Warning)\nexcept NameError as e:\n    print('NameError')\n"
    mp = subprocess.run([str(MICROPYTHON), "-c", src], capture_output=True, text=True, timeout=30)
    assert mp.stdout == "NameError\n"  # the reference: MicroPython's builtins have no Warning
    assert run(tmp_path, src).stdout == mp.stdout
    assert run(tmp_path, src, *CP).stdout == "<class 'Warning'>\n"


def test_zlib_decompress_reads_zlib_gzip_and_raw_streams(tmp_path):
    data = b"CircuitPython PNG rows " * 40
    z = zlib.compress(data)
    co = zlib.compressobj(wbits=31)
    gz = co.compress(data) + co.flush()
    co = zlib.compressobj(wbits=-15)
    raw = co.compress(data) + co.flush()
    bad_check = z[:-1] + bytes([z[-1] ^ 1])
    r = run(tmp_path, f"""
        import zlib
        want = {data!r}
        for blob, wbits in (({z!r}, 0), ({z!r}, 15), ({gz!r}, 31), ({raw!r}, -15)):
            out = zlib.decompress(blob, wbits)
            print(type(out).__name__, out == want)
        print(zlib.decompress({z!r}, 15, 4096) == want)
        for blob in (b"garbage!", {bad_check!r}, {z[:20]!r}):
            try:
                zlib.decompress(blob)
            except ValueError as e:
                print("ValueError", e.args)
    """, *CP)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.splitlines() == ["bytearray True"] * 4 + [
        "True", "ValueError (-3,)", "ValueError (-4,)", "ValueError (-3,)"]


def test_circuitpython_has_no_micropython_only_modules(tmp_path):
    # libraries test for CPython/MicroPython this way (adafruit_rgb_display: `import platform`)
    src = """
        for name in ("platform", "machine", "framebuf"):
            try:
                __import__(name)
                print(name, "imported")
            except ImportError as e:
                print(e)
    """
    r = run(tmp_path, src, *CP)
    assert r.stdout.splitlines() == ["no module named 'platform'", "no module named 'machine'",
                                     "no module named 'framebuf'"], r.stdout + r.stderr
    mp = subprocess.run([str(MICROPYTHON), "-c", textwrap.dedent(src)], capture_output=True,
                        text=True, timeout=30)
    assert run(tmp_path, src).stdout == mp.stdout == "platform imported\nmachine imported\n" \
        "framebuf imported\n"


def test_epaperdisplay_can_be_subclassed_like_the_drivers_do(tmp_path):
    r = run(tmp_path, """
        import board, displayio, epaperdisplay, fourwire
        class Panel(epaperdisplay.EPaperDisplay):
            def __init__(self, bus, **kw):
                super().__init__(bus, b"", b"", ram_width=16, ram_height=8,
                                 write_black_ram_command=0x24, refresh_display_command=0x20, **kw)
                self.extra = "mine"
        displayio.release_displays()
        bus = fourwire.FourWire(board.SPI(), command=board.D9, chip_select=board.D10)
        d = Panel(bus, width=16, height=8)
        print(d.width, d.height, d.extra, isinstance(d, epaperdisplay.EPaperDisplay))
    """, *CP)
    assert r.stdout == "16 8 mine True\n", r.stdout + r.stderr


BUTTON_ON_D6 = """
[scenario]
layout = "adafruit_feather_rp2040"
[[device]]
type = "button"
name = "button"
pin = "D6"
pull = "up"
active = "low"
presses = [{ at = 0.15, duration = 0.2 }]
"""


def test_shift_register_keys_clock_in_every_bit_and_queue_events(tmp_path):
    (tmp_path / "s.toml").write_text(BUTTON_ON_D6)
    trace = tmp_path / "t.json"
    r = run(tmp_path, """
        import board, keypad, time
        sr = keypad.ShiftRegisterKeys(clock=board.D9, data=board.D6, latch=board.D10,
                                      key_count=3, value_when_pressed=False, interval=0.1)
        print(sr.key_count)
        time.sleep(0.45)
        while (e := sr.events.get()) is not None:
            print(e.key_number, e.pressed, e.timestamp)
        sr.deinit()
        for bad in (dict(key_count=0), dict(key_count=(3, 3))):
            try:
                keypad.ShiftRegisterKeys(clock=board.D9, data=board.D6, latch=board.D10,
                                         value_when_pressed=False, **bad)
            except ValueError as e:
                print("ValueError:", e)
    """, *CP, "--scenario", str(tmp_path / "s.toml"), "--trace", str(trace))
    assert r.returncode == 0, r.stdout + r.stderr
    # scans at 0.1 s (released), 0.2 and 0.3 s (held: the data pin is low for every bit),
    # 0.4 s (released): key numbers run over the bits of data[0]
    assert r.stdout.splitlines() == [
        "3", "0 True 200", "1 True 200", "2 True 200", "0 False 400", "1 False 400",
        "2 False 400", "ValueError: key_count must be >= 1", "ValueError: key_count length must be 1"]
    pins = [(e["signal"], e["value"]) for e in json.loads(trace.read_text())["events"]
            if e["kind"] == "pin" and e["signal"] in ("D9", "D10")]
    clock_rises = sum(1 for s, v in pins if s == "D9" and v == 1)
    latch_falls = sum(1 for s, v in pins if s == "D10" and v == 0)
    assert clock_rises == 3 * 4 and latch_falls == 4  # four scans of three bits


MATRIX = """
[scenario]
layout = "adafruit_feather_rp2040"
[[device]]
type = "keymatrix"
name = "pad"
rows = ["D9", "D10"]
columns = ["D11", "D12", "D13"]
presses = [{ key = 4, at = 0.05, duration = 0.1 }, { key = 0, at = 0.09, duration = 0.2 },
           { key = 5, at = 0.42, duration = 0.1 }]
"""


def test_key_matrix_scans_rows_and_numbers_keys_row_major(tmp_path):
    (tmp_path / "m.toml").write_text(MATRIX)
    r = run(tmp_path, """
        import board, keypad, time
        km = keypad.KeyMatrix((board.D9, board.D10), (board.D11, board.D12, board.D13))
        print(km.key_count, km.row_count, km.column_count)
        print(km.key_number_to_row_column(4), km.row_column_to_key_number(1, 2))
        time.sleep(0.4)
        while (e := km.events.get()) is not None:
            print(e.key_number, e.pressed, e.timestamp)
        for call in (lambda: km.key_number_to_row_column(6),
                     lambda: keypad.KeyMatrix((board.D5,), (board.D5,))):
            try:
                call()
            except (ValueError, TypeError) as e:
                print(type(e).__name__ + ":", e)
        km.deinit()
        try:
            km.key_count
        except ValueError as e:
            print("ValueError:", e)
        # the same diodes scanned from the other side: rows driven high, columns pulled down
        km = keypad.KeyMatrix((board.D11, board.D12, board.D13), (board.D9, board.D10),
                              columns_to_anodes=False)
        time.sleep(0.1)
        print(km.events.get())
    """, *CP, "--scenario", str(tmp_path / "m.toml"))
    # scans every 20 ms: a change shows at the next scan (key 4 = row 1, column 1)
    assert r.stdout.splitlines() == [
        "6 2 3", "(1, 1) 5", "4 True 60", "0 True 100", "4 False 160", "0 False 300",
        "ValueError: key_number must be 0-5",
        "TypeError: row_pins and column_pins contain duplicate pins",
        "ValueError: Object has been deinitialized and can no longer be used. "
        "Create a new object.",
        "<Event: key_number 5 pressed>"], r.stdout + r.stderr  # row 1 column 2 -> 2 * 2 + 1


def test_onewire_reports_no_presence_and_takes_the_firmwares_slot_times(tmp_path):
    (tmp_path / "s.toml").write_text(BUTTON_ON_D6.replace("presses = [{ at = 0.15, duration = 0.2 }]",
                                                          "presses = [{ at = 1.0, duration = 1.0 }]"))
    r = run(tmp_path, """
        import board, onewireio, time
        with onewireio.OneWire(board.D6) as ow:
            t = time.monotonic_ns()
            print(ow.reset(), ow.read_bit())
            ow.write_bit(1)
            ow.write_bit(0)
            print((time.monotonic_ns() - t) // 1000)
            time.sleep(1.5)
            print(ow.reset(), ow.read_bit())  # the button holds the bus low: stuck, no presence
        try:
            ow.reset()
        except ValueError as e:
            print("ValueError")
    """, *CP, "--scenario", str(tmp_path / "s.toml"))
    # reset 480+70+410 us, read slot 6+6+55, write slots 6+64 and 60+10 (+ a few 1 us reads)
    lines = r.stdout.splitlines()
    assert lines[0] == "True True" and lines[2:] == ["True False", "ValueError"], r.stdout + r.stderr
    assert 960 + 67 + 70 + 70 <= int(lines[1]) <= 960 + 67 + 70 + 70 + 10


@pytest.mark.parametrize("module", ["warnings", "zlib", "onewireio"])
def test_new_modules_are_listed_as_circuitpython_ones(module):
    from jitvm.importer import FLAVOUR_MODULES, HOST_MODULES

    assert module in HOST_MODULES and module in FLAVOUR_MODULES["circuitpython"]


def test_struct_time_fields_are_attributes_the_guest_can_read(tmp_path):
    # CircuitPython's time.struct_time is a named tuple (shared-bindings/time): adafruit_register's
    # BCD datetime descriptor reads value.tm_sec ... when an RTC's datetime is set
    r = run(tmp_path, """
        import time
        t = time.struct_time((2025, 1, 2, 3, 4, 5, 3, -1, -1))
        print(t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec, t.tm_wday,
              t.tm_yday, t.tm_isdst, t[5], len(t))
        e = time.localtime(86400 * 365)
        print(e.tm_year, e.tm_yday, e.tm_wday == e[6])
        for attempt in (lambda: t.tm_zone, lambda: setattr(t, "tm_sec", 1)):
            try:
                attempt()
            except AttributeError as err:
                print("AttributeError:", err)
    """, *CP)
    assert r.stdout.splitlines() == [
        "2025 1 2 3 4 5 3 -1 -1 5 9", "1971 1 True",
        "AttributeError: 'struct_time' object has no attribute 'tm_zone'",
        "AttributeError: can't set attribute"], r.stdout + r.stderr


def test_onewire_finds_a_simulated_ds18b20_and_reads_its_rom(tmp_path):
    (tmp_path / "s.toml").write_text(
        '[scenario]\nlayout = "adafruit_feather_rp2040"\n[[device]]\ntype = "ds18b20"\n'
        'name = "t"\npin = "D6"\nserial = 0x0000_0123_4567\ntemperature = 30.0625\n')
    r = run(tmp_path, """
        import board, onewireio
        ow = onewireio.OneWire(board.D6)
        def write(byte):
            for i in range(8):
                ow.write_bit(byte >> i & 1)
        def read():
            return sum(ow.read_bit() << i for i in range(8))
        print(ow.reset())  # False: a device answered with a presence pulse
        write(0x33)  # READ ROM
        print(bytes(read() for _ in range(8)).hex())
        ow.reset()
        write(0xCC)  # SKIP ROM
        write(0x44)  # CONVERT T
        while not ow.read_bit():
            pass
        ow.reset()
        write(0xCC)
        write(0xBE)  # READ SCRATCHPAD
        pad = bytes(read() for _ in range(9))
        print((pad[0] | pad[1] << 8) / 16, pad[4])
    """, *CP, "--scenario", str(tmp_path / "s.toml"))
    lines = r.stdout.splitlines()
    assert lines[:1] == ["False"], r.stdout + r.stderr
    rom = bytes.fromhex(lines[1])
    assert rom[:7] == bytes.fromhex("28674523010000")  # family 0x28, serial LSB first
    crc = 0
    for byte in rom[:7]:  # Maxim's CRC-8, computed here independently of the device model
        for i in range(8):
            mix = (crc ^ (byte >> i)) & 1
            crc = (crc >> 1) ^ (0x8C if mix else 0)
    assert rom[7] == crc
    assert lines[2] == "30.0625 127"  # 12-bit reading, configuration 0x7F

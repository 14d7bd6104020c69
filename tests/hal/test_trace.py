"""Trace output: the VCD file (read back with a small parser) and the JSON file."""

import json

import hal
from hal.sim.scenario import apply_scenario


def parse_vcd(text):
    """A tiny VCD reader: {signal name: [(time, value), ...]} for wires and strings."""
    ids, changes, t = {}, {}, 0
    tokens = text.split("\n")
    for line in tokens:
        line = line.strip()
        if line.startswith("$var"):
            _, _kind, _size, ident, name, _end = line.split()
            ids[ident] = name
            changes[name] = []
        elif line.startswith("#"):
            t = int(line[1:])
        elif line and line[0] in "01xz" and line[1:] in ids:
            changes[ids[line[1:]]].append((t, line[0]))
        elif line.startswith("s") and " " in line:
            value, ident = line[1:].rsplit(" ", 1)
            if ident in ids:
                changes[ids[ident]].append((t, value))
    return changes


def test_vcd_has_a_wire_per_pin_with_the_expected_edges(tmp_path):
    board = hal.open_board(layout="raspberry_pi_pico")
    led = board.gpio(board.pins["LED"])
    led.switch_to_output(False)
    for _ in range(3):
        board.clock.sleep_ns(250_000_000)
        led.value = True
        board.clock.sleep_ns(250_000_000)
        led.value = False
    path = tmp_path / "blink.vcd"
    board.trace.write_vcd(str(path))
    waves = parse_vcd(path.read_text())
    rising = [t for t, v in waves["LED"] if v == "1"]
    falling = [t for t, v in waves["LED"] if v == "0" and t > 0]
    # no bus: a 1 us timescale (sample counts stay sane in PulseView)
    assert "$timescale 1 us $end" in path.read_text()
    assert rising == [250_000, 750_000, 1_250_000]
    assert falling == [500_000, 1_000_000, 1_500_000]


def test_vcd_and_json_show_bus_transactions(tmp_path):
    board = hal.open_board(layout="adafruit_feather_rp2040")
    apply_scenario(board, {"device": [{"type": "bme280", "name": "b"}]})
    i2c = board.i2c(*board.default_i2c_pins)
    buf = bytearray(1)
    i2c.writeto_then_readfrom(0x77, b"\xd0", buf)
    board.trace.write_vcd(str(tmp_path / "t.vcd"))
    board.trace.write_json(str(tmp_path / "t.json"))
    waves = parse_vcd((tmp_path / "t.vcd").read_text())
    assert [v for _, v in waves["i2c.SCL.SDA"] if "77" in v] == ["W_77:_D0_|_R_77:_60"]
    doc = json.loads((tmp_path / "t.json").read_text())
    i2c_events = [e for e in doc["events"] if e["kind"] == "i2c"]
    assert i2c_events[-1]["value"] == "W 77: D0 | R 77: 60"
    assert i2c_events[-1]["data"]["address"] == 0x77 and i2c_events[-1]["data"]["device"] == "b"
    assert doc["timescale"] == "1ns" and all(
        a["t"] <= b["t"] for a, b in zip(doc["events"], doc["events"][1:])
    )


def test_trace_can_be_switched_off():
    board = hal.open_board()
    board.trace.enabled = False
    board.gpio(board.pins["D2"]).switch_to_output(True)
    assert board.trace.events == []

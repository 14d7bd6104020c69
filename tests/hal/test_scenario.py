"""Scenario files: the shipped examples load, and every bad file is a one-line ScenarioError."""

from pathlib import Path

import pytest

import hal
from hal import ScenarioError

SCENARIOS = Path(hal.__file__).with_name("scenarios")


@pytest.mark.parametrize("path", sorted(SCENARIOS.glob("*.toml")), ids=lambda p: p.name)
def test_shipped_scenarios_load_on_their_board(path):
    import tomllib

    layout = tomllib.loads(path.read_text())["scenario"]["layout"]
    board = hal.open_board(layout=layout, scenario=str(path))
    assert board.devices
    board.close()


BAD = [
    ("device = 3", "'device' must be an array of tables"),
    ("[[device]]\ntype = 'lamp'", "device #1: unknown type 'lamp'"),
    ("[[device]]\ntype = 'led'", "device #1 (led 'led1'): missing key 'pin'"),
    ("[[device]]\ntype = 'led'\npin = 'D99'", "has no pin named 'D99'"),
    ("[[device]]\ntype = 'led'\npin = 'D13'\ncolour = 'red'", "unknown key 'colour'"),
    (
        "[[device]]\ntype = 'bme280'\ntemperature = 'warm'",
        "temperature: expected a number or a waveform table",
    ),
    ("[[device]]\ntype = 'bme280'\ntemperature = {waveform = 'square'}", "waveform must be one of"),
    (
        "[[device]]\ntype = 'button'\npin = 'D6'\npresses = [{at = -1}]",
        "presses[0]: at and duration",
    ),
    (
        "[[device]]\ntype = 'neopixel'\npin = 'D6'\ncount = 3\norder = 'RGX'",
        "order must be a permutation",
    ),
    (
        "[[device]]\ntype = 'led'\nname = 'a'\npin = 'D5'\n[[device]]\ntype = 'led'\nname = 'a'\npin = 'D6'",
        "name 'a' is used twice",
    ),
    ("[[device]]\ntype = 'bme280'\n[[device]]\ntype = 'bme280'", "two I2C devices at address 0x77"),
    ("[scenario]\nlayout = 'raspberry_pi_pico'", "written for board layout 'raspberry_pi_pico'"),
    ("[boards]\nx = 1", "unknown top-level key 'boards'"),
    ("[[device]\ntype = 'led'", "TOML syntax error"),
]


@pytest.mark.parametrize("text,message", BAD, ids=[m for _, m in BAD])
def test_bad_scenarios_name_file_and_problem(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as exc:
        hal.open_board(layout="adafruit_feather_rp2040", scenario=str(path))
    line = str(exc.value)
    assert line.startswith(f"{path}: ") and message in line and "\n" not in line


def test_missing_scenario_file(tmp_path):
    with pytest.raises(ScenarioError, match="nope.toml: cannot read"):
        hal.open_board(scenario=str(tmp_path / "nope.toml"))

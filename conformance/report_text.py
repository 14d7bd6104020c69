"""The terminal summary: a table per category and implementation, then the failures."""

from __future__ import annotations

from conformance.execute import BAD, SuiteResult
from conformance.summary import Changes, by_category, count, implementations, status_of

_COLUMNS = ("passed", "failed", "skipped", "timeout", "crashed", "total")


def _row(label: str, impl: str, counts: dict[str, int], width: int) -> str:
    cells = "".join(f"{counts[c]:>9}" for c in _COLUMNS)
    return f"{label:<{width}} {impl:<12}{cells}"


def summary_text(results: list[SuiteResult], changes: Changes | None = None) -> str:
    """Per-category counts for each implementation, the failing tests, baseline changes."""
    table = by_category(results)
    impls = implementations(results)
    width = max([len("category"), len("all")] + [len(c) for c in table])
    lines = [f"{'category':<{width}} {'impl':<12}" + "".join(f"{c:>9}" for c in _COLUMNS)]
    for category, per_impl in table.items():
        for impl in impls:
            lines.append(_row(category, impl, per_impl[impl], width))
    lines.append("-" * len(lines[0]))
    for impl in impls:
        statuses = [s for r in results if (s := status_of(r, impl)) is not None]
        lines.append(_row("all", impl, count(statuses), width))

    failing = [r for r in results if r.status in BAD]
    if failing:
        lines.append("")
        lines.append(f"{len(failing)} failing test(s):")
        for r in failing:
            lines.append(f"  {r.status.upper():<8} {r.test.name}: {r.jitvm.reason}")
    if changes is not None:
        lines.append("")
        lines.append(
            f"against baseline: {len(changes.newly_passing)} newly passing, "
            f"{len(changes.newly_failing)} newly failing, {len(changes.new_tests)} new, "
            f"{len(changes.removed_tests)} removed"
        )
        for name in changes.newly_passing:
            lines.append(f"  + now passes: {name}")
        for name in changes.newly_failing:
            lines.append(f"  - now fails:  {name}")
    counts = count([r.status for r in results])
    lines.append("")
    # One plain closing line, in the shape CI log readers recognise.
    lines.append(
        f"conformance: {counts['passed']} passed, "
        f"{counts['failed'] + counts['timeout'] + counts['crashed']} failed, "
        f"{counts['skipped']} skipped"
    )
    return "\n".join(lines) + "\n"

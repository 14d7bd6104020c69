"""The single-file HTML report: category bars, failure diffs, changes against a baseline."""

from __future__ import annotations

import hashlib
import re
from html import escape
from pathlib import Path
from typing import Any

from conformance.execute import BAD, STATUSES, SuiteResult
from conformance.summary import COUNT_KEYS, Changes, unified_diff

_COLOURS = {
    "pass": "#2e7d32",
    "fail": "#c62828",
    "skip": "#9e9e9e",
    "timeout": "#ef6c00",
    "crash": "#6a1b9a",
}

_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}
h1{margin-bottom:.2em} h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse} td,th{padding:2px 8px;text-align:left;vertical-align:top}
tr:nth-child(even){background:#f6f6f6}
.bar{display:flex;width:420px;height:16px;border:1px solid #aaa;background:#eee}
.bar span{display:block;height:100%}
.legend span{display:inline-block;padding:0 8px;margin-right:6px;color:#fff;border-radius:3px}
.status{font-weight:bold;text-transform:uppercase;font-size:.85em}
pre.diff{background:#fafafa;border:1px solid #ddd;padding:8px;overflow-x:auto;font-size:.85em}
pre.diff .add{background:#e6ffed;color:#1b5e20} pre.diff .del{background:#ffeef0;color:#b71c1c}
pre.diff .hunk{color:#0d47a1}
.failure{border-left:4px solid #c62828;padding-left:1em;margin:1.5em 0}
.badge{background:#c62828;color:#fff;border-radius:3px;padding:0 6px;font-size:.8em}
.badge.good{background:#2e7d32} .muted{color:#777}
"""


def anchor(kind: str, name: str) -> str:
    """A stable, unique HTML id for a test (`fail-...` details or `test-...` row)."""
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
    return f"{kind}-{slug}-{hashlib.sha1(name.encode()).hexdigest()[:6]}"


def _status(status: str | None) -> str:
    if status is None:
        return '<span class="muted">-</span>'
    colour = _COLOURS.get(status, "#000")
    return f'<span class="status" style="color:{colour}">{escape(status)}</span>'


def _bar(counts: dict[str, int]) -> str:
    total = counts["total"] or 1
    parts = []
    for status in STATUSES:
        n = counts[COUNT_KEYS[status]]
        if n:
            title = f"{n} {status}"
            parts.append(
                f'<span style="width:{100 * n / total:.3f}%;background:{_COLOURS[status]}" '
                f'title="{title}"></span>'
            )
    return f'<div class="bar">{"".join(parts)}</div>'


def _diff_html(diff: str) -> str:
    lines = []
    for line in diff.splitlines():
        cls = ""
        if line.startswith("+") and not line.startswith("+++"):
            cls = "add"
        elif line.startswith("-") and not line.startswith("---"):
            cls = "del"
        elif line.startswith("@@"):
            cls = "hunk"
        text = escape(line)
        lines.append(f'<span class="{cls}">{text}</span>' if cls else text)
    return '<pre class="diff">' + "\n".join(lines) + "</pre>"


def _categories(report: dict[str, Any]) -> str:
    legend = "".join(
        f'<span style="background:{c}">{escape(s)}</span>' for s, c in _COLOURS.items()
    )
    rows = []
    for category, per_impl in report["categories"].items():
        for impl, counts in per_impl.items():
            numbers = ", ".join(f"{counts[k]} {k}" for k in COUNT_KEYS.values() if counts[k])
            rows.append(
                f"<tr><td>{escape(category)}</td><td>{escape(impl)}</td>"
                f"<td>{_bar(counts)}</td><td>{escape(numbers)}</td></tr>"
            )
    return (
        f'<h2 id="categories">Categories</h2><p class="legend">{legend}</p>'
        "<table><tr><th>category</th><th>impl</th><th></th><th>counts</th></tr>"
        + "".join(rows)
        + "</table>"
    )


def _link_list(names: list[str], kind_of: dict[str, str]) -> str:
    if not names:
        return '<p class="muted">none</p>'
    items = "".join(f'<li><a href="#{anchor(kind_of[n], n)}">{escape(n)}</a></li>' for n in names)
    return f"<ul>{items}</ul>"


def _changes(changes: Changes, results: list[SuiteResult]) -> str:
    # Newly failing tests link to their diff; others to their row in the table.
    kind_of = {r.test.name: ("fail" if r.status in BAD else "test") for r in results}
    for name in changes.removed_tests:
        kind_of[name] = "test"
    return (
        '<h2 id="changes">Changes against the baseline</h2>'
        f"<h3>Newly failing ({len(changes.newly_failing)})</h3>"
        + _link_list(changes.newly_failing, kind_of)
        + f"<h3>Newly passing ({len(changes.newly_passing)})</h3>"
        + _link_list(changes.newly_passing, kind_of)
        + f"<h3>Other status changes ({len(changes.other_changes)})</h3>"
        + _link_list(changes.other_changes, kind_of)
        + f"<h3>New tests ({len(changes.new_tests)})</h3>"
        + _link_list(changes.new_tests, kind_of)
        + f"<h3>Removed tests ({len(changes.removed_tests)})</h3>"
        + (
            "<ul>" + "".join(f"<li>{escape(n)}</li>" for n in changes.removed_tests) + "</ul>"
            if changes.removed_tests
            else '<p class="muted">none</p>'
        )
    )


def _failure(result: SuiteResult, changes: Changes | None) -> str:
    name = result.test.name
    badge = ""
    if changes is not None and name in changes.newly_failing:
        old = escape(changes.old_status.get(name, ""))
        badge = f' <a class="badge" href="#changes">newly failing (was {old})</a>'
    refs = "".join(
        f" &middot; {escape(ref)}: {_status(v.status)} {escape(v.reason)}"
        for ref, v in result.refs.items()
    )
    diff = unified_diff(result)
    body = _diff_html(diff) if diff else '<p class="muted">no output to compare</p>'
    cuts = [
        f"{what}: {n} bytes cut from the middle"
        for what, n in (
            ("jitvm's output", result.jitvm.cut),
            ("expected output", result.expected.cut if result.expected is not None else 0),
        )
        if n
    ]
    if cuts:
        body = f'<p class="muted cut">{escape("; ".join(cuts))}</p>' + body
    return (
        f'<div class="failure" id="{anchor("fail", name)}">'
        f'<h3><a href="#{anchor("test", name)}">{escape(name)}</a> {_status(result.status)}'
        f"{badge}</h3><p>{escape(result.jitvm.reason)}{refs}</p>{body}</div>"
    )


def _all_tests(results: list[SuiteResult], changes: Changes | None) -> str:
    ref_names = sorted({ref for r in results for ref in r.refs})
    head = "".join(f"<th>{escape(n)}</th>" for n in ref_names)
    rows = []
    for r in results:
        name = escape(r.test.name)
        if r.status in BAD:
            name = f'<a href="#{anchor("fail", r.test.name)}">{name}</a>'
        if changes is not None and r.test.name in changes.newly_passing:
            name += ' <a class="badge good" href="#changes">newly passing</a>'
        cells = "".join(
            f"<td>{_status(r.refs[n].status if n in r.refs else None)}</td>" for n in ref_names
        )
        rows.append(
            f'<tr id="{anchor("test", r.test.name)}"><td>{name}</td>'
            f"<td>{escape(r.test.category)}</td><td>{_status(r.status)}</td>{cells}"
            f"<td>{r.jitvm.seconds:.2f}s</td><td>{escape(r.jitvm.reason)}</td></tr>"
        )
    return (
        '<h2 id="tests">All tests</h2><table><tr><th>test</th><th>category</th><th>jitvm</th>'
        f"{head}<th>time</th><th>reason</th></tr>" + "".join(rows) + "</table>"
    )


def render_html(
    results: list[SuiteResult], report: dict[str, Any], changes: Changes | None = None
) -> str:
    """The report as one HTML document with inline CSS and no external assets."""
    s = report["summary"]
    impl = report["implementation"]
    failing = [r for r in results if r.status in BAD]
    headline = (
        f"{s['passed']} passed, {s['failed']} failed, {s['skipped']} skipped, "
        f"{s['timeout']} timed out, {s['crashed']} crashed, {s['total']} total"
    )
    meta = escape(
        f"jitvm: {' '.join(impl.get('jitvm', {}).get('command', []))} | "
        f"ref: {impl.get('ref')} | timeout: {impl.get('timeout')}s | "
        f"started {impl.get('started')}"
    )
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        "<title>jitvm conformance report</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>jitvm conformance</h1><p><b>{escape(headline)}</b></p><p class='muted'>{meta}</p>",
        _categories(report),
    ]
    if changes is not None:
        parts.append(_changes(changes, results))
    parts.append(f'<h2 id="failures">Failing tests ({len(failing)})</h2>')
    parts.extend(_failure(r, changes) for r in failing)
    if not failing:
        parts.append('<p class="muted">none</p>')
    parts.append(_all_tests(results, changes))
    parts.append("</body></html>\n")
    return "\n".join(parts)


def write_html(
    path: str | Path,
    results: list[SuiteResult],
    report: dict[str, Any],
    changes: Changes | None = None,
) -> None:
    Path(path).write_text(render_html(results, report, changes), encoding="utf-8")

"""Presents a benchmark Suite: a text table, a JSON document and a bar chart of ratios."""

from __future__ import annotations

import json
import math

from benchmarks.results import ERROR, MISMATCH, OK, SKIP, Suite

_NAME_WIDTH = 22
_CELL_WIDTH = 18


def _cell_text(suite: Suite, bm: str, impl: str) -> str:
    cell = suite.cells.get((bm, impl))
    if cell is None:
        return "n/a"
    if cell.status == OK:
        ratio = suite.ratio(bm, impl)
        rtext = f"{ratio:.2f}x" if ratio is not None else "n/a"
        return f"{cell.seconds:.4f}s {rtext:>7}"
    if cell.status == MISMATCH:
        return "MISMATCH"
    if cell.status == SKIP:
        return "skip"
    return "error"


def _notes(suite: Suite) -> list[str]:
    """One line per problem; an implementation failing everywhere for one reason gets one line."""
    lines = []
    for impl in suite.impls:
        bad = [
            suite.cells[(bm, impl)]
            for bm in suite.benchmarks
            if (bm, impl) in suite.cells and suite.cells[(bm, impl)].status != OK
        ]
        reasons = {c.reason for c in bad}
        if len(bad) > 1 and len(bad) == len(suite.benchmarks) and len(reasons) == 1:
            lines.append(f"{impl}: {bad[0].status} on all benchmarks: {bad[0].reason}")
            continue
        for c in bad:
            lines.append(f"{c.benchmark} / {impl}: {c.status}: {c.reason}")
    return lines


def format_table(suite: Suite) -> str:
    """The human-readable report: median seconds and ratio to the baseline, geomeans, notes."""
    head = "benchmark".ljust(_NAME_WIDTH) + "".join(i.rjust(_CELL_WIDTH) for i in suite.impls)
    out = [head, "-" * len(head)]
    for bm in suite.benchmarks:
        row = bm[: _NAME_WIDTH - 1].ljust(_NAME_WIDTH)
        row += "".join(_cell_text(suite, bm, i).rjust(_CELL_WIDTH) for i in suite.impls)
        out.append(row)
    out.append("-" * len(head))
    gm = suite.geomeans()
    row = (f"geomean vs {suite.baseline}").ljust(_NAME_WIDTH)
    row += "".join(
        (f"{gm[i]:.2f}x" if gm[i] is not None else "n/a").rjust(_CELL_WIDTH) for i in suite.impls
    )
    out.append(row)
    out.append(
        "(time = median of {} run(s); ratio = impl / {}, >1 is slower)".format(
            suite.params.get("repeat", "?"), suite.baseline
        )
    )
    notes = _notes(suite)
    if notes:
        out.append("")
        out.extend(notes)
    return "\n".join(out)


def to_json(suite: Suite) -> dict:
    """The machine-readable report (see README for the shape)."""
    results = []
    for bm in suite.benchmarks:
        for impl in suite.impls:
            c = suite.cells.get((bm, impl))
            if c is None:
                continue
            results.append(
                {
                    "benchmark": bm,
                    "impl": impl,
                    "seconds": c.seconds,
                    "ok": c.status == OK,
                    "status": c.status,
                    "repeats": list(c.repeats),
                    f"ratio_vs_{suite.baseline}": suite.ratio(bm, impl),
                    "norm": c.norm,
                    "clock": c.clock,
                    "result": c.result,
                    "reason": c.reason,
                }
            )
    return {
        "results": results,
        f"geomean_vs_{suite.baseline}": suite.geomeans(),
        "machine": suite.machine,
        "params": suite.params,
        "counts": {s: suite.count(s) for s in (OK, MISMATCH, ERROR, SKIP)},
    }


def write_json(suite: Suite, path: str) -> None:
    """Write `to_json(suite)` to `path`."""
    with open(path, "w", encoding="utf-8") as f:
        json.dump(to_json(suite), f, indent=2)
        f.write("\n")


def _minor_ratio_label(value: float, _pos: int) -> str:
    # label only the 2s and 5s between decades, so a wide axis stays readable
    if value <= 0:
        return ""
    mantissa = round(value / 10 ** math.floor(math.log10(value)))
    return f"{value:g}x" if mantissa in (2, 5) else ""


def write_plot(suite: Suite, path: str) -> None:
    """Draw ratios to the baseline as grouped bars (one group per benchmark, log y) into `path`."""
    import matplotlib

    matplotlib.use("Agg")  # no display on CI or over ssh
    import matplotlib.pyplot as plt

    impls = [i for i in suite.impls if i != suite.baseline]
    groups = list(suite.benchmarks) + ["geomean"]
    gm = suite.geomeans()
    width = 0.8 / max(1, len(impls))
    fig_w = min(18.0, max(6.0, 0.3 * len(groups) * max(1, len(impls)) + 2.0))
    fig, ax = plt.subplots(figsize=(fig_w, 5.0))
    from matplotlib.patches import Patch

    colors = plt.get_cmap("tab10").colors
    # hand-made legend entries: an empty bar series would get no colour swatch
    handles = [plt.Line2D([], [], color="black", linewidth=0.8, label=suite.baseline)]
    for k, impl in enumerate(impls):
        xs, ys = [], []
        for g, name in enumerate(groups):
            r = gm[impl] if name == "geomean" else suite.ratio(name, impl)
            if r is not None:
                xs.append(g + (k - (len(impls) - 1) / 2) * width)
                ys.append(r)
        color = colors[k % len(colors)]
        if ys:
            ax.bar(xs, ys, width=width, color=color)
        handles.append(Patch(color=color, label=impl if ys else f"{impl} (no data)"))
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_yscale("log")
    # plain "2x", "0.5x" labels instead of matplotlib's 2x10^0 on a short log axis
    from matplotlib.ticker import FuncFormatter

    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:g}x"))
    ax.yaxis.set_minor_formatter(FuncFormatter(_minor_ratio_label))
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels(groups, rotation=60, ha="right", fontsize=8)
    ax.set_ylabel(f"time / {suite.baseline} time (log, >1 slower)")
    ax.set_title("jitvm bench (N={}, M={})".format(suite.params.get("N"), suite.params.get("M")))
    ax.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)

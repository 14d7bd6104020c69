"""`jitvm bench`: run benchmark programs on jitvm, CPython and MicroPython and compare them.

Used by jitvm/cli.py as `add_arguments(parser)` and `main(args) -> int`; also runnable
directly as `python -m benchmarks.runner ...`.
"""

from __future__ import annotations

import argparse
import sys

from benchmarks.impls import BASELINE, KNOWN_IMPLS, parse_impl_command, select_implementations
from benchmarks.report import format_table, write_json, write_plot
from benchmarks.results import MISMATCH
from benchmarks.suite import PROGRAMS_DIR, collect, run_suite


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the `bench` options to `parser`."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="benchmark files or folders (default: the project's benchmarks/programs); "
        "MicroPython's tests/perf_bench folder works as it is",
    )
    parser.add_argument(
        "--impl",
        default=",".join(KNOWN_IMPLS),
        help="comma-separated implementations (default: %(default)s); "
        "cpython always runs as the baseline",
    )
    parser.add_argument(
        "--impl-cmd",
        action="append",
        default=[],
        metavar="NAME=COMMAND",
        help="run implementation NAME as COMMAND (the driver file is appended); repeatable",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per (benchmark, impl)")
    parser.add_argument("--json", metavar="OUT.json", help="write results as JSON")
    parser.add_argument("--plot", metavar="OUT.png", help="draw ratios as a bar chart")
    parser.add_argument(
        "--timeout", type=float, default=300.0, metavar="S", help="seconds per process"
    )
    parser.add_argument(
        "-k", dest="substr", metavar="SUBSTR", help="only benchmarks whose name has SUBSTR"
    )
    parser.add_argument(
        "--param-n",
        type=int,
        default=1000,
        metavar="N",
        help="perf_bench N (target MHz; picks each benchmark's params, default %(default)s)",
    )
    parser.add_argument(
        "--param-m",
        type=int,
        default=1000,
        metavar="M",
        help="perf_bench M (target heap kB, default %(default)s)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress lines on stderr")


def main(args: argparse.Namespace) -> int:
    """Run the suite described by `args`; print the table. Exit 1 on a result mismatch, 2 on usage."""
    try:
        overrides = {}
        for spec in args.impl_cmd:
            impl = parse_impl_command(spec)
            overrides[impl.name] = impl
        names = [n.strip() for n in args.impl.split(",") if n.strip()]
        benchmarks = collect(args.paths or [PROGRAMS_DIR], args.substr)
    except (ValueError, FileNotFoundError) as e:
        print(f"jitvm bench: {e}", file=sys.stderr)
        return 2
    if args.repeat < 1:
        print("jitvm bench: --repeat must be at least 1", file=sys.stderr)
        return 2
    if not benchmarks:
        print("jitvm bench: no benchmarks found", file=sys.stderr)
        return 2
    impls = select_implementations(names, overrides)
    progress = None if args.quiet else (lambda line: print(line, file=sys.stderr, flush=True))
    suite = run_suite(
        benchmarks,
        impls,
        repeat=args.repeat,
        param_n=args.param_n,
        param_m=args.param_m,
        timeout=args.timeout,
        baseline=BASELINE,
        progress=progress,
    )
    print(format_table(suite))
    if args.json:
        write_json(suite, args.json)
    if args.plot:
        write_plot(suite, args.plot)
    return 1 if suite.count(MISMATCH) else 0


def _standalone(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jitvm bench", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return main(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(_standalone())

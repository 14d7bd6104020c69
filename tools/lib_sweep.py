"""Runs many real Adafruit CircuitPython libraries on jitvm: import each one, probe the simulated parts.

    python tools/lib_sweep.py                      # the whole list (downloads once, then cached)
    python tools/lib_sweep.py -k bme280 -k sht31d  # only packages whose name contains these
    python tools/lib_sweep.py --installed adafruit-circuitpython-bme280 ...   # no download:
                                                   # the sources of packages installed here
    python tools/lib_sweep.py --json out.json --errors   # details; tracebacks of the failures

Each package is fetched with ``pip download --no-deps`` into a cache outside the repository
($JITVM_LIBSWEEP_CACHE, else ~/.cache/jitvm-libsweep), its modules are compiled with the real
mpy-cross into the ``lib/`` folder of one simulated CIRCUITPY drive (every package together, as
a board's lib/ holds a bundle), and for each package a guest program imports its modules and
submodules under ``jitvm run --flavor circuitpython`` on the sim Feather RP2040 with
hal/scenarios/feather_weather.toml (BME280, SHT31-D, SSD1306, MCP3008, NeoPixel) or, for the
display drivers that need them, feather_displays.toml (ST7789, SH1106). Packages whose part is
simulated also construct the driver on ``board.I2C()``/``board.SPI()`` and read a value.
The table gives one line per package: ``ok``, or the first line of the guest's error.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from fetch_libs import FetchError, archives_in, extract_sources  # noqa: E402
from lib_sweep_exercises import EXERCISES  # noqa: E402
from lib_sweep_list import PACKAGES, PROBES, SCENARIOS  # noqa: E402

SCENARIOS_DIR = ROOT / "hal" / "scenarios"
DEFAULT_SCENARIO = "feather_weather.toml"
RUN_TIMEOUT = 60  # seconds of host time for one package's guest program


@dataclass
class Library:
    package: str  # the PyPI name
    modules: list[str] = field(default_factory=list)  # importable names, packages first
    problem: str = ""  # why it could not be fetched or compiled ("" if it was)


@dataclass
class Outcome:
    package: str
    ok: bool
    first_error: str = ""  # the first line of the guest's error (exception type: message)
    detail: str = ""  # the whole guest output of a failure (traceback included)
    probe: str = ""  # "" (no simulated part), else what the probe printed or "failed"
    exercise: str = ""  # "" (none), "same as CPython", "differs", "failed", "no CPython reference"


def cache_root() -> Path:
    env = os.environ.get("JITVM_LIBSWEEP_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "jitvm-libsweep"


def _cached_archive(wheels: Path, package: str) -> Path | None:
    """The downloaded archive of ``package`` in ``wheels`` (pip normalises - . _ to _)."""
    stem = package.replace("-", "_").lower()
    for path in archives_in(wheels) if wheels.exists() else []:
        name = path.name.lower().replace("-", "_").replace(".", "_")
        if name.startswith(stem + "_") and name[len(stem) + 1 : len(stem) + 2].isdigit():
            return path
    return None


def _pip_download(package: str, wheels: Path) -> str:
    """Download one package; returns "" or pip's last error line."""
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
           "--disable-pip-version-check", "-d", str(wheels), package]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    except subprocess.TimeoutExpired:
        return "pip download timed out"
    if r.returncode == 0:
        return ""
    lines = [ln.strip() for ln in r.stderr.strip().splitlines() if ln.strip()]
    # pip's last line ("No matching distribution found ...") hides why: no version at all
    # means a wrong name or an index that cannot be reached
    none = any("(from versions: none)" in ln for ln in lines)
    why = lines[-1].removeprefix("ERROR: ") if lines else f"exited {r.returncode}"
    hint = " (no version at all: a wrong name, or the package index is unreachable)"
    return f"pip download: {why}" + (hint if none else "")


def fetch_all(packages: list[str], wheels: Path, *, offline: bool, jobs: int) -> dict[str, Path | str]:
    """package -> its archive (cached or downloaded now), or the reason it is missing."""
    wheels.mkdir(parents=True, exist_ok=True)
    found: dict[str, Path | str] = {}
    missing = []
    for pkg in packages:
        archive = _cached_archive(wheels, pkg)
        if archive is not None:
            found[pkg] = archive
        elif offline:
            found[pkg] = "not in the cache (--offline)"
        else:
            missing.append(pkg)
    with concurrent.futures.ThreadPoolExecutor(max(1, jobs)) as pool:
        for pkg, err in zip(missing, pool.map(lambda p: _pip_download(p, wheels), missing)):
            archive = _cached_archive(wheels, pkg)
            found[pkg] = archive if archive is not None else (err or "pip wrote no archive")
    return found


def installed_sources(package: str) -> dict[str, bytes]:
    """Relative module path -> source, for a distribution installed in this Python."""
    from importlib import metadata

    try:
        dist = metadata.distribution(package)
    except metadata.PackageNotFoundError:
        raise FetchError(f"{package} is not installed here") from None
    out = {}
    for f in dist.files or []:
        parts = Path(str(f)).parts
        if f.suffix == ".py" and not any(p.endswith((".dist-info", ".egg-info")) for p in parts) \
                and parts[0] not in ("tests", "examples", "docs") and ".." not in parts:
            out[str(f)] = Path(dist.locate_file(f)).read_bytes()
    return out


def module_names(sources: dict[str, bytes]) -> list[str]:
    """Importable names of the modules in ``sources`` (packages as their folder's name)."""
    names = []
    for rel in sorted(sources):
        parts = list(Path(rel).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        if parts and all(p.isidentifier() for p in parts):
            names.append(".".join(parts))
    return sorted(set(names), key=lambda n: (n.count("."), n))


def sources_dir(drive: Path) -> Path:
    """Where the packages' .py sources are kept: beside the drive, not on it."""
    return drive.parent / (drive.name + "-src")


def build_lib(lib: Path, sources_of: dict[str, dict[str, bytes] | str]) -> list[Library]:
    """Compile every package's modules into ``lib`` (cached by jitvm's compiler cache)."""
    from jitvm.compiler import CompileError, compile_file

    libs = []
    for pkg, sources in sources_of.items():
        entry = Library(pkg)
        libs.append(entry)
        if isinstance(sources, str):
            entry.problem = sources
            continue
        src_dir = sources_dir(lib.parent)
        failed = set()
        for rel, text in sorted(sources.items()):
            src = src_dir / rel
            src.parent.mkdir(parents=True, exist_ok=True)
            src.write_bytes(text)
            out = (lib / rel).with_suffix(".mpy")
            out.parent.mkdir(parents=True, exist_ok=True)
            try:
                compile_file(str(src), str(out), source_name=rel)
            except CompileError as exc:
                out.unlink(missing_ok=True)
                failed.add(rel)
                entry.problem = entry.problem or f"mpy-cross: {rel}: {str(exc).strip().splitlines()[-1]}"
        entry.modules = module_names({r: b"" for r in sources if r not in failed})
        if not entry.modules and not entry.problem:
            entry.problem = "no importable module in the archive"
    return libs


def guest_program(lib: Library) -> str:
    """The code.py that imports each module of ``lib`` and runs its probes, printing markers."""
    lines = ["import traceback", "def _fail(what, e):",
             "    print('@@ERR', what, repr(type(e).__name__ + ': ' + str(e)))",
             "    traceback.print_exception(e)"]
    for mod in lib.modules:
        lines += ["try:", f"    __import__({mod!r})", f"    print('@@OK', {mod!r})",
                  "except BaseException as e:", f"    _fail({mod!r}, e)"]
    for i, probe in enumerate(PROBES.get(lib.package, ())):
        body = "\n".join("    " + ln for ln in probe.strip().splitlines())
        lines += [f"def _probe{i}():", body, "try:", f"    print('@@PROBE', repr(_probe{i}()))",
                  "except BaseException as e:", f"    _fail('probe{i}', e)"]
    if lib.package in EXERCISES:
        lines += exercise_lines(lib.package) + ["except BaseException as e:", "    _fail('exercise', e)"]
    return "\n".join(lines) + "\n"


def exercise_lines(package: str) -> list[str]:
    """``_exercise()`` from the package's EXERCISES body and a ``try:`` printing its repr."""
    body = "\n".join("    " + ln for ln in EXERCISES[package].strip().splitlines())
    return ["def _exercise():", body, "try:", "    print('@@EXER ' + repr(_exercise()))"]


def cpython_exercise(package: str, src_dir: Path, timeout: float = RUN_TIMEOUT) -> str:
    """The repr CPython gets from the package's exercise over the same sources (the sources
    after the standard library on sys.path: CPython's own colorsys/asyncio stay first)."""
    prog = "\n".join([f"import sys; sys.path.append({str(src_dir)!r})",
                      # Blinka's usb_hid and pulseio (site-packages) fail on a desktop with
                      # other errors than the ImportError the libraries test for: stubs
                      "import types",
                      "for _n, _a in (('usb_hid', ('Device',)), ('pulseio', ('PulseIn', 'PulseOut'))):",
                      "    _m = sys.modules[_n] = types.ModuleType(_n)",
                      "    _m.devices = []",
                      "    for _c in _a: setattr(_m, _c, type(_c, (), {}))",
                      *exercise_lines(package),
                      "except BaseException as e:",
                      "    print('@@ERR ' + type(e).__name__ + ': ' + str(e))"])
    try:
        # -P: the cwd (the sources) is not put first on sys.path
        r = subprocess.run([sys.executable, "-P", "-c", prog], capture_output=True, text=True,
                           timeout=timeout, env={k: v for k, v in os.environ.items()
                                                 if k != "PYTHONPATH"}, cwd=src_dir)
    except subprocess.TimeoutExpired:
        return "@@ERR timeout"
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("@@")]
    return lines[-1] if lines else f"@@ERR exit {r.returncode}: {r.stderr.strip()[-200:]}"


def run_library(drive: Path, lib: Library, *, timeout: float = RUN_TIMEOUT,
                extra: tuple[str, ...] = ()) -> Outcome:
    """Run the package's guest program on ``drive`` (its own code file) and read the markers."""
    if not lib.modules:
        return Outcome(lib.package, False, lib.problem)
    code = drive / f"sweep_{lib.package.replace('-', '_')}.py"
    code.write_text(guest_program(lib))
    cmd = [sys.executable, "-m", "jitvm", "run", str(code), "--root", str(drive), "--flavor",
           "circuitpython", "--layout", "adafruit_feather_rp2040", "--scenario",
           str(SCENARIOS_DIR / SCENARIOS.get(lib.package, DEFAULT_SCENARIO)),
           "--timeout", str(timeout), *extra]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout + 30, env=env, cwd=drive)
    except subprocess.TimeoutExpired:
        return Outcome(lib.package, False, "host timeout")
    outcome = read_outcome(lib, r.stdout, r.stderr, r.returncode)
    if lib.package in EXERCISES:
        compare_exercise(outcome, r.stdout, cpython_exercise(lib.package, sources_dir(drive)))
    return outcome


def compare_exercise(outcome: Outcome, stdout: str, reference: str) -> None:
    """Mark the outcome with the exercise's result: the same as CPython's, or the difference."""
    mine = next((ln for ln in stdout.splitlines() if ln.startswith("@@EXER ")), None)
    if reference.startswith("@@ERR"):
        outcome.exercise = "no CPython reference (" + reference[6:80] + ")"
    elif mine is None:
        outcome.exercise = "failed"  # the guest error is already in first_error
    elif mine == reference:
        outcome.exercise = "same as CPython"
    else:
        outcome.exercise = "differs"
        diff = f"exercise: jitvm {mine[7:][:150]} / CPython {reference[7:][:150]}"
        outcome.detail += f"\n@@DIFF\n{mine}\n{reference}\n"
        if outcome.ok:
            outcome.ok, outcome.first_error = False, diff


def read_outcome(lib: Library, stdout: str, stderr: str, status: int) -> Outcome:
    errors, probes = [], []
    for line in stdout.splitlines():
        if line.startswith("@@ERR "):
            _, what, msg = line.split(" ", 2)
            errors.append(f"{what}: {_unrepr(msg)}")
        elif line.startswith("@@PROBE "):
            probes.append(_unrepr(line.split(" ", 1)[1]))
    imported = {ln.split()[1] for ln in stdout.splitlines() if ln.startswith("@@OK ")}
    if not errors and (status != 0 or imported != set(lib.modules)):
        last = (stderr.strip() or stdout.strip() or f"exit status {status}").splitlines()[-1]
        errors.append(f"run: {last}")
    if lib.problem:  # a module mpy-cross refused: the rest were still imported
        errors.insert(0, lib.problem)
    probe = "failed" if any(e.startswith("probe") for e in errors) else "; ".join(probes)
    detail = stdout + stderr if errors else ""
    return Outcome(lib.package, not errors, errors[0] if errors else "", detail, probe)


def _unrepr(text: str) -> str:
    import ast

    try:
        return str(ast.literal_eval(text))
    except (ValueError, SyntaxError):
        return text


def table(outcomes: list[Outcome]) -> str:
    width = max([len(o.package) for o in outcomes] + [7])
    rows = [f"{'package':<{width}}  result"]
    for o in outcomes:
        result = "ok" if o.ok else f"ERROR {o.first_error}"
        if o.probe:
            result += f"  [probe: {o.probe}]"
        if o.exercise:
            result += f"  [exercise: {o.exercise}]"
        rows.append(f"{o.package:<{width}}  {result}")
    n_ok = sum(o.ok for o in outcomes)
    probed = [o for o in outcomes if o.probe]
    rows.append(f"{n_ok} of {len(outcomes)} packages pass, {len(outcomes) - n_ok} fail; "
                f"{sum(o.probe != 'failed' for o in probed)} of {len(probed)} device probes read; "
                f"{sum(o.exercise == 'same as CPython' for o in outcomes)} of "
                f"{sum(bool(o.exercise) for o in outcomes)} exercises match CPython")
    return "\n".join(rows)


def sources_for(packages: list[str], args: argparse.Namespace) -> dict[str, dict[str, bytes] | str]:
    out: dict[str, dict[str, bytes] | str] = {}
    if args.installed:
        for pkg in packages:
            try:
                out[pkg] = installed_sources(pkg)
            except FetchError as exc:
                out[pkg] = str(exc)
        return out
    for pkg, got in fetch_all(packages, args.cache / "wheels", offline=args.offline,
                              jobs=args.jobs).items():
        try:
            out[pkg] = extract_sources(got) if isinstance(got, Path) else got
        except (FetchError, OSError, ValueError) as exc:
            out[pkg] = f"bad archive: {exc}"
    return {pkg: out[pkg] for pkg in packages}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("packages", nargs="*", help="PyPI names (default: the built-in list)")
    p.add_argument("-k", action="append", default=[], help="only packages containing this text")
    p.add_argument("--installed", action="store_true", help="take sources from installed packages")
    p.add_argument("--offline", action="store_true", help="use only cached downloads")
    p.add_argument("--cache", type=Path, default=cache_root(), help="download cache folder")
    p.add_argument("--drive", type=Path, help="the CIRCUITPY folder to build (default: in the cache)")
    p.add_argument("-j", "--jobs", type=int, default=2, help="packages run in parallel")
    p.add_argument("--json", type=Path, help="write the outcomes as JSON here")
    p.add_argument("--errors", action="store_true", help="print each failure's guest output")
    p.add_argument("--tier", choices=("0", "1"), default="0",
                   help="1: tier 1 too (machine code with llvmlite), every function compiled at "
                        "its first call, each guard failing once (--jit-stress)")
    args = p.parse_args(argv)
    packages = list(args.packages or PACKAGES)
    if args.k:
        packages = [pkg for pkg in packages if any(k in pkg for k in args.k)]
    if not packages:
        print("lib_sweep: no package selected", file=sys.stderr)
        return 2
    drive = (args.drive or args.cache / "CIRCUITPY").resolve()
    (drive / "lib").mkdir(parents=True, exist_ok=True)
    libs = build_lib(drive / "lib", sources_for(packages, args))
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        extra = ("--tier", "1", "--jit-threshold", "0", "--jit-stress") if args.tier == "1" else ()
        outcomes = list(pool.map(lambda lib: run_library(drive, lib, extra=extra), libs))
    print(table(outcomes))
    if args.errors:
        for o in outcomes:
            if not o.ok:
                print(f"\n===== {o.package}: {o.first_error}\n{o.detail.rstrip()}")
    if args.json:
        args.json.write_text(json.dumps([o.__dict__ for o in outcomes], indent=1))
    return 0 if all(o.ok for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())

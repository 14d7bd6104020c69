"""Start-up cost of `jitvm run hello.py` against `python3 hello.py` (whole-process wall times).

    .venv/bin/python tools/startup_bench.py [-n 10] [--program FILE.py] [--cold]

Runs both commands N times each, interleaved (jitvm, python, jitvm, ...), after one warm-up
run of each (which also fills jitvm's compile cache unless --cold), and prints the medians and
their ratio. Both use the Python running this script (the venv's). --cold gives jitvm an empty
compile cache on every run (JITVM_CACHE_DIR in a fresh temporary folder), so mpy-cross runs
each time. PYTHONDONTWRITEBYTECODE is dropped from the children's environment, so that the
warm-up run leaves __pycache__ as an installed package has it (both commands read theirs).
Exit status 0 (it reports, it does not judge).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _time(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, env=env, check=False)
    dt = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.decode(errors="replace"))
        raise SystemExit(f"startup_bench: {cmd!r} exited with {proc.returncode}")
    return dt


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=10, help="runs of each command (default 10)")
    ap.add_argument("--program", default=None, help="the .py to run (default: print('hello'))")
    ap.add_argument("--cold", action="store_true", help="an empty compile cache for every jitvm run")
    args = ap.parse_args(argv)

    py = sys.executable
    with tempfile.TemporaryDirectory(prefix="jitvm-startup-") as tmp:
        prog = args.program
        if prog is None:
            prog = os.path.join(tmp, "hello.py")
            Path(prog).write_text('print("hello")\n')
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        jitvm = [py, "-c", "import sys; from jitvm.cli import main; sys.exit(main())", "run", prog]
        script = Path(py).with_name("jitvm")
        if script.is_file():
            jitvm = [str(script), "run", prog]  # the installed console script, as users run it
        cpython = [py, prog]

        def jitvm_env(i: int) -> dict:
            if not args.cold:
                return env
            return dict(env, JITVM_CACHE_DIR=os.path.join(tmp, f"cache{i}"))

        _time(jitvm, jitvm_env(-1))  # warm-up: page cache, and jitvm's compile cache
        _time(cpython, env)
        tj, tp = [], []
        for i in range(args.n):
            tj.append(_time(jitvm, jitvm_env(i)))
            tp.append(_time(cpython, env))
    mj, mp = statistics.median(tj), statistics.median(tp)
    print(f"jitvm run {Path(prog).name}: median {mj * 1000:.1f} ms  "
          f"(min {min(tj) * 1000:.1f}, max {max(tj) * 1000:.1f}, n={args.n}"
          f"{', cold cache' if args.cold else ''})")
    print(f"python3 {Path(prog).name}:   median {mp * 1000:.1f} ms  "
          f"(min {min(tp) * 1000:.1f}, max {max(tp) * 1000:.1f}, n={args.n})")
    print(f"ratio: {mj / mp:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

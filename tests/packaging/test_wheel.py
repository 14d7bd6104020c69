"""A wheel of jitvm builds without setuptools deprecation warnings and, installed outside the
source tree, runs `jitvm demo` from the example it ships as package data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _setuptools_major() -> int:
    try:
        return int(version("setuptools").split(".")[0])
    except (PackageNotFoundError, ValueError):
        return 0


def _source_copy(dest: Path) -> Path:
    """What a wheel is built from, copied (setuptools writes build/ and *.egg-info into the
    folder it builds; the source tree stays clean). The demo's link stays a link."""
    dest.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.png", "*.vcd")
    for name in ("jitvm", "mpy", "hal", "conformance", "benchmarks", "examples"):
        shutil.copytree(ROOT / name, dest / name, symlinks=True, ignore=skip)
    return dest


def test_wheel_builds_cleanly_and_its_demo_runs(tmp_path):
    wheels = tmp_path / "wheels"
    src = _source_copy(tmp_path / "src")
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(wheels), str(src)]
    if _setuptools_major() >= 77:  # pyproject's build requirement is here: no download needed
        cmd.insert(4, "--no-build-isolation")
    build = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    log = build.stdout + build.stderr
    assert build.returncode == 0, log
    assert "deprecat" not in log.lower() and "BuildBackendWarning" not in log, log
    (wheel,) = wheels.glob("jitvm-*.whl")

    site = tmp_path / "site"
    inst = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                           "--target", str(site), str(wheel)],
                          capture_output=True, text=True, timeout=300)
    assert inst.returncode == 0, inst.stdout + inst.stderr

    # the installed copy only: its folder first on the path, -P keeps the cwd off it, and the
    # cwd is outside the source tree (dependencies come from this interpreter's site-packages)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(site)
    out = tmp_path / "out"
    where = subprocess.run([sys.executable, "-P", "-c", "import jitvm; print(jitvm.__file__)"],
                           capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert where.stdout.strip() == str(site / "jitvm" / "__init__.py"), where.stdout + where.stderr
    demo = subprocess.run([sys.executable, "-P", "-m", "jitvm", "demo", "--out", str(out)],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert " C " in demo.stdout and "hPa" in demo.stdout, demo.stdout  # the sensor's readings
    assert (out / "oled.png").stat().st_size > 0 and (out / "trace.vcd").stat().st_size > 0

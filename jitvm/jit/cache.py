"""On-disk cache of tier 1's object code (like numba's ``cache=True``).

A function's generated IR holds no address of the process that made it (objects are the
symbols ``jitvm_ref<k>``, bound at link time; the module and its functions have one fixed
name, ``canonical_ir``), so the object code of its optimised module can be linked in any
later process. The key is the sha256 of the IR text, the optimisation pipeline, the
llvmlite/LLVM versions, the host CPU (name and features), the Python version and
``FORMAT``; the value is the object file, behind a magic and the payload's sha256 (a
truncated or corrupt file is dropped and rewritten, never linked).

The folder is ``tier1`` in ``$JITVM_CACHE_DIR``, else ``$JITVM_CACHE`` (the compiler's cache
root), else ``$XDG_CACHE_HOME/jitvm``, else ``~/.cache/jitvm``; ``JITVM_NO_CACHE=1``
(``jitvm run --no-jit-cache``) turns the cache off. Files are written
atomically (a temporary file, then ``os.replace``) and the folder is kept under
``MAX_BYTES`` by removing the least recently used files. Every file-system error is ignored:
the cache can only save time, never fail a run.
"""

from __future__ import annotations

import os
import re
import sys

try:  # the built-in module: hashlib loads OpenSSL (~2 ms), and the translation reads this cache
    from _sha256 import sha256 as _sha256
except ImportError:  # pragma: no cover - CPython 3.12 renamed it
    from hashlib import sha256 as _sha256

FORMAT = 2  # bump when the file layout or the meaning of the IR's symbols changes
MAGIC = b"JITVM-OBJ\x00"
MAX_BYTES = 64 << 20
SUFFIX = ".o"
CANONICAL_NAME = "jitfn"


def enabled() -> bool:
    return os.environ.get("JITVM_NO_CACHE", "") in ("", "0")


def _root() -> str | None:
    """jitvm's cache root as a string (os.path only: the translation reads this cache in
    every run, and pathlib/tempfile cost ~10 ms to import)."""
    if not enabled():
        return None
    root = os.environ.get("JITVM_CACHE_DIR") or os.environ.get("JITVM_CACHE")
    if not root:
        xdg = os.environ.get("XDG_CACHE_HOME")
        if xdg:
            root = os.path.join(xdg, "jitvm")
        else:
            home = os.path.expanduser("~")
            if home == "~":  # no home directory
                return None
            root = os.path.join(home, ".cache", "jitvm")
    return root


def directory(kind: str = "tier1"):
    """The folder of the object files (a Path, not created here), or None when the cache is
    off: ``tier1`` in jitvm's cache root, next to the compiler's ``mpy`` (``kind`` ``tier0``:
    the Python translations' code objects, ``jitvm.translate``)."""
    from pathlib import Path

    root = _root()
    return None if root is None else Path(root) / kind


def canonical_ir(ir_text: str, name: str) -> str:
    """``ir_text`` with the module's own name (``jit<serial>``, which depends on the order
    functions compiled in) replaced by one fixed name: each module is linked as its own
    library, so names need not be unique across modules. llvmlite quotes every name."""
    return re.sub(rf'"{re.escape(name)}(?=["_])', f'"{CANONICAL_NAME}', ir_text)


def canonical_symbol(symbol: str, name: str) -> str:
    return CANONICAL_NAME + symbol[len(name):] if symbol.startswith(name) else symbol


def key(ir_text: str, full: bool, eng, fast_cg: bool = False) -> str:
    """The cache key of ``ir_text`` compiled by engine ``eng`` (hex sha256) with the O2 or
    the light pipeline (``full``), by the optimising or the -O0 back end (``fast_cg``)."""
    import llvmlite

    h = _sha256()
    python = f"python {sys.implementation.name} {sys.version_info[:2]} {sys.maxsize}"
    for part in (f"jitvm-cache {FORMAT}", f"llvmlite {llvmlite.__version__}",
                 f"llvm {eng.llvm_version}", python, f"triple {eng.triple}",
                 f"cpu {eng.cpu}", f"features {eng.features}",
                 f"pipeline {'O2' if full else 'light'}", *(["codegen O0"] if fast_cg else [])):
        h.update(part.encode() + b"\0")
    h.update(ir_text.encode())
    return h.hexdigest()


def _path(k: str, suffix: str = SUFFIX, kind: str = "tier1") -> str | None:
    root = _root()
    return None if root is None else os.path.join(root, kind, f"{k}{suffix}")


# ---- the index: typed function -> (object key, what its refs are) --------------------------
# Building a function's IR is Python work (~25 ms for a small one, more than linking its
# cached object code); the index skips it. Its key is made of everything the IR is generated
# from (``front_key``): the function's instructions with their names and constants, the
# types the typer gave every instruction, the options of the lowering, and the source of the
# tier-1 package itself, so any change to the code generator is a different key. Its value
# names the object file and describes each ``jitvm_ref<k>`` symbolically (``describe_refs``)
# so a later process can bind them to its own objects.

INDEX_SUFFIX = ".idx"
_SOURCES: list = []


def _source_digest() -> str:
    if not _SOURCES:
        h = _sha256()
        from pathlib import Path

        here = Path(__file__).parent
        for p in sorted(here.glob("*.py")):
            try:
                h.update(p.name.encode() + b"\0" + p.read_bytes())
            except OSError:
                h.update(b"unreadable")
        _SOURCES.append(h.hexdigest())
    return _SOURCES[0]


def front_key(parts) -> str:
    """The index key of a function from the texts its IR is generated from."""
    h = _sha256()
    for part in (f"jitvm-index {FORMAT}", _source_digest(), *parts):
        h.update(str(part).encode("utf-8", "backslashreplace") + b"\0")
    return h.hexdigest()


def load_front(k: str):
    """(object key, refs description) stored under index key ``k``, or None."""
    import json

    p = _path(k, INDEX_SUFFIX)
    if p is None:
        return None
    try:
        with open(p, encoding="utf-8") as f:
            data = json.loads(f.read())
        obj_key, refs = data["object"], data["refs"]
        if type(obj_key) is not str or type(refs) is not list:
            raise ValueError
        return obj_key, [tuple(r) for r in refs]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store_front(k: str, obj_key: str, refs: list) -> bool:
    import json

    p = _path(k, INDEX_SUFFIX)
    if p is None:
        return False
    tmp = None
    try:
        import tempfile

        os.makedirs(os.path.dirname(p), exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=INDEX_SUFFIX, dir=os.path.dirname(p))
        with os.fdopen(fd, "w") as f:
            json.dump({"object": obj_key, "refs": refs}, f)
        os.replace(tmp, p)
        tmp = None
    except (OSError, TypeError, ValueError):
        return False
    finally:
        if tmp is not None:
            _unlink(tmp)
    return True


def load(k: str, kind: str = "tier1") -> bytes | None:
    """The object code stored under ``k``, or None (missing, off, unreadable or corrupt; a
    corrupt file is removed)."""
    p = _path(k, kind=kind)
    if p is None:
        return None
    try:
        with open(p, "rb") as f:
            blob = f.read()
    except OSError:
        return None
    n = len(MAGIC)
    payload = blob[n + 32:]
    if blob[:n] != MAGIC or len(blob) < n + 32 or _sha256(payload).digest() != blob[n:n + 32]:
        forget(k, kind)
        return None
    try:
        os.utime(p)  # recently used: evicted last
    except OSError:
        pass
    return payload


def forget(k: str, kind: str = "tier1") -> None:
    p = _path(k, kind=kind)
    if p is not None:
        try:
            os.unlink(p)
        except OSError:
            pass


_STORES: dict = {}


def store(k: str, data: bytes, kind: str = "tier1", evict_every: int = 1) -> bool:
    """Write ``data`` under ``k`` atomically; False when the cache is off or not writable.
    The folder's size is checked every ``evict_every`` stores of this process (a scan of
    the folder: kinds with many small files check less often)."""
    p = _path(k, kind=kind)
    if p is None:
        return False
    blob = MAGIC + _sha256(data).digest() + data
    tmp = None
    try:
        import tempfile

        os.makedirs(os.path.dirname(p), exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=SUFFIX, dir=os.path.dirname(p))
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
        os.replace(tmp, p)
        tmp = None
    except OSError:
        return False
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
    n = _STORES[kind] = _STORES.get(kind, 0) + 1
    if n % evict_every == 0 or n == 1:
        evict(os.path.dirname(p))
    return True


def evict(folder, limit: int = MAX_BYTES) -> None:
    """Past ``limit`` bytes of cache files, remove the least recently used ones down to 3/4
    of it (leftover temporary files older than an hour go too)."""
    import time

    files = []
    total = 0
    try:
        with os.scandir(folder) as it:
            for e in it:
                if not e.name.endswith((SUFFIX, INDEX_SUFFIX)):
                    continue
                try:
                    st = e.stat()
                except OSError:
                    continue
                if e.name.startswith(".tmp-"):
                    if st.st_mtime < time.time() - 3600:
                        _unlink(e.path)
                    continue
                files.append((st.st_mtime, st.st_size, e.path))
                total += st.st_size
    except OSError:
        return
    if total <= limit:
        return
    files.sort()
    target = limit * 3 // 4  # some room: not a scan and a removal on every later store
    for _mtime, size, path in files:
        if total <= target:
            break
        _unlink(path)
        total -= size


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass

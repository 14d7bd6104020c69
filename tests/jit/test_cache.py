"""Tier 1's on-disk cache of object code (jitvm.jit.cache): a second process links the
cached code instead of optimising, with the same output; damaged files are ignored and
rewritten; the key follows the bytecode and holds no address of the process."""

from __future__ import annotations

import os
import re
import textwrap
import time
from pathlib import Path

import pytest

from jitvm.jit import cache

from .helpers import Guest, run_jitvm

ROOT = Path(__file__).resolve().parents[2]
PROGRAM = '''
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)

def mix(a, b):
    s = 0.0
    for i in range(a):
        s += i * b - i / 3
    return s

def collatz(n):
    steps = 0
    while n != 1:
        if n % 2:
            n = 3 * n + 1
        else:
            n //= 2
        steps += 1
    return steps

def grow(n):
    x = 1
    for i in range(n):
        x = x * 3 + i
    return x

print(fib(18), fib(3))
print(mix(1000, 0.25), mix(3, 1.5))
total = 0
for k in range(1, 200):
    total += collatz(k)
print(total)
print(grow(10), grow(60))
'''


def jitvm(prog: Path, *flags, cache_dir: Path | None, tier: int = 1, env_extra=None):
    env = dict(env_extra or {})
    if cache_dir is not None:
        env["JITVM_CACHE_DIR"] = str(cache_dir)
    opts = ["--jit-threshold", "0", "--jit-log"] if tier == 1 else []
    r = run_jitvm("run", "--tier", str(tier), *opts, *flags, str(prog), env_extra=env)
    assert r.returncode == 0, r.stdout + r.stderr
    return r


def compiled_lines(stderr: str) -> list[str]:
    return [ln for ln in stderr.splitlines() if ln.startswith("jit: ") and "compiled in" in ln]


def object_files(d: Path) -> list[Path]:
    return sorted((d / "tier1").glob(f"*{cache.SUFFIX}")) if (d / "tier1").is_dir() else []


@pytest.fixture(scope="module")
def prog(tmp_path_factory) -> Path:
    p = tmp_path_factory.mktemp("cacheprog") / "prog.py"
    p.write_text(textwrap.dedent(PROGRAM))
    return p


@pytest.fixture(scope="module")
def reference(prog) -> str:
    return jitvm(prog, cache_dir=None, tier=0).stdout


def test_second_process_links_the_cached_code_with_the_same_output(prog, reference, tmp_path):
    first = jitvm(prog, cache_dir=tmp_path)
    assert first.stdout == reference
    done = compiled_lines(first.stderr)
    assert len(done) >= 4, first.stderr  # fib, mix, collatz, grow
    assert not any("(cached)" in ln for ln in done)
    files = object_files(tmp_path)
    assert len(files) == len(done)
    second = jitvm(prog, cache_dir=tmp_path)
    assert second.stdout == first.stdout == reference
    again = compiled_lines(second.stderr)
    assert len(again) == len(done) and all(ln.endswith("(cached)") for ln in again), again
    assert object_files(tmp_path) == files  # nothing new written


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "flipped"])
def test_damaged_cache_files_are_recompiled_and_rewritten(prog, reference, tmp_path, damage):
    jitvm(prog, cache_dir=tmp_path)
    files = object_files(tmp_path)
    assert files
    good = {f: f.read_bytes() for f in files}
    for f, data in good.items():
        if damage == "garbage":
            f.write_bytes(os.urandom(len(data)))
        elif damage == "truncated":
            f.write_bytes(data[: len(data) // 2])
        elif damage == "empty":
            f.write_bytes(b"")
        else:  # one bit of the object code: the checksum must catch it
            b = bytearray(data)
            b[len(b) * 2 // 3] ^= 0x10
            f.write_bytes(bytes(b))
    r = jitvm(prog, cache_dir=tmp_path)
    assert r.stdout == reference
    assert not any("(cached)" in ln for ln in compiled_lines(r.stderr)), r.stderr
    assert {f: f.read_bytes() for f in object_files(tmp_path)} == good  # rewritten as they were
    r = jitvm(prog, cache_dir=tmp_path)
    assert r.stdout == reference
    assert all(ln.endswith("(cached)") for ln in compiled_lines(r.stderr))


def test_cache_off_by_flag_or_environment(prog, reference, tmp_path):
    r = jitvm(prog, "--no-jit-cache", cache_dir=tmp_path)
    assert r.stdout == reference and compiled_lines(r.stderr)
    assert not object_files(tmp_path)
    r = jitvm(prog, cache_dir=tmp_path, env_extra={"JITVM_NO_CACHE": "1"})
    assert r.stdout == reference
    assert not object_files(tmp_path)


def test_unusable_cache_folder_does_not_fail_the_run(prog, reference, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    r = jitvm(prog, cache_dir=blocker)
    assert r.stdout == reference and compiled_lines(r.stderr)


# ---- in process: the key ------------------------------------------------------------------

SRC = '''
def f(n):
    s = 0
    for i in range(n):
        s += i * 3
    return s

def g(x):
    return x * 2.5 + f(3)
'''


def key_of(guest: Guest, name: str, *args):
    from jitvm.jit.engine import engine

    guest.compiled(name, *args)
    info = guest.info(name)
    return cache.key(info.ir, info.full, engine()), info


def guests(tmp_path, *sources):
    out = []
    for i, src in enumerate(sources):
        d = tmp_path / f"g{i}"
        d.mkdir()
        out.append(Guest(d, src))
    return out


def test_ir_holds_no_address_and_its_key_is_the_same_in_another_vm(tmp_path):
    a, b = guests(tmp_path, SRC, SRC)
    for name, args in (("f", (10,)), ("g", (1.5,))):
        ka, info = key_of(a, name, *args)
        kb, _ = key_of(b, name, *args)
        assert ka == kb
        assert "jitvm_ref0" in info.ir and "inttoptr" not in info.ir
        # no integer in the range of heap addresses (the functions' own constants are small)
        big = [int(x) for x in re.findall(r"(?<![\w.])-?\d{10,}", info.ir)]
        assert not [x for x in big if 1 << 32 <= abs(x) < 1 << 48], big


def test_key_changes_with_the_bytecode_and_the_types(tmp_path):
    a, b, c = guests(tmp_path, SRC, SRC.replace("i * 3", "i + 3"),
                     SRC)
    ka, _ = key_of(a, "f", 10)
    kb, _ = key_of(b, "f", 10)
    assert ka != kb
    kc, _ = key_of(c, "f", True)  # another entry type: another specialisation
    assert kc != ka


def test_load_rejects_damaged_files_and_store_is_atomic(tmp_path, monkeypatch):
    monkeypatch.setenv("JITVM_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("JITVM_NO_CACHE", raising=False)
    k = "ab" * 32
    assert cache.load(k) is None
    assert cache.store(k, b"object code")
    assert cache.load(k) == b"object code"
    p = tmp_path / "tier1" / f"{k}{cache.SUFFIX}"
    p.write_bytes(p.read_bytes()[:-3])
    assert cache.load(k) is None and not p.exists()  # dropped, to be rewritten
    assert not [f for f in (tmp_path / "tier1").iterdir() if f.name.startswith(".tmp-")]
    monkeypatch.setenv("JITVM_NO_CACHE", "1")
    assert cache.directory() is None and not cache.store(k, b"x") and cache.load(k) is None


def test_eviction_removes_the_least_recently_used(tmp_path):
    d = tmp_path / "tier1"
    d.mkdir()
    now = time.time()
    for i in range(10):
        f = d / f"{i:064x}{cache.SUFFIX}"
        f.write_bytes(b"x" * 1000)
        os.utime(f, (now - 100 + i, now - 100 + i))
    other = d / "keep.txt"
    other.write_text("not ours")
    cache.evict(d, limit=5000)
    left = sorted(f.name for f in d.glob(f"*{cache.SUFFIX}"))
    assert left == [f"{i:064x}{cache.SUFFIX}" for i in range(7, 10)]  # down to 3/4 of it
    assert other.exists()


def test_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    for var in ("JITVM_CACHE_DIR", "JITVM_CACHE", "XDG_CACHE_HOME", "JITVM_NO_CACHE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.directory() == tmp_path / "home" / ".cache" / "jitvm" / "tier1"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.directory() == tmp_path / "xdg" / "jitvm" / "tier1"
    monkeypatch.setenv("JITVM_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.directory() == tmp_path / "mine" / "tier1"


# ---- the index: a function typed as before links without its IR being generated -------------

def index_files(d: Path) -> list[Path]:
    return sorted((d / "tier1").glob(f"*{cache.INDEX_SUFFIX}")) if (d / "tier1").is_dir() else []


def test_index_links_cached_code_without_generating_the_ir(tmp_path, monkeypatch):
    monkeypatch.setenv("JITVM_CACHE_DIR", str(tmp_path / "c"))
    for var in ("JITVM_NO_CACHE", "JITVM_JIT_KEEP_IR"):
        monkeypatch.delenv(var, raising=False)
    a, b = guests(tmp_path, SRC, SRC)
    fa = a.compiled("f", 1000)
    first = a.info("f")
    assert not first.cached and first.make_ir is None and index_files(tmp_path / "c")
    fb = b.compiled("f", 1000)
    second = b.info("f")
    assert second.cached and second._ir is None and second.make_ir is not None  # no IR made
    assert fa(a.G, 1000) == fb(b.G, 1000) == sum(i * 3 for i in range(1000))
    assert second.ir == first.ir  # generated again on demand: the same text


OBJECTS_SRC = """
def f(n):
    out = []
    for i in range(n):
        out.append(b"ab"[i % 2] + len("xyz"))
        if str(i) == "3":
            out.append(i)
    return out
"""


def test_index_describes_object_code_refs(tmp_path, monkeypatch):
    """list.append, str (an exact-type check), a bytes constant of the code: a second
    process links the object code from the index too (the IR is not generated again)."""
    monkeypatch.setenv("JITVM_CACHE_DIR", str(tmp_path / "c"))
    for var in ("JITVM_NO_CACHE", "JITVM_JIT_KEEP_IR"):
        monkeypatch.delenv(var, raising=False)
    a, b = guests(tmp_path, OBJECTS_SRC, OBJECTS_SRC)
    fa = a.compiled("f", 6)
    fb = b.compiled("f", 6)
    second = b.info("f")
    assert second.cached and second._ir is None, second.summary()
    assert fa(a.G, 6) == fb(b.G, 6) == a.tier0("f")(a.G, 6)


def test_index_keyed_by_types_and_bytecode(tmp_path, monkeypatch):
    monkeypatch.setenv("JITVM_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.delenv("JITVM_NO_CACHE", raising=False)
    a, b, c = guests(tmp_path, SRC, SRC.replace("i * 3", "i * 4"), SRC)
    a.compiled("f", 10)
    fb = b.compiled("f", 10)  # other bytecode: compiled, not linked from a's entry
    assert not b.info("f").cached
    assert fb(b.G, 10) == sum(i * 4 for i in range(10))
    c.compiled("f", True)  # a bool argument: another specialisation, another entry
    assert not c.info("f").cached


@pytest.mark.parametrize("damage", ["json", "refs", "object"])
def test_damaged_index_entries_are_ignored(prog, reference, tmp_path, damage):
    jitvm(prog, cache_dir=tmp_path)
    idx = index_files(tmp_path)
    assert idx
    for f in idx:
        if damage == "json":
            f.write_text("{not json")
        elif damage == "refs":  # describes objects this process cannot have
            f.write_text('{"object": "00", "refs": [["pointer", 1234]]}')
        else:  # the object file it names is gone
            for o in object_files(tmp_path):
                o.unlink()
    r = jitvm(prog, cache_dir=tmp_path)
    assert r.stdout == reference
    if damage == "object":
        assert not any("(cached)" in ln for ln in compiled_lines(r.stderr)), r.stderr


def test_translations_compile_once_then_load_from_the_tier0_folder(tmp_path, monkeypatch):
    """Tier 0's generated functions: the first compile stores the code object; a later
    process (the memo cleared) loads it without compiling; a file that is no code object
    is dropped and the source compiled again."""
    from jitvm import translate

    monkeypatch.setenv("JITVM_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("JITVM_NO_CACHE", raising=False)
    monkeypatch.setattr(translate, "_CODE_MEMO", {})
    src = "def fn(G, l0):\n    return l0 * 3 + 1\n"
    ns: dict = {}
    exec(translate.host_code(src), ns)
    assert ns["fn"](None, 4) == 13
    files = list((tmp_path / "tier0").iterdir())
    assert len(files) == 1

    translate._CODE_MEMO.clear()
    compiled = []
    real = compile
    monkeypatch.setattr("builtins.compile", lambda *a, **k: compiled.append(a) or real(*a, **k))
    ns = {}
    exec(translate.host_code(src), ns)
    assert ns["fn"](None, 5) == 16 and compiled == []

    translate._CODE_MEMO.clear()
    k = files[0].name[:-len(cache.SUFFIX)]
    assert cache.store(k, b"not a code object", "tier0")
    ns = {}
    exec(translate.host_code(src), ns)
    assert ns["fn"](None, 6) == 19 and len(compiled) == 1
    assert cache.load(k, "tier0") != b"not a code object"  # rewritten

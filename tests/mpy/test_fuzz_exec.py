"""Mutated .mpy files are read and run in-process: a reader error or a guest result, nothing else.

Real programs compiled by mpy-cross are mutated (bytes flipped, inserted, deleted, spliced
in from elsewhere). Each mutant must either be refused by the reader with MpyFormatError,
or run through ``jitvm.api.run_mpy`` and return, its output free of host tracebacks.
A host exception escaping, a host traceback in the output or a slow read fails the test.

Mutants run in a worker process (one per chunk) that gives each run a CPU-time budget
with an interval timer raising the VM's own abort exception; a run that outlasts it is
counted as a timeout (guest programs may loop forever). A worker stuck past a hard
wall-clock limit is killed and restarted at the next case.

JITVM_FUZZ_CASES sets the total number of mutants (default 4000 over 8 chunks, about 30 s
of CPU); JITVM_FUZZ_REPORT names a file that gets one JSON line of counts per chunk. Every
case is reproducible from its chunk seed and index:

    .venv/bin/python -m tests.mpy.test_fuzz_exec --case SEED INDEX
"""

from __future__ import annotations

import io
import json
import os
import random
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

N_CHUNKS = 8
DEFAULT_CASES = 4000
CPU_BUDGET = 0.3  # seconds of CPU per run before the VM is aborted
READ_LIMIT = 2.0  # seconds of CPU a read may take before it counts as a failure
HARD_LIMIT = 30.0  # wall-clock seconds per case before the worker is killed
REPO = Path(__file__).resolve().parents[2]

PROGRAMS = {
    "basics.py": '''
def fib(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a

class Point:
    def __init__(self, x, y=2):
        self.x = x
        self.y = y
    def norm(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __repr__(self):
        return "Point(%d, %d)" % (self.x, self.y)

ps = [Point(i, y=i * 2) for i in range(5)]
d = {p.x: p.norm() for p in ps if p.x % 2}
s = {x * x for x in range(6)}
print(fib(30), ps[2], sorted(d.items()), sorted(s))
print(12345678901234567890 * 3, 1.5e-7, 2j, b"ab\\x00" + bytes(2), "x" * 3, (1, "t", None))
''',
    "flow.py": '''
def gen(n):
    for i in range(n):
        try:
            if i == 3:
                raise ValueError("three")
            yield i
        except ValueError as e:
            yield str(e)
        finally:
            pass

def counter():
    c = 0
    def inc(k=1):
        nonlocal c
        c += k
        return c
    return inc

class Ctx:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        return False

async def co(x):
    return x * 2

inc = counter()
with Ctx() as ctx:
    out = list(gen(6)) + [inc(), inc(5)]
try:
    {}["missing"]
except KeyError as e:
    out.append(repr(e))
while True:
    out.append(len(out))
    if len(out) > 12:
        break
try:
    co(21).send(None)
except StopIteration as e:
    out.append(e.args)
print(out, *out[:2], sep="|")
''',
    "calls.py": '''
import sys

def f(a, *args, b=3, **kw):
    return a + sum(args) + b + sum(kw.values())

first, *rest = [1, 2, 3, 4]
x = lambda *a, **k: (a, sorted(k))
t = ("\\u00e9", 2, (3.5, None), ...)
print(f(1, 2, 3, b=4, c=5), first, rest, x(1, z=2), t, "abc".upper().split("B"), sys.implementation.name)
s = 0
for i in range(50):
    if i % 3 == 0:
        continue
    s += i
    if s > 500:
        break
g = globals()
del s
print([i for i in range(3)][::-1], divmod(17, 5), -7 // 2, 7 % -3, 1 << 40, "s" in g)
''',
}


# ---- making mutants ---------------------------------------------------------------------
def _regions(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of every bytecode function's opcodes, where most mutants still read."""
    from mpy import CodeKind, read_mpy

    out = []
    for rc in read_mpy(data).root.walk():
        if rc.kind is CodeKind.BYTECODE:
            start = rc.file_offset + rc.prelude.code_start
            out.append((start, rc.file_offset + len(rc.fun_data)))
    return out


def _groups() -> dict:
    """Opcode bytes grouped by operand layout: swapping within a group keeps the code's size."""
    from mpy.opcodes import BY_BYTE, Arg

    groups: dict = {}
    for b, info in enumerate(BY_BYTE):
        if info is None:
            continue
        layout = "none" if info.count > 1 or info.arg is Arg.NONE else \
            "jump" if info.arg in (Arg.JUMP, Arg.UJUMP) else "vuint"
        groups.setdefault((layout, info.extra_byte), []).append(b)
    return groups


def _vuint(n: int) -> bytes:
    from mpy.writer import encode_vuint

    return encode_vuint(n)


def mutate_code(rnd: random.Random, data: bytes) -> bytes:
    """A mutant made through the model: one function's code or prelude, a constant or a
    qstr changed, then written back, so the file's framing stays consistent."""
    from mpy import CodeKind, Constant, read_mpy, write_mpy
    from mpy.writer import replace_prelude_sig

    m = read_mpy(data)
    codes = [rc for rc in m.root.walk() if rc.kind is CodeKind.BYTECODE]
    rc = rnd.choice(codes)
    what = rnd.random()
    if what < 0.08 and len(m.objs):
        i = rnd.randrange(len(m.objs))
        v = rnd.choice((None, True, 0, -1, 2 ** 70, 1.5, "s", b"b", (1, 2), ("x", (None,)), 1j))
        tag = {type(None): 1, bool: 3, int: 7, float: 8, str: 5, bytes: 6, tuple: 10, complex: 9}[type(v)]
        items = [Constant({int: 7, str: 5, type(None): 1, tuple: 10}[type(x)], x,
                          str(x).encode() if type(x) is int else None,
                          [Constant(1, None)] if type(x) is tuple else None) for x in v] \
            if tag == 10 else None
        m.objs[i] = Constant(tag, v, repr(v).encode() if tag in (7, 8, 9) else None, items)
        return write_mpy(m)
    if what < 0.16:
        p = rc.prelude
        field = rnd.choice(("n_state", "n_exc_stack", "scope_flags", "n_pos_args", "n_kwonly_args",
                            "n_def_pos_args"))
        value = max(0, getattr(p, field) + rnd.choice((-2, -1, 1, 2, 5)))
        if field == "n_state":
            value = max(1, value)
        replace_prelude_sig(rc, **{field: value})
        return write_mpy(m)
    ins = rc.instructions
    k = rnd.randrange(len(ins))
    i = ins[k]
    code = bytearray(rc.bytecode)
    groups = _groups()
    how = rnd.random()
    if how < 0.3:  # another opcode with the same operand layout
        from mpy.opcodes import Arg

        layout = "none" if i.info.count > 1 or i.info.arg is Arg.NONE else \
            "jump" if i.info.arg in (Arg.JUMP, Arg.UJUMP) else "vuint"
        code[i.offset] = rnd.choice(groups[(layout, i.info.extra_byte)])
    elif how < 0.55 and i.arg is not None and i.size > 1 and i.target is None and i.info.count == 1:
        arg = max(0, i.arg + rnd.choice((-3, -2, -1, 1, 2, 3, 8, 64, 300)))
        end = i.offset + i.size - (1 if i.extra is not None else 0)
        code[i.offset + 1:end] = _vuint(arg)
    elif how < 0.65 and i.extra is not None:
        code[i.offset + i.size - 1] = rnd.choice((0, 1, 2, 3, 0x80, 0x81, 0x7F, 0xFF))
    elif how < 0.75 and i.target is not None:
        code[i.offset + 1] = (code[i.offset + 1] & 0x80) | rnd.randrange(0x80)
    elif how < 0.85:  # delete, duplicate or move one instruction
        piece = bytes(code[i.offset:i.offset + i.size])
        del code[i.offset:i.offset + i.size]
        if rnd.random() < 0.7:
            j = rnd.choice(ins).offset
            j = min(j, len(code))
            code[j:j] = piece * rnd.choice((1, 1, 2))
    else:  # a random instruction at a boundary
        op = rnd.choice([b for g in groups.values() for b in g])
        code[i.offset:i.offset] = bytes([op]) + bytes(rnd.randrange(0x80) for _ in range(rnd.randint(0, 2)))
    rc.fun_data = rc.fun_data[:rc.prelude.code_start] + bytes(code)
    rc.forget_instructions()
    return write_mpy(m)


def mutate(rnd: random.Random, bases: list[bytes], regions: list[list[tuple[int, int]]]) -> bytes:
    """One mutant of one of ``bases``: through the model (code, prelude, constants), or
    1-4 raw byte flips, inserts, deletes or splices."""
    if rnd.random() < 0.5:
        data = rnd.choice(bases)
        for _ in range(rnd.choice((1, 1, 1, 2, 3))):
            try:
                data = mutate_code(rnd, data)
            except Exception:  # noqa: BLE001 - an earlier step made it unreadable: keep it so
                break
        return data
    k = rnd.randrange(len(bases))
    b = bytearray(bases[k])
    for _ in range(rnd.choice((1, 1, 1, 2, 2, 3, 4))):
        if regions[k] and rnd.random() < 0.6:  # aim inside the opcodes most of the time
            lo, hi = rnd.choice(regions[k])
        else:
            lo, hi = 0, len(b)
        hi = min(hi, len(b))
        if hi <= lo:
            lo, hi = 0, len(b)
        pos = rnd.randrange(lo, hi) if hi > lo else 0
        how = rnd.random()
        if how < 0.45 and b:
            b[pos] = rnd.choice((rnd.randrange(256), b[pos] ^ (1 << rnd.randrange(8)), 0, 0x7F, 0x80, 0xFF))
        elif how < 0.6:
            b[pos:pos] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 4)))
        elif how < 0.75:
            del b[pos:pos + rnd.randint(1, 4)]
        else:
            src = bases[rnd.randrange(len(bases))]
            at = rnd.randrange(len(src))
            chunk = src[at:at + rnd.randint(1, 24)]
            if rnd.random() < 0.5:
                b[pos:pos + len(chunk)] = chunk
            else:
                b[pos:pos] = chunk
    return bytes(b)


def case_random(seed: int, index: int) -> random.Random:
    return random.Random(f"jitvm-fuzz-exec:{seed}:{index}")


# ---- one case (in the worker) -------------------------------------------------------------
def _host_paths() -> list[str]:
    import sysconfig

    import jitvm
    import mpy

    return [str(Path(jitvm.__file__).parent), str(Path(mpy.__file__).parent),
            sysconfig.get_paths()["stdlib"]]


def run_case(data: bytes, root: str) -> tuple[str, str]:
    """(outcome, detail) for one mutant. Outcomes starting with 'FAIL' are failures."""
    import signal
    import traceback

    from jitvm.api import run_mpy
    from jitvm.execute import VMAbort
    from mpy import MpyFormatError, read_mpy

    name = "fuzz.mpy"
    t0 = time.process_time()
    try:
        module = read_mpy(data, name)
    except MpyFormatError as e:
        if time.process_time() - t0 > READ_LIMIT:
            return "FAIL slow read", str(e)
        if "\n" in str(e) or name not in str(e):
            return "FAIL bad error text", str(e)
        return "format", e.reason
    except BaseException:  # noqa: BLE001 - what this test hunts
        return "FAIL reader raised", traceback.format_exc()
    if time.process_time() - t0 > READ_LIMIT:
        return "FAIL slow read", f"{time.process_time() - t0:.1f}s"

    fired = []

    def on_budget(signum, frame):
        fired.append(1)
        raise VMAbort("fuzz budget")

    old = signal.signal(signal.SIGVTALRM, on_budget)
    signal.setitimer(signal.ITIMER_VIRTUAL, CPU_BUDGET, 0.05)  # keeps firing until stopped
    try:
        out, status = run_mpy(data, name, root=root)
    except VMAbort:
        if fired:
            return "timeout", ""
        return "FAIL VMAbort escaped", traceback.format_exc()
    except MpyFormatError:
        return "FAIL run_mpy raised MpyFormatError after read_mpy accepted the file", traceback.format_exc()
    except BaseException:  # noqa: BLE001
        if fired:
            return "timeout", "(host exception while aborting)"
        return "FAIL host exception escaped run_mpy", traceback.format_exc()
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0, 0)
        signal.signal(signal.SIGVTALRM, old)
    if fired:
        return "timeout", ""
    guest_lines = f'File "{module.source_file}"'
    text = out.replace(guest_lines, "")
    if 'File "/' in text or any(p in text for p in _host_paths()):
        return "FAIL host traceback in output", out[-2000:]
    return ("ok" if status == 0 else "guest-error"), out[-200:]


# ---- the worker process -------------------------------------------------------------------
def worker_main(config: dict) -> None:
    """Run cases config['start']..config['stop'] and report each on the protocol fd."""
    import gc
    import signal

    proto = os.fdopen(os.dup(1), "w", buffering=1)
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    sys.stdin = io.StringIO("")
    bases = [Path(p).read_bytes() for p in config["bases"]]
    regions = [_regions(b) for b in bases]
    signal.signal(signal.SIGVTALRM, signal.SIG_IGN)
    with tempfile.TemporaryDirectory(prefix="jitvm-fuzz-") as root:
        for i in range(config["start"], config["stop"]):
            proto.write(json.dumps({"start": i}) + "\n")
            data = mutate(case_random(config["seed"], i), bases, regions)
            sys.stdout, sys.stderr = io.StringIO(), io.StringIO()
            outcome, detail = run_case(data, root)
            if outcome not in ("format",):
                gc.collect()  # finalisers of this case report here, not in a later one
            stray = sys.stdout.getvalue() + sys.stderr.getvalue()
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
            if stray and not outcome.startswith("FAIL") and ("Traceback" in stray or 'File "/' in stray):
                outcome, detail = "FAIL host traceback on stderr", stray[-2000:]
            proto.write(json.dumps({"i": i, "outcome": outcome, "detail": detail[-3000:],
                                    "stray": stray[-300:]}) + "\n")


class ChunkResult:
    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.failures: list[tuple[int, str, str]] = []
        self.hangs: list[int] = []


def run_chunk(seed: int, start: int, stop: int, bases: list[Path]) -> ChunkResult:
    """Run cases start..stop of ``seed`` in worker processes; restart a worker that hangs."""
    result = ChunkResult()
    i = start
    while i < stop:
        config = {"seed": seed, "start": i, "stop": stop, "bases": [str(p) for p in bases]}
        proc = subprocess.Popen([sys.executable, "-m", "tests.mpy.test_fuzz_exec", "--worker",
                                 json.dumps(config)], cwd=REPO, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        current, buf = i, b""
        deadline = time.monotonic() + HARD_LIMIT + 20  # the first case also pays the imports
        try:
            while True:
                left = deadline - time.monotonic()
                ready, _, _ = select.select([proc.stdout], [], [], max(0.0, left))
                if not ready:
                    result.hangs.append(current)
                    i = current + 1
                    break
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:  # the worker died: count the case it was on as a failure
                    proc.wait()
                    if current < stop:
                        result.failures.append((current, f"FAIL worker died (exit {proc.returncode})", ""))
                    i = current + 1
                    break
                buf += chunk
                while b"\n" in buf:
                    line, buf = buf.split(b"\n", 1)
                    msg = json.loads(line)
                    if "start" in msg:
                        current = msg["start"]
                        deadline = time.monotonic() + HARD_LIMIT
                        continue
                    outcome = msg["outcome"]
                    result.counts[outcome] = result.counts.get(outcome, 0) + 1
                    if outcome.startswith("FAIL"):
                        result.failures.append((msg["i"], outcome, msg["detail"]))
                    current = msg["i"] + 1
                if current >= stop:
                    i = stop
                    break
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
    return result


# ---- the tests ---------------------------------------------------------------------------
def total_cases() -> int:
    return int(os.environ.get("JITVM_FUZZ_CASES", DEFAULT_CASES))


def compile_bases(folder: Path) -> list[Path]:
    from jitvm.compiler import compile_cached

    paths = []
    for name, src in PROGRAMS.items():
        p = folder / name
        p.write_text(src.lstrip())
        out = folder / (p.stem + ".mpy")
        out.write_bytes(compile_cached(str(p), source_name=name))
        paths.append(out)
    return paths


@pytest.fixture(scope="module")
def bases(tmp_path_factory):
    return compile_bases(tmp_path_factory.mktemp("fuzz-bases"))


def test_base_programs_run_cleanly(bases):
    from jitvm.api import run_mpy

    for p in bases:
        out, status = run_mpy(p.read_bytes(), p.name)
        assert status == 0, out


@pytest.mark.parametrize("chunk", range(N_CHUNKS))
def test_mutants_are_refused_or_run(bases, chunk):
    per_chunk = -(-total_cases() // N_CHUNKS)
    seed = 1000 + chunk
    result = run_chunk(seed, 0, per_chunk, bases)
    report = [f"seed {seed}: {sorted(result.counts.items())}, hangs at {result.hangs}"]
    if os.environ.get("JITVM_FUZZ_REPORT"):  # a JSON line per chunk, for the record
        with open(os.environ["JITVM_FUZZ_REPORT"], "a") as f:
            f.write(json.dumps({"seed": seed, "cases": per_chunk, "counts": result.counts,
                                "hangs": result.hangs,
                                "failures": [(i, o) for i, o, _ in result.failures]}) + "\n")
    for index, outcome, detail in result.failures[:5]:
        data = mutate(case_random(seed, index), [p.read_bytes() for p in bases],
                      [_regions(p.read_bytes()) for p in bases])
        report.append(f"case {seed}/{index}: {outcome}\n  mutant: {data.hex()}\n{detail}")
    assert not result.failures, "\n".join(report)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--worker"]:
        worker_main(json.loads(argv[1]))
        return 0
    if argv[:1] == ["--case"]:  # re-run one case and show it
        seed, index = int(argv[1]), int(argv[2])
        with tempfile.TemporaryDirectory() as tmp:
            paths = compile_bases(Path(tmp))
            bases_ = [p.read_bytes() for p in paths]
            data = mutate(case_random(seed, index), bases_, [_regions(b) for b in bases_])
            print(data.hex())
            print(*run_case(data, tmp), sep="\n")
        return 0
    if argv[:1] == ["--chunk"]:  # run a chunk outside pytest: --chunk SEED COUNT
        with tempfile.TemporaryDirectory() as tmp:
            paths = compile_bases(Path(tmp))
            t = time.monotonic()
            r = run_chunk(int(argv[1]), 0, int(argv[2]), paths)
            print(json.dumps({"seed": int(argv[1]), "counts": r.counts, "hangs": r.hangs,
                              "failures": [(i, o, d[-1500:]) for i, o, d in r.failures],
                              "seconds": round(time.monotonic() - t, 1)}))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

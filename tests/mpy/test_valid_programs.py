"""The reader's bytecode checks accept every program mpy-cross compiles.

Random programs with deeply mixed control flow (loops with break/continue/else, try with
except/else/finally, with, return and yield everywhere, closures, comprehensions, async
for/with) are compiled by the real mpy-cross, at several optimisation levels, and must
all be read without error: the stack and block checks must never be stricter than the
compiler's own output.
"""

from __future__ import annotations

import random
import subprocess

import pytest

from jitvm.compiler import mpy_cross_path
from mpy import read_mpy, write_mpy

N_PROGRAMS = 120


class _Gen:
    def __init__(self, rnd: random.Random) -> None:
        self.rnd = rnd
        self.n = 0

    def name(self) -> str:
        self.n += 1
        return f"v{self.n}"

    def expr(self, depth: int = 0) -> str:
        r = self.rnd.random()
        if depth > 2 or r < 0.3:
            return self.rnd.choice(["a", "b", "1", "2.5", "'s'", "None", "(1, 2)", "[a]", "x"])
        if r < 0.5:
            return f"({self.expr(depth + 1)} {self.rnd.choice(['+', '*', '-', 'or', 'and', '<', 'in'])} " \
                   f"{self.expr(depth + 1)})"
        if r < 0.6:
            return f"[{self.expr(depth + 1)} for a in {self.expr(depth + 1)} if a]"
        if r < 0.65:
            return f"{{a: {self.expr(depth + 1)} for a in range(3)}}"
        if r < 0.7:
            return f"{{a for a in {self.expr(depth + 1)}}}"
        if r < 0.8:
            return f"f({self.expr(depth + 1)}, *b, k={self.expr(depth + 1)}, **{{}})"
        if r < 0.85:
            return f"(lambda q, r=1: q + {self.expr(depth + 1)})"
        if r < 0.88:
            return f"{self.expr(depth + 1)}[1:{self.expr(depth + 1)}]"
        if r < 0.91:
            return f"(y if y else {self.expr(depth + 1)})"
        if r < 0.93:
            return f"sum(a for a in {self.expr(depth + 1)} if a)"
        if r < 0.95:
            return "f'{a}-{x!r}'"
        if r < 0.97:
            return f"(1 < {self.expr(depth + 1)} <= 3)"
        return f"({self.expr(depth + 1)} if {self.expr(depth + 1)} else {self.expr(depth + 1)})"

    def block(self, ind: int, depth: int, ctx: dict) -> list[str]:
        out = []
        for _ in range(self.rnd.randint(1, 3)):
            out += self.stmt(ind, depth, ctx)
        return out

    def stmt(self, ind: int, depth: int, ctx: dict) -> list[str]:
        p = "    " * ind
        rnd = self.rnd
        simple = [f"{p}x = {self.expr()}", f"{p}a, *b = {self.expr()}", f"{p}print({self.expr()})",
                  f"{p}x += 1", f"{p}raise ValueError({self.expr()})", f"{p}assert {self.expr()}, 'm'",
                  f"{p}x[1], a.b = {self.expr()}, 2", f"{p}del x[0]", f"{p}print(y := {self.expr()})"]
        if ctx.get("loop"):
            simple += [f"{p}break", f"{p}continue"]
        if ctx.get("func"):
            simple += [f"{p}return {self.expr()}"]
        if ctx.get("gen"):
            simple += [f"{p}yield {self.expr()}", f"{p}x = yield from g()"]
        if ctx.get("async"):
            simple += [f"{p}await h()"]
        if depth > 3 or rnd.random() < 0.35:
            return [rnd.choice(simple)]
        kind = rnd.choice(["if", "while", "wtrue", "for", "try", "tryf", "with", "def", "gen", "class"]
                          + (["afor", "awith"] if ctx.get("async") else []))
        inner = dict(ctx)
        if kind == "if":
            return ([f"{p}if {self.expr()}:"] + self.block(ind + 1, depth + 1, ctx)
                    + [f"{p}elif {self.expr()}:"] + self.block(ind + 1, depth + 1, ctx)
                    + [f"{p}else:"] + self.block(ind + 1, depth + 1, ctx))
        if kind == "class":
            return ([f"{p}@f", f"{p}class {self.name()}(m):", f"{p}    z = {self.expr()}",
                     f"{p}    def meth(self, q=1):"] + self.block(ind + 2, depth + 1, {"func": True})
                    + [f"{p}        return super().meth(q)"])
        if kind in ("while", "wtrue", "for", "afor"):
            inner["loop"] = True
            head = {"while": f"while {self.expr()}:", "wtrue": "while True:", "for": f"for a in {self.expr()}:",
                    "afor": "async for a in h():"}[kind]
            out = [p + head] + self.block(ind + 1, depth + 1, inner)
            if rnd.random() < 0.4:
                out += [f"{p}else:"] + self.block(ind + 1, depth + 1, ctx)
            return out
        if kind == "try":
            out = [f"{p}try:"] + self.block(ind + 1, depth + 1, ctx)
            out += [f"{p}except ValueError as e:"] + self.block(ind + 1, depth + 1, ctx)
            out += [f"{p}except:"] + self.block(ind + 1, depth + 1, ctx)
            if rnd.random() < 0.5:
                out += [f"{p}else:"] + self.block(ind + 1, depth + 1, ctx)
            if rnd.random() < 0.5:
                out += [f"{p}finally:"] + self.block(ind + 1, depth + 1, ctx)
            return out
        if kind == "tryf":
            return ([f"{p}try:"] + self.block(ind + 1, depth + 1, ctx)
                    + [f"{p}finally:"] + self.block(ind + 1, depth + 1, ctx))
        if kind in ("with", "awith"):
            head = "with" if kind == "with" else "async with"
            items = ", ".join(f"m() as {self.name()}" for _ in range(rnd.randint(1, 2)))
            return [f"{p}{head} {items}:"] + self.block(ind + 1, depth + 1, ctx)
        fname = self.name()
        inner = {"func": True}
        if kind == "gen":
            inner["gen"] = True
        prefix = ""
        if rnd.random() < 0.25 and kind != "gen":
            prefix, inner = "async ", {"func": True, "async": True}
        v = self.name()
        out = [f"{p}{v} = 0", f"{p}{prefix}def {fname}(a, b=2, *c, d, **e):",
               f"{p}    nonlocal {v}" if ctx.get("func") else f"{p}    global {v}"]
        out += self.block(ind + 1, depth + 1, inner)
        if kind == "gen":
            out.append(f"{p}    yield a")
        return out

    def program(self) -> str:
        lines = ["def f(*a, **k): return 1", "def g(): yield 1", "async def h(): return 1",
                 "class m:", "    def __enter__(self): return 1", "    def __exit__(self, *a): pass",
                 "    async def __aenter__(self): return 1", "    async def __aexit__(self, *a): pass",
                 "a = b = x = 1", "def main(a, b):", "    x = 0"]
        lines += self.block(1, 0, {"func": True})
        lines += ["async def amain(a, b):", "    x = 0"]
        lines += self.block(1, 0, {"func": True, "async": True})
        lines += ["def gmain(a, b):", "    x = 0"]
        lines += self.block(1, 0, {"func": True, "gen": True})
        lines += ["    yield x"]
        lines += ["for a in range(2):"] + self.block(1, 0, {"loop": True})
        return "\n".join(lines) + "\n"


def _compile(tmp_path, src: str, opts: list[str]) -> bytes | None:
    p = tmp_path / "prog.py"
    out = tmp_path / "prog.mpy"
    p.write_text(src)
    if out.exists():
        out.unlink()
    r = subprocess.run([mpy_cross_path(), "-o", str(out), *opts, str(p)], capture_output=True)
    return out.read_bytes() if r.returncode == 0 else None


@pytest.mark.parametrize("part", range(4))
def test_random_valid_programs_are_read(tmp_path, part):
    compiled = 0
    for k in range(part * N_PROGRAMS // 4, (part + 1) * N_PROGRAMS // 4):
        src = _Gen(random.Random(k)).program()
        for opts in ([], ["-O2"]) if k % 2 else ([],):
            data = _compile(tmp_path, src, opts)
            if data is None:
                continue  # mpy-cross found a SyntaxError: nothing to read
            compiled += 1
            module = read_mpy(data, f"program {k} {opts}")
            assert write_mpy(module) == data
    assert compiled >= N_PROGRAMS // 8

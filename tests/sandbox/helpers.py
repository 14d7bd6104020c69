"""Shared machinery of the sandbox attack corpus.

Every guest program runs in its own ``jitvm run`` subprocess, in a fresh session (its own
process group) so that a hang is killed with everything it started, and so that processes the
run leaves behind (an orphaned ``mpy-cross``, a supervised child) can be detected.

Escape programs (:class:`Escape`) are written so that success prints ``ESCAPED`` (or leaks a
secret token from a file outside the VM root, or a host path / host repr); the refusal is either
an uncaught guest exception (MicroPython traceback on stdout, exit status 1) or, for programs
that try several routes, lines ``REFUSED <label> -> <ExcName>...`` followed by ``DONE``.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import jitvm

REPO = Path(__file__).resolve().parents[2]
JITVM_DIR = Path(jitvm.__file__).resolve().parent
PYTHON = sys.executable

# the tiers every escape program runs under: tier 0 in its two forms, and tier 1
MODES = {
    "default": {},
    "notranslate": {"JITVM_NO_TRANSLATE": "1"},
    "tier1": {"JITVM_TIER": "1", "JITVM_JIT_THRESHOLD": "0"},  # every function offered to tier 1
}
_TIER_VARS = ("JITVM_NO_TRANSLATE", "JITVM_DEBUG", "JITVM_JIT_THRESHOLD",
              "JITVM_TIER", "JITVM_NO_JIT")

# what a guest must never see: host paths, host reprs, jitvm's own classes
LEAK_MARKERS = ("<jitvm", "jitvm.", "PosixPath", "<frame", "<_io.", "_io.", "<code object",
                "'__builtins__'", "<module 'os'", "<module 'posix'", "from '/", "<traceback object",
                "mappingproxy", "GuestObject", "GuestType", "TranslatedGenerator", "<function build_class")

# MicroPython's refusals: any of these is a guest-side "no"
REFUSALS = frozenset({"AttributeError", "TypeError", "ValueError", "KeyError", "OSError",
                      "ImportError", "NameError", "NotImplementedError", "IndexError"})

# a prelude for multi-route programs: `_try(label, fn, n)` calls fn n times (n > 2 reaches the
# translated tier); it prints ESCAPED if any call succeeds, else the refusals seen
PRELUDE = '''\
def _try(label, fn, n=1):
    kinds = []
    for _i in range(n):
        try:
            fn()
        except Exception as _e:
            k = type(_e).__name__
            if k not in kinds:
                kinds.append(k)
            continue
        print('ESCAPED', label)
        return
    print('REFUSED', label, '->', ' '.join(kinds))
'''


@dataclass
class Run:
    returncode: int | None
    stdout: str
    stderr: str
    elapsed: float
    timed_out: bool = False
    leftover: bool = False  # processes of the run's group still alive after it ended

    def text(self) -> str:
        return f"--- exit {self.returncode} after {self.elapsed:.2f}s" \
               f"{' (TIMED OUT)' if self.timed_out else ''}{' (LEFTOVER PROCESSES)' if self.leftover else ''}" \
               f"\n--- stdout:\n{self.stdout[-4000:]}\n--- stderr:\n{self.stderr[-4000:]}"


def guest_env(mode: str = "default", extra: dict | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in _TIER_VARS}
    env.update(MODES[mode])
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    if extra:
        env.update(extra)
    return env


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def run_cmd(cmd: list[str], *, env: dict | None = None, cwd: Path | None = None,
            timeout: float = 60.0, linger: float = 0.5) -> Run:
    """Run ``cmd`` in its own session; kill the whole group on timeout; report leftovers
    (any process of the group still alive ``linger`` seconds after the command ended)."""
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                         cwd=cwd, start_new_session=True)
    return finish(p, timeout, linger, t0)


def finish(p: subprocess.Popen, timeout: float, linger: float = 0.5,
           t0: float | None = None) -> Run:
    """Wait for a process started in its own session (see run_cmd) and collect its Run."""
    t0 = time.monotonic() if t0 is None else t0
    timed_out = False
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        _kill_group(p.pid)
        out, err = p.communicate()
    elapsed = time.monotonic() - t0
    leftover = False
    if not timed_out:
        deadline = time.monotonic() + linger
        while _group_alive(p.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        leftover = _group_alive(p.pid)
    _kill_group(p.pid)
    return Run(p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"),
               elapsed, timed_out, leftover)


def jitvm_cmd(prog: Path, *args: str) -> list[str]:
    return [PYTHON, "-P", "-m", "jitvm", "run", *args, str(prog)]


# ---- the standard playground: a VM root and a folder outside it ----------------------------
@dataclass
class Playground:
    base: Path
    root: Path
    outside: Path
    secret: str
    secret_file: Path

    def subst(self, src: str) -> str:
        return (textwrap.dedent(src).replace("@SECRET@", str(self.secret_file))
                .replace("@OUTSIDE@", str(self.outside)).replace("@ROOT@", str(self.root)))


def make_playground(tmp_path: Path) -> Playground:
    root = tmp_path / "root"
    outside = tmp_path / "outside"
    root.mkdir()
    outside.mkdir()
    secret = "TOPSECRET-" + uuid.uuid4().hex
    secret_file = outside / "secret.txt"
    secret_file.write_text(secret + "\n")
    (outside / "mod.py").write_text("print('ESCAPED: outside module ran')\nvalue = 1\n")
    (outside / "pkg").mkdir()
    (outside / "pkg" / "__init__.py").write_text("print('ESCAPED: outside package ran')\n")
    (outside / "pkg" / "mod.py").write_text("print('ESCAPED: outside package module ran')\n")
    (outside / "libdir").mkdir()
    (outside / "libdir" / "libmod.py").write_text("print('ESCAPED: outside lib module ran')\n")
    (root / "data.txt").write_text("hello\n")
    (root / "pkg").mkdir()
    (root / "pkg" / "__init__.py").write_text("X = 1\n")
    (root / "pkg" / "sub.py").write_text("Y = 2\n")
    return Playground(tmp_path, root, outside, secret, secret_file)


@dataclass(frozen=True)
class Escape:
    """One attack program.

    ``expect``: the guest exception names that count as the refusal. If ``done`` the program
    catches its refusals itself (``_try`` lines) and must end with ``DONE`` and exit 0;
    otherwise the last attempt is uncaught and the run must end with a MicroPython traceback
    whose last line names one of ``expect``, exit status 1.
    ``setup(pg)`` prepares extra files; ``post(pg, run)`` makes extra assertions.
    """

    name: str
    src: str
    expect: frozenset = REFUSALS
    done: bool = False
    setup: Callable | None = None
    post: Callable | None = None
    args: tuple = ()
    timeout: float = 60.0
    extra_leaks: tuple = ()


def E(name: str, src: str, *expect: str, **kw) -> Escape:
    return Escape(name, src, frozenset(expect) if expect else REFUSALS, **kw)


def run_escape(tmp_path: Path, case: Escape, mode: str) -> tuple[Playground, Run]:
    pg = make_playground(tmp_path)
    if case.setup is not None:
        case.setup(pg)
    src = pg.subst(case.src)
    if case.done:
        src = PRELUDE + src
    prog = pg.root / "main.py"
    prog.write_text(src)
    run = run_cmd(jitvm_cmd(prog, *case.args), env=guest_env(mode), cwd=pg.root,
                  timeout=case.timeout)
    return pg, run


def assert_no_host_traceback(run: Run) -> None:
    both = run.stdout + run.stderr
    assert 'File "/' not in both, "host traceback / host path in a traceback\n" + run.text()
    assert "Traceback" not in run.stderr, "a traceback on stderr (host)\n" + run.text()
    assert "internal error" not in run.stderr, "jitvm internal error\n" + run.text()
    assert "Segmentation fault" not in both and "Fatal Python error" not in both, run.text()


def assert_sane_exit(run: Run) -> None:
    assert not run.timed_out, "the run hung\n" + run.text()
    assert run.returncode is not None and run.returncode >= 0, "killed by a signal\n" + run.text()
    assert run.returncode != 3, "exit status 3 (jitvm internal error)\n" + run.text()


def last_exception(stdout: str) -> str:
    lines = stdout.rstrip("\n").splitlines()
    if not lines:
        return ""
    m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)(:|$)", lines[-1])
    return m.group(1) if m else lines[-1]


def check_escape(pg: Playground, case: Escape, run: Run) -> None:
    both = run.stdout + run.stderr
    assert_sane_exit(run)
    assert "ESCAPED" not in both, "ESCAPED: the attack worked\n" + run.text()
    assert pg.secret not in both, "the secret outside the root was read\n" + run.text()
    for marker in (str(pg.base), str(JITVM_DIR), str(REPO) + "/", *LEAK_MARKERS, *case.extra_leaks):
        assert marker not in run.stdout, f"leak: {marker!r} in the guest's output\n" + run.text()
    assert_no_host_traceback(run)
    if case.done:
        assert run.returncode == 0, "expected the program to catch its refusals\n" + run.text()
        assert run.stdout.rstrip().endswith("DONE"), "program did not finish\n" + run.text()
        for line in run.stdout.splitlines():
            if line.startswith("REFUSED "):
                kinds = set(line.rpartition(" -> ")[2].split()) if " -> " in line else set()
                assert kinds, f"no exception recorded: {line}\n" + run.text()
                assert kinds <= case.expect, f"unexpected refusal {kinds - case.expect} in {line!r}" \
                                             f" (expected one of {sorted(case.expect)})\n" + run.text()
    else:
        assert run.returncode == 1, "expected an uncaught guest exception (exit 1)\n" + run.text()
        assert "Traceback (most recent call last):" in run.stdout, run.text()
        exc = last_exception(run.stdout)
        assert exc in case.expect, f"refused with {exc!r}, expected one of {sorted(case.expect)}\n" \
                                   + run.text()
    if case.post is not None:
        case.post(pg, run)


def escape_params(cases: list[Escape]):
    """pytest params (case, mode) for every program in every tier."""
    import pytest

    names = [c.name for c in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    return [pytest.param(c, m, id=f"{c.name}-{m}") for c in cases for m in MODES]

"""B. Limits that must hold whatever the guest does: wall-clock time (even inside long host C
work), Ctrl-C, no host crash on deep nesting, a bounded heap, a bounded drive.

Every run is a subprocess in its own session with a pytest-side hard timeout, so a hang fails
the test (and is killed with everything it started) instead of blocking the suite.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import textwrap
import time
from pathlib import Path

import pytest

from .helpers import (
    MODES,
    PYTHON,
    Run,
    assert_no_host_traceback,
    finish,
    guest_env,
    jitvm_cmd,
    last_exception,
    run_cmd,
)

MiB = 1024 * 1024
DOC_DEFAULT_HEAP = 512 * MiB   # README "Limits": heap 512 MiB beyond what jitvm itself uses
RSS_SLACK = 300 * 1000 * 1000  # what jitvm itself may use on top of the heap budget
DOC_DEFAULT_DRIVE = 16 * MiB   # README: the board layout's size, generic 16 MiB at most
DRIVE_SLACK = 64 * 1024        # a write may overshoot by a buffer, not more


def write_prog(tmp_path: Path, src: str, name: str = "main.py") -> Path:
    root = tmp_path / "root"
    root.mkdir(exist_ok=True)
    p = root / name
    p.write_text(textwrap.dedent(src))
    return p


def run_guest(tmp_path: Path, src: str, *args: str, timeout: float = 60.0, mode: str = "default",
              env: dict | None = None) -> Run:
    prog = write_prog(tmp_path, src)
    return run_cmd(jitvm_cmd(prog, *args), env=guest_env(mode, env), cwd=prog.parent,
                   timeout=timeout)


def no_signal_death(run: Run) -> None:
    assert not run.timed_out, "hung\n" + run.text()
    assert run.returncode is not None and run.returncode >= 0, "killed by a signal\n" + run.text()
    assert run.returncode not in (3, 128 + signal.SIGSEGV, 128 + signal.SIGBUS, 128 + signal.SIGABRT,
                                  128 + signal.SIGKILL, 128 + signal.SIGILL), \
        "the VM crashed / internal error\n" + run.text()
    assert "died with signal" not in run.stderr, "the VM process died\n" + run.text()
    assert not run.leftover, "processes left running after the run\n" + run.text()
    assert_no_host_traceback(run)


# ---- --timeout ---------------------------------------------------------------------------------
TIMEOUT_PROGRAMS = {
    "any_iter_int": "print('started')\nany(iter(int, 1))\n",
    "in_iter_int": "print('started')\n2 in iter(int, 1)\n",
    "re_backtracking": "import re\nprint('started')\nre.match('(a|a)*b', 'a' * 64)\n",
    "math_factorial": "import math\nprint('started')\nmath.factorial(10**7)\n",
    "pow_huge": "print('started')\nwhile True:\n    try:\n        pow(2, 10**20)\n    except BaseException:\n        pass\n",
    "power_constant_folded_by_compiler": "x = 10**(10**9)\nprint(x > 0)\n",
    "power_at_run_time": "n = 10**9\nprint('started')\nx = 10**n\n",
    "exec_power_constant": "print('started')\nexec('x = 10**(10**9)')\n",
    "import_power_constant": "print('started')\nimport big\n",
    "while_true": "print('started')\nwhile True:\n    pass\n",
    "while_true_in_hot_function": "def spin(n):\n    while n >= 0:\n        n += 1\nfor i in range(3):\n    spin(-10)\nprint('started')\nspin(0)\n",
    "catch_everything_loop": ("print('started')\nwhile True:\n    try:\n        while True:\n            pass\n"
                              "    except:\n        pass\n"),
    "catch_everything_with_finally": ("print('started')\ndef spin():\n    while True:\n        try:\n"
                                      "            while True:\n                pass\n        except BaseException:\n"
                                      "            continue\n        finally:\n            pass\nspin()\n"),
    "sorted_huge_in_c": "print('started')\nwhile True:\n    try:\n        sorted(range(10**8), key=int)\n    except BaseException:\n        pass\n",
}


@pytest.mark.parametrize("name", sorted(TIMEOUT_PROGRAMS))
def test_timeout_ends_host_c_work(tmp_path, name):
    if name == "import_power_constant":
        write_prog(tmp_path, "x = 10**(10**9)\n", name="big.py")
    run = run_guest(tmp_path, TIMEOUT_PROGRAMS[name], "--timeout", "2", timeout=30)
    assert not run.timed_out, "--timeout 2 did not end the run within 30 s\n" + run.text()
    assert run.returncode == 124, run.text()
    assert run.elapsed < 5.5, f"took {run.elapsed:.1f}s to end a --timeout 2 run\n" + run.text()
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "timeout" in lines[0], "expected one line on stderr\n" + run.text()
    assert "Traceback" not in run.stdout + run.stderr, run.text()
    if "print('started')" in TIMEOUT_PROGRAMS[name] and name != "import_power_constant":
        assert "started" in run.stdout, "output written before the timeout was lost\n" + run.text()
    assert not run.leftover, "a process (mpy-cross? the VM child?) outlived the run\n" + run.text()


@pytest.mark.parametrize("mode", sorted(MODES))
def test_timeout_in_every_tier(tmp_path, mode):
    run = run_guest(tmp_path, TIMEOUT_PROGRAMS["catch_everything_loop"], "--timeout", "2",
                    timeout=30, mode=mode)
    assert run.returncode == 124 and run.elapsed < 5.5, run.text()
    assert not run.leftover, run.text()


# ---- Ctrl-C ------------------------------------------------------------------------------------
READY = "open('/ready', 'w').close()\n"


def start(tmp_path: Path, src: str, mode: str = "default") -> tuple[subprocess.Popen, Path]:
    prog = write_prog(tmp_path, src)
    p = subprocess.Popen(jitvm_cmd(prog), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=guest_env(mode), cwd=prog.parent, start_new_session=True)
    ready = prog.parent / "ready"
    deadline = time.monotonic() + 20
    while not ready.exists() and time.monotonic() < deadline and p.poll() is None:
        time.sleep(0.02)
    return p, ready


def interrupt(p: subprocess.Popen, target: str) -> None:
    if target == "group":  # what a terminal's Ctrl-C does: every process of the foreground group
        os.killpg(p.pid, signal.SIGINT)
    else:  # `kill -INT <pid>` on the jitvm process
        p.send_signal(signal.SIGINT)


TARGETS = ("process", "group")


@pytest.mark.parametrize("mode, target", [(m, "process") for m in sorted(MODES)] + [("default", "group")])
def test_ctrl_c_raises_keyboard_interrupt(tmp_path, mode, target):
    p, ready = start(tmp_path, READY + "def work(n):\n    return n + 1\nn = 0\nwhile True:\n    n = work(n)\n",
                     mode)
    assert ready.exists(), finish(p, 5).text()
    time.sleep(1.0)
    interrupt(p, target)
    run = finish(p, 3.0)
    assert not run.timed_out, "Ctrl-C did not end a plain Python loop within 3 s\n" + run.text()
    assert run.returncode == 130, run.text()
    assert "Traceback (most recent call last):" in run.stdout, run.text()
    assert last_exception(run.stdout) == "KeyboardInterrupt", run.text()
    assert "Traceback" not in run.stderr, run.text()
    assert not run.leftover, run.text()


@pytest.mark.parametrize("target", TARGETS)
def test_ctrl_c_can_be_caught_for_cleanup(tmp_path, target):
    p, ready = start(tmp_path, READY + textwrap.dedent("""
        try:
            while True:
                pass
        except KeyboardInterrupt:
            print('cleanup')
        """))
    assert ready.exists(), finish(p, 5).text()
    time.sleep(1.0)
    interrupt(p, target)
    run = finish(p, 3.0)
    assert not run.timed_out, run.text()
    assert "cleanup" in run.stdout, run.text()
    assert run.returncode == 0, run.text()
    assert "Traceback" not in run.stderr, run.text()


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("work", ["any(iter(int, 1))", "2 in iter(int, 1)",
                                  "import math\nmath.factorial(10**7)"],
                         ids=["any_iter_int", "in_iter_int", "math_factorial"])
def test_second_ctrl_c_ends_host_c_work(tmp_path, work, target):
    p, ready = start(tmp_path, READY + work + "\n")
    assert ready.exists(), finish(p, 5).text()
    time.sleep(1.0)
    interrupt(p, target)
    time.sleep(1.0)
    if p.poll() is None:
        interrupt(p, target)
    run = finish(p, 3.0)
    assert not run.timed_out, "still running 3 s after the second Ctrl-C\n" + run.text()
    assert run.returncode == 130, run.text()
    assert "Traceback" not in run.stderr, run.text()
    assert not run.leftover, run.text()


# ---- no host crash -----------------------------------------------------------------------------
BUILD_TUPLE = "t = ()\nfor i in range({n}):\n    t = (t,)\n"
DEEP = {
    "hash_tuple_1e6": (BUILD_TUPLE.format(n=10**6) + "print('ok', hash(t) == hash(t))\n", ()),
    "hash_tuple_1e7": (BUILD_TUPLE.format(n=10**7) + "print('ok', hash(t) == hash(t))\n", ()),
    "eq_tuples_1e6": (BUILD_TUPLE.format(n=10**6) + "t2 = t\nt = ()\n" + BUILD_TUPLE.format(n=10**6)
                      + "print('ok', t == t2)\n", ()),
    "eq_tuples_1e7": (BUILD_TUPLE.format(n=10**7) + "t2 = t\nt = ()\n" + BUILD_TUPLE.format(n=10**7)
                      + "print('ok', t == t2)\n", ()),
    "lt_tuples_1e6": (BUILD_TUPLE.format(n=10**6) + "t2 = (t,)\nprint('ok', t < t2 or True)\n", ()),
    "repr_list_1e6": ("l = []\nfor i in range(10**6):\n    l = [l]\nprint('ok', len(repr(l)))\n", ()),
    "str_list_1e6": ("l = []\nfor i in range(10**6):\n    l = [l]\nprint('ok', len(str(l)))\n", ()),
    "repr_dict_1e6": ("d = {}\nfor i in range(10**6):\n    d = {'a': d}\nprint('ok', len(repr(d)))\n", ()),
    "eq_dicts_1e6": ("d = {}\ne = {}\nfor i in range(10**6):\n    d = {'a': d}\n    e = {'a': e}\nprint('ok', d == e)\n", ()),
    "json_dumps_list_1e6": ("import json\nl = []\nfor i in range(10**6):\n    l = [l]\nprint('ok', len(json.dumps(l)))\n", ()),
    "json_loads_nested_1e6": ("import json\ns = '[' * 10**6 + ']' * 10**6\nprint('ok', type(json.loads(s)))\n", ()),
    "str_self_containing_list": ("l = []\nl.append(l)\nd = {}\nd[1] = d\nprint('ok', str(l), repr(d))\n", ()),
    "str_recursive_object": ("class R:\n    def __str__(self):\n        return str(self)\nprint('ok', str(R()))\n", ()),
    "repr_recursive_rl600000": ("class R:\n    def __repr__(self):\n        return repr(self)\nprint('ok', repr(R()))\n",
                                ("--recursion-limit", "600000")),
    "repr_recursive_rl2000000": ("class R:\n    def __repr__(self):\n        return repr(self)\nprint('ok', repr(R()))\n",
                                 ("--recursion-limit", "2000000")),
    "recursion_rl2000000": ("def f(n):\n    return f(n + 1) + 1\nprint('ok', f(0))\n",
                            ("--recursion-limit", "2000000")),
    "map_chain_1e6": ("it = iter([1])\nfor i in range(10**6):\n    it = map(abs, it)\nprint('ok', next(it))\n", ()),
    "filter_chain_1e6": ("it = iter([1])\nfor i in range(10**6):\n    it = filter(None, it)\nprint('ok', next(it))\n", ()),
    "zip_chain_1e6": ("it = iter([1])\nfor i in range(10**6):\n    it = zip(it)\nprint('ok', next(it) is not None)\n", ()),
    "iter_callable_chain_1e6": ("it = iter([1, 2])\nfor i in range(10**6):\n    it = iter(it.__next__, None)\nprint('ok', next(it))\n", ()),
    "enumerate_reversed_chain_1e6": ("it = iter([1])\nfor i in range(10**6):\n    it = enumerate(it)\nprint('ok', next(it) is not None)\n", ()),
    "nested_source_via_exec": ("exec('x = ' + '(' * 100000 + '1' + ')' * 100000)\nprint('ok', x)\n", ()),
    "deep_list_sort_key": ("l = []\nfor i in range(10**6):\n    l = [l]\nprint('ok', len(sorted([l, l])))\n", ()),
}


@pytest.mark.parametrize("name", sorted(DEEP))
def test_no_host_crash_on_deep_nesting(tmp_path, name):
    src, args = DEEP[name]
    run = run_guest(tmp_path, src, *args, timeout=240)
    no_signal_death(run)
    assert run.returncode in (0, 1), run.text()
    if run.returncode == 0:
        assert run.stdout.startswith("ok"), run.text()
    else:
        assert "Traceback (most recent call last):" in run.stdout, run.text()
        assert last_exception(run.stdout) in ("RuntimeError", "MemoryError", "SyntaxError"), run.text()


# ---- memory ------------------------------------------------------------------------------------
RSS_WRAPPER = """
import json, resource, subprocess, sys
p = subprocess.run(sys.argv[1:], capture_output=True)
print(json.dumps({"rc": p.returncode, "out": p.stdout.decode("utf-8", "replace"),
                  "err": p.stderr.decode("utf-8", "replace"),
                  "maxrss": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024}))
"""


def run_measured(tmp_path: Path, src: str, *args: str, timeout: float = 180) -> tuple[Run, int]:
    prog = write_prog(tmp_path, src)
    outer = run_cmd([PYTHON, "-c", RSS_WRAPPER, *jitvm_cmd(prog, *args)], env=guest_env(),
                    cwd=prog.parent, timeout=timeout)
    assert not outer.timed_out and outer.returncode == 0, outer.text()
    d = json.loads(outer.stdout)
    return Run(d["rc"], d["out"], d["err"], outer.elapsed, False, outer.leftover), d["maxrss"]


GROWERS = {
    "bytearrays": "l = []\nwhile True:\n    l.append(bytearray(10**6))\n",
    "lists_of_ints": "l = []\nwhile True:\n    l.append([0] * 100000)\n",
    "doubling_string": "s = 'x'\nwhile True:\n    s = s + s\n",
    "dict_growth": "d = {}\ni = 0\nwhile True:\n    d[i] = str(i) * 10\n    i += 1\n",
}


@pytest.mark.parametrize("name", sorted(GROWERS))
def test_unbounded_allocation_is_a_memory_error(tmp_path, name):
    run, rss = run_measured(tmp_path, GROWERS[name])
    no_signal_death(run)
    assert run.returncode == 1, run.text()
    assert last_exception(run.stdout) == "MemoryError", run.text()
    assert rss < DOC_DEFAULT_HEAP + RSS_SLACK, f"peak RSS {rss / MiB:.0f} MiB\n" + run.text()


def test_heap_option_gives_memory_error_sooner(tmp_path):
    src = """
        l = []
        try:
            while True:
                l.append(bytearray(10**6))
        except MemoryError:
            n = len(l)
            l = None
            print('chunks', n)
        l = []
        while True:
            l.append(bytearray(10**6))
        """
    run, rss = run_measured(tmp_path, src, "--heap", "64000000")
    no_signal_death(run)
    assert run.returncode == 1 and last_exception(run.stdout) == "MemoryError", run.text()
    n = int(run.stdout.split("chunks")[1].split()[0])
    assert n <= 64, f"{n} MB allocated under a 64 MB heap\n" + run.text()
    assert rss < 64_000_000 + RSS_SLACK, f"peak RSS {rss / MiB:.0f} MiB\n" + run.text()


def test_single_huge_allocations_are_memory_errors(tmp_path):
    run = run_guest(tmp_path, """
        for make in (lambda: bytearray(10**12), lambda: 'x' * 10**12, lambda: [0] * 10**12,
                     lambda: b'x' * (10**11), lambda: bytes(10**11)):
            try:
                make()
                print('allocated?!')
            except MemoryError:
                print('MemoryError')
        """, timeout=120)
    no_signal_death(run)
    assert run.returncode == 0 and run.stdout.split() == ["MemoryError"] * 5, run.text()


# ---- drive -------------------------------------------------------------------------------------
def drive_files(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.mark.parametrize("binary", [True, False])
def test_drive_full_is_enospc(tmp_path, binary):
    mode, chunk = ("wb", "b'x' * 4096") if binary else ("w", "'x' * 4096")
    run = run_guest(tmp_path, f"""
        n = 0
        try:
            with open('big.bin', '{mode}') as f:
                while True:
                    f.write({chunk})
                    n += 1
        except OSError as e:
            print('OSError', e.args[0], e.errno)
        print('written', n * 4096)
        """, "--drive-size", "1000000", timeout=60)
    no_signal_death(run)
    assert run.returncode == 0, run.text()
    assert run.stdout.startswith("OSError 28 28"), run.text()
    size = (tmp_path / "root" / "big.bin").stat().st_size
    assert size <= 1_000_000 + DRIVE_SLACK, f"the host file grew to {size} bytes"
    assert drive_files(tmp_path / "root") <= 1_000_000 + DRIVE_SLACK


def test_drive_full_uncaught_traceback(tmp_path):
    run = run_guest(tmp_path, """
        f = open('big.bin', 'wb')
        while True:
            f.write(bytearray(65536))
        """, "--drive-size", "1000000", timeout=60)
    no_signal_death(run)
    assert run.returncode == 1, run.text()
    assert run.stdout.rstrip().splitlines()[-1].startswith("OSError: [Errno 28]"), run.text()
    assert (tmp_path / "root" / "big.bin").stat().st_size <= 1_000_000 + DRIVE_SLACK


def test_default_drive_size_is_bounded(tmp_path):
    run = run_guest(tmp_path, """
        try:
            with open('big.bin', 'wb') as f:
                while True:
                    f.write(bytearray(1 << 20))
        except OSError as e:
            print('OSError', e.errno)
        """, timeout=120)
    no_signal_death(run)
    assert run.stdout.strip() == "OSError 28", run.text()
    assert (tmp_path / "root" / "big.bin").stat().st_size <= DOC_DEFAULT_DRIVE + DRIVE_SLACK


@pytest.mark.parametrize("attack", [
    "many_files", "seek_past_end", "truncate_up", "append_reopen", "rename_and_rewrite",
    "mkdir_many", "flush_each_byte"])
def test_drive_budget_cannot_be_dodged(tmp_path, attack):
    progs = {
        "many_files": """
            i = 0
            while True:
                with open('f%d.bin' % i, 'wb') as f:
                    f.write(bytearray(50000))
                i += 1
            """,
        "seek_past_end": """
            with open('sparse.bin', 'wb') as f:
                f.seek(10**9)
                f.write(b'x')
            """,
        "truncate_up": """
            with open('t.bin', 'wb') as f:
                f.write(b'x')
                f.truncate(10**9)
            raise OSError(28)
            """,
        "append_reopen": """
            while True:
                with open('a.bin', 'ab') as f:
                    f.write(bytearray(30000))
            """,
        "rename_and_rewrite": """
            import os
            i = 0
            while True:
                with open('w.bin', 'wb') as f:
                    f.write(bytearray(100000))
                os.rename('w.bin', 'k%d.bin' % i)
                i += 1
            """,
        "mkdir_many": """
            import os
            i = 0
            while True:
                os.mkdir('d%d' % i)
                with open('d%d/x.bin' % i, 'wb') as f:
                    f.write(bytearray(20000))
                i += 1
            """,
        "flush_each_byte": """
            with open('b.bin', 'w') as f:
                while True:
                    f.write('\\u20ac' * 1000)
                    f.flush()
            """,
    }
    run = run_guest(tmp_path, progs[attack], "--drive-size", "1000000", timeout=120)
    no_signal_death(run)
    assert run.returncode == 1, run.text()
    assert last_exception(run.stdout) in ("OSError", "AttributeError"), run.text()
    assert "Errno 28" in run.stdout or "AttributeError" in run.stdout, run.text()
    root = tmp_path / "root"
    total = drive_files(root)
    apparent = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    assert total <= 1_000_000 + DRIVE_SLACK, f"{total} bytes on a 1000000-byte drive"
    assert apparent <= 1_000_000 + DRIVE_SLACK, f"apparent size {apparent} bytes (sparse file)"


def test_exec_compile_cache_outside_the_root_is_bounded(tmp_path):
    """New route: every distinct exec()/compile() source is compiled by mpy-cross into the host's
    cache folder (outside the VM root, not charged to the drive). A guest can fill the host disk."""
    cache = tmp_path / "cache"
    cache.mkdir()
    run = run_guest(tmp_path, """
        pad = 'x' * 20000
        for i in range(300):
            exec('s = %r + %r' % (pad, str(i)))
        print('done')
        """, "--drive-size", "1000000", timeout=180, env={"JITVM_CACHE_DIR": str(cache)})
    no_signal_death(run)
    used = sum(p.stat().st_size for p in cache.rglob("*") if p.is_file())
    assert used <= 2_000_000, f"exec() left {used} bytes in the host cache (drive is 1000000)"


def test_empty_directories_are_charged_to_the_drive(tmp_path):
    """New route: os.mkdir() of empty folders writes no bytes the drive counts, but each folder
    takes a block of the host's disk (4 KiB on ext4): 25000 folders = ~100 MB on a 1 MB drive."""
    run = run_guest(tmp_path, """
        import os
        for i in range(25000):
            os.mkdir('d%d' % i)
        print('made all')
        """, "--drive-size", "1000000", timeout=120)
    no_signal_death(run)
    root = tmp_path / "root"
    blocks = sum(os.lstat(os.path.join(d, n)).st_blocks * 512
                 for d, dirs, files in os.walk(root) for n in dirs + files)
    assert "made all" not in run.stdout, f"25000 folders made on a 1000000-byte drive " \
                                         f"({blocks} bytes of host disk)\n" + run.text()
    assert run.returncode == 1 and "Errno 28" in run.stdout, run.text()
    assert blocks <= 1_000_000 + 256 * 1024, f"{blocks} bytes of host disk used"

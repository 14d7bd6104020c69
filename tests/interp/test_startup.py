"""Start-up stays light: what `jitvm run` imports, the board opened only when a guest needs it,
and the compile cache that makes a second run free of mpy-cross.

These check structure, not time (the timing is tools/startup_bench.py, see README "Start-up").
Every run here gets its own compile cache folder (JITVM_CACHE_DIR), never the user's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# what a plain `jitvm run hello.py` must not import: tier 1 and its libraries, the hardware
# layer, the test/bench harnesses, and stdlib modules that cost milliseconds (mpy-cross's
# subprocess only on a cache miss)
NEVER_FOR_HELLO = ("llvmlite", "numba", "numpy", "jitvm.jit", "hal", "conformance", "benchmarks",
                   "dataclasses", "typing", "inspect", "subprocess", "tempfile", "shutil",
                   "hashlib", "decimal", "tomllib", "json")


def _env(tmp_path: Path, **extra: str) -> dict:
    env = dict(os.environ)
    for k in ("JITVM_CACHE", "JITVM_CACHE_DIR", "XDG_CACHE_HOME", "JITVM_TIER"):
        env.pop(k, None)
    env["JITVM_CACHE_DIR"] = str(tmp_path / "cache")
    env.update(extra)
    return env


def _modules_after(code: str, env: dict, cwd: Path) -> tuple[str, set[str]]:
    """Run ``code`` in a fresh interpreter; (its output before the module list, sys.modules)."""
    script = (code + "\nimport sys as _s\n_m = sorted(_s.modules)\n"  # before json loads
              "import json as _j\nprint('@@' + _j.dumps(_m))\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    out, _, mods = proc.stdout.rpartition("@@")
    return out, set(json.loads(mods))


def _loaded(mods: set[str], names) -> list[str]:
    return sorted(m for m in mods if any(m == n or m.startswith(n + ".") for n in names))


def _run_in_process(path: Path, *args: str) -> str:
    """`jitvm run` in this interpreter (no supervisor child), as code for _modules_after."""
    return textwrap.dedent(f"""
        import sys
        from jitvm.cli import main
        rc = main(["run", *{list(args)!r}, {str(path)!r}])
        print("rc", rc)
    """)


@pytest.fixture
def hello(tmp_path: Path) -> Path:
    p = tmp_path / "hello.py"
    p.write_text('print("hello")\n')
    return p


def test_cli_and_runner_import_no_vm_and_nothing_heavy(tmp_path):
    # the supervising parent imports these before it forks: the VM loads in the child
    _, mods = _modules_after("import jitvm.cli, jitvm.runner", _env(tmp_path), ROOT)
    assert not _loaded(mods, ("llvmlite", "numba", "numpy", "hal", "conformance", "benchmarks",
                              "jitvm.vm", "jitvm.execute", "jitvm.jit", "mpy.reader",
                              "dataclasses", "typing", "subprocess"))


def test_hello_imports_nothing_heavy(tmp_path, hello):
    env = _env(tmp_path, JITVM_NO_SUPERVISOR="1")
    _modules_after(_run_in_process(hello), env, tmp_path)  # fills the compile cache
    out, mods = _modules_after(_run_in_process(hello), env, tmp_path)
    assert out.split() == ["hello", "rc", "0"]
    assert not _loaded(mods, NEVER_FOR_HELLO)


def test_tier1_hello_does_not_import_llvmlite(tmp_path, hello):
    # llvmlite loads when the first function compiles, not at start-up
    out, mods = _modules_after(_run_in_process(hello, "--tier", "1"),
                               _env(tmp_path, JITVM_NO_SUPERVISOR="1"), tmp_path)
    assert out.split() == ["hello", "rc", "0"]
    assert not _loaded(mods, ("llvmlite", "numba", "numpy"))


def test_board_opens_when_the_guest_first_needs_it(tmp_path):
    prog = tmp_path / "hw.py"
    prog.write_text(textwrap.dedent("""
        import time
        t = time.ticks_ms()
        time.sleep_ms(5)
        print(time.ticks_diff(time.ticks_ms(), t))
        import machine
        p = machine.Pin(2, machine.Pin.OUT)
        p.value(1)
        print(p.value())
    """))
    out, mods = _modules_after(_run_in_process(prog), _env(tmp_path, JITVM_NO_SUPERVISOR="1"),
                               tmp_path)
    assert out.split() == ["5", "1", "rc", "0"]
    assert "hal.sim.board" in mods


def test_deferred_board_drive_size_is_the_default():
    # a run that never opens the board keeps the default drive size: the generic layout's
    from hal.layout import load_layout
    from jitvm.streams import DEFAULT_DRIVE_SIZE

    assert load_layout("generic").drive_size == DEFAULT_DRIVE_SIZE


def test_options_that_need_the_board_open_it_at_start(tmp_path, hello):
    # a bad layout is refused before the program runs, as before (not deferred)
    proc = subprocess.run([sys.executable, "-m", "jitvm", "run", "--layout", "no_such_board",
                           str(hello)], capture_output=True, text=True, env=_env(tmp_path),
                          timeout=120, check=False)
    assert proc.returncode == 2, proc.stderr
    assert "hello" not in proc.stdout


def test_run_fast_path_parses_as_the_full_parser():
    from jitvm import cli

    for argv in (["run", "x.py"], ["run", "x.py", "--", "a", "-b"], ["run", "--tier", "1", "x.py"],
                 ["run", "x.py", "--timeout", "3", "--heap", "100"], ["run", "--", "x.py"]):
        assert vars(cli._parse_run(argv)) == vars(cli.build_parser(argv).parse_args(argv))
    # left over arguments: the full parser reports them, as before
    assert cli._parse_run(["run", "x.py", "--no-such-option"]) is None
    assert cli._parse_run(["run", "x.py", "--heap", "100", "a"]) is None


# ---- the compile cache ---------------------------------------------------------------------

def _cache_files(folder: Path) -> list[Path]:
    return sorted(p for p in (folder / "mpy").iterdir()) if (folder / "mpy").is_dir() else []


def test_cache_dir_from_the_environment(tmp_path, monkeypatch):
    from jitvm import compiler

    for k in ("JITVM_CACHE", "JITVM_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(k, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert compiler.cache_root() == tmp_path / "home" / ".cache" / "jitvm"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert compiler.cache_root() == tmp_path / "xdg" / "jitvm"
    monkeypatch.setenv("JITVM_CACHE", str(tmp_path / "old"))
    assert compiler.cache_root() == tmp_path / "old"
    monkeypatch.setenv("JITVM_CACHE_DIR", str(tmp_path / "new"))
    assert compiler.cache_root() == tmp_path / "new"


def test_cache_hit_skips_mpy_cross(tmp_path, monkeypatch, hello):
    from jitvm import compiler

    monkeypatch.setenv("JITVM_CACHE_DIR", str(tmp_path / "c"))
    first = compiler.compile_cached(str(hello), source_name="hello.py")
    assert len(_cache_files(tmp_path / "c")) == 1  # one entry, no temporary file left

    def no_compile(*a, **k):
        raise AssertionError("mpy-cross ran on a cache hit")

    monkeypatch.setattr(compiler, "compile_file", no_compile)
    assert compiler.compile_cached(str(hello), source_name="hello.py") == first


def test_cache_key_covers_source_and_options(tmp_path, monkeypatch, hello):
    from jitvm import compiler

    monkeypatch.setenv("JITVM_CACHE_DIR", str(tmp_path / "c"))
    a = compiler.compile_cached(str(hello), source_name="hello.py")
    b = compiler.compile_cached(str(hello), source_name="other.py")
    c = compiler.compile_cached(str(hello), source_name="hello.py", opt=3)
    hello.write_text('print("bye")\n')
    d = compiler.compile_cached(str(hello), source_name="hello.py")
    assert len(_cache_files(tmp_path / "c")) == 4
    assert a != b and a != d and c
    from mpy import read_mpy

    assert read_mpy(d).qstrs[0].text == "hello.py"


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "old-format"])
def test_damaged_cache_entry_is_compiled_again(tmp_path, monkeypatch, hello, damage):
    from jitvm import compiler

    monkeypatch.setenv("JITVM_CACHE_DIR", str(tmp_path / "c"))
    good = compiler.compile_cached(str(hello), source_name="hello.py")
    (entry,) = _cache_files(tmp_path / "c")
    raw = entry.read_bytes()
    entry.write_bytes({"truncate": raw[:-3], "flip": raw[:-1] + bytes([raw[-1] ^ 1]),
                       "empty": b"", "old-format": good}[damage])
    assert compiler.compile_cached(str(hello), source_name="hello.py") == good
    assert entry.read_bytes() == raw  # rewritten


def test_unwritable_cache_still_compiles(tmp_path, monkeypatch, hello):
    from jitvm import compiler

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("JITVM_CACHE_DIR", str(blocker))
    assert compiler.compile_cached(str(hello), source_name="hello.py")[:1] == b"M"


def test_second_cli_run_uses_the_cache(tmp_path, hello):
    env = _env(tmp_path)
    for _ in range(2):
        proc = subprocess.run([sys.executable, "-m", "jitvm", "run", str(hello)],
                              capture_output=True, text=True, env=env, timeout=120, check=False)
        assert (proc.returncode, proc.stdout) == (0, "hello\n"), proc.stderr
    assert len(_cache_files(tmp_path / "cache")) == 1


# ---- the supervisor's child lookup ----------------------------------------------------------

def test_children_lookup_finds_children():
    from jitvm import supervisor

    p = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        assert p.pid in supervisor._children()
        assert not supervisor._has_no_children()
    finally:
        p.kill()
        p.wait()
    assert p.pid not in supervisor._children()


# ---- the .mpy model classes keep dataclass behaviour ---------------------------------------

def test_model_records_compare_and_show_as_dataclasses_did():
    from mpy.bytecode import Instruction
    from mpy.model import Header, RawCode
    from mpy.opcodes import BY_BYTE, OPCODES, OpInfo

    assert RawCode(0, b"x") == RawCode(0, b"x") and RawCode(0, b"x") != RawCode(0, b"y")
    assert RawCode(0, b"x").children is not RawCode(0, b"x").children
    assert repr(Header("M", 6, 0, 31)) == ("Header(magic='M', version=6, feature=0, "
                                           "small_int_bits=31, arch_flags=None)")
    with pytest.raises(TypeError):
        hash(Header("M", 6, 0, 31))
    op = BY_BYTE[0x10]
    assert hash(op) == hash(OpInfo(op.name, op.byte, op.count, op.arg, op.extra_byte))
    with pytest.raises(AttributeError):
        op.name = "x"
    assert not hasattr(Instruction(0, 1, 0x10, op), "__dict__")  # slots, as before
    # BY_BYTE maps each byte to the first opcode covering it
    assert BY_BYTE == tuple(next((o for o in OPCODES if o.in_range(b)), None) for b in range(256))


# ---- the heap budget is the guest's --------------------------------------------------------

def test_host_cleanup_after_the_guest_filled_its_heap(tmp_path):
    # the guest keeps its whole budget allocated when it ends; the host's own work after it
    # (releasing the board, writing the VCD) still runs: the budget is lifted once it stopped
    prog = tmp_path / "fill.py"
    prog.write_text(textwrap.dedent("""
        print('filling')
        chunks = []
        for size in (10 ** 6, 10 ** 4, 100, 1):
            try:
                while True:
                    chunks.append(bytearray(size))
            except MemoryError:
                pass
    """))
    for extra in ([], ["--vcd", str(tmp_path / "t.vcd")]):
        proc = subprocess.run([sys.executable, "-m", "jitvm", "run", "--heap", "64000000", *extra,
                               str(prog)], capture_output=True, text=True, env=_env(tmp_path),
                              timeout=240, check=False)
        assert (proc.returncode, proc.stdout) == (0, "filling\n"), proc.stderr
    assert (tmp_path / "t.vcd").is_file()


def test_opening_the_board_late_is_not_charged_to_the_guest(tmp_path):
    code = textwrap.dedent("""
        import resource
        from jitvm import limits
        original = resource.getrlimit(resource.RLIMIT_DATA)[0]
        limits.apply_heap_budget(64 * 1024 * 1024, 0)
        before = resource.getrlimit(resource.RLIMIT_DATA)[0]
        with limits.outside_budget():
            import hal
            board = hal.open_board("sim")
        grown = resource.getrlimit(resource.RLIMIT_DATA)[0] - before
        limits.lift_heap_budget()
        after = resource.getrlimit(resource.RLIMIT_DATA)[0]
        print(grown > 0, after == original)  # the limit the process had before
    """)
    out, _ = _modules_after(code, _env(tmp_path), tmp_path)
    assert out.split() == ["True", "True"]


def test_supervisor_child_keeps_inherited_objects_frozen(tmp_path):
    # the child's collector skips what it inherited; the parent is left as it was
    code = textwrap.dedent("""
        import gc, os
        from jitvm import supervisor

        def child(ack_fd):
            os.write(1, b"child %d\\n" % (gc.get_freeze_count() > 0))
            return 7

        print("status", supervisor.supervise(child, None, "x"), flush=True)
        print("parent", gc.get_freeze_count())
    """)
    out, _ = _modules_after(code, _env(tmp_path), tmp_path)
    assert out.split() == ["child", "1", "status", "7", "parent", "0"]

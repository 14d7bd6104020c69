"""`jitvm run` on files and on CIRCUITPY-like folders, imports, flags."""

import subprocess
import sys

from jitvm.compiler import compile_file

from .helpers import jitvm_run


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "jitvm", "run", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def test_folder_runs_code_py_with_lib_modules_and_packages(tmp_path):
    drive = tmp_path / "CIRCUITPY"
    (drive / "lib" / "pkg").mkdir(parents=True)
    (drive / "lib" / "helper.py").write_text("def twice(x):\n    return 2 * x\n")
    (drive / "lib" / "pkg" / "__init__.py").write_text("from .sub import VALUE\nNAME = __name__\n")
    (drive / "lib" / "pkg" / "sub.py").write_text("VALUE = 42\n")
    src = drive / "lib" / "compiled.py"
    src.write_text("print('compiled module', __name__)\n")
    compile_file(str(src), str(drive / "lib" / "compiled.mpy"))
    src.unlink()
    (drive / "main.py").write_text("print('main.py must not run when code.py exists')\n")
    (drive / "code.py").write_text(
        "import helper, pkg, compiled\nfrom pkg.sub import VALUE\n"
        "print(helper.twice(21), pkg.VALUE, pkg.NAME, VALUE, __name__)\n")
    r = run(str(drive))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == "compiled module compiled\n42 42 pkg 42 __main__\n"


def test_mpy_file_runs_and_tier0_flag_is_accepted(tmp_path):
    p = tmp_path / "prog.py"
    p.write_text("print(sum(range(10)))\n")
    out = compile_file(str(p), str(tmp_path / "prog.mpy"))
    r = run("--tier", "0", out)
    assert (r.returncode, r.stdout) == (0, "45\n")


def test_profile_lists_hot_functions(tmp_path):
    r = jitvm_run(tmp_path, """
        def hot(n):
            t = 0
            for i in range(n):
                t += i
            return t
        for _ in range(5):
            hot(1000)
    """, "--profile")
    assert r.returncode == 0
    lines = r.stderr.splitlines()
    assert lines[0].split()[:2] == ["function", "file:line"]
    hot = next(line for line in lines if line.startswith("hot "))
    assert hot.split()[2] == "5"  # calls


def test_missing_module_is_a_guest_import_error(tmp_path):
    r = jitvm_run(tmp_path, "import nosuchmodule\n")
    assert r.returncode == 1
    assert r.stdout.strip().endswith("ImportError: no module named 'nosuchmodule'")


def test_syntax_error_is_reported_without_host_traceback(tmp_path):
    r = jitvm_run(tmp_path, "x = (\n")
    assert r.returncode != 0 and "SyntaxError" in (r.stdout + r.stderr)
    assert "jitvm/" not in r.stderr


def test_bad_scenario_file_is_one_line_exit_2(tmp_path):
    (tmp_path / "code.py").write_text("print(1)\n")
    bad = tmp_path / "scn.toml"
    bad.write_text("[[device]]\ntype = 'bme280'\ntemperatur = 3\n")
    r = run(str(tmp_path), "--scenario", str(bad))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "scn.toml" in r.stderr


def test_linux_board_without_gpio_chip_names_the_node(tmp_path):
    (tmp_path / "code.py").write_text(
        "import board, digitalio\nled = digitalio.DigitalInOut(board.D17)\nled.switch_to_output(True)\n")
    r = run(str(tmp_path), "--board", "linux")
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    # without a GPIO chip the node is named; without the gpiod package, the package is
    assert r.stderr.startswith("jitvm: /dev/gpiochip") or "needs the 'gpiod' package" in r.stderr


VIPER_SRC = """import micropython

@micropython.viper
def checksum(buf, n: int) -> int:
    p = ptr8(buf)
    s = 0
    for i in range(n):
        s += p[i]
    return s

@micropython.native
def add(a, b):
    return a + b

print(checksum(bytearray(range(10)), 10), add(1, 2))
"""


def test_native_and_viper_source_runs_as_bytecode(tmp_path):
    r = jitvm_run(tmp_path, VIPER_SRC)
    assert (r.returncode, r.stdout) == (0, "45 3\n"), r.stdout + r.stderr


def test_machine_code_in_an_mpy_runs_from_its_source_or_is_a_clear_guest_error(tmp_path):
    src = tmp_path / "v.py"
    src.write_text(VIPER_SRC)
    out = compile_file(str(src), str(tmp_path / "v.mpy"), arch="x64")
    r = run(out)  # the source the .mpy names is beside it: jitvm compiles that
    assert (r.returncode, r.stdout) == (0, "45 3\n"), r.stdout + r.stderr
    src.unlink()
    r = run(out)
    assert r.returncode == 1
    assert "machine code for x64 cannot run in jitvm" in r.stdout


def test_board_reset_ends_the_run_and_cannot_be_swallowed(tmp_path):
    r = jitvm_run(tmp_path, """
        import supervisor, microcontroller
        print(supervisor.ticks_ms() >= 0, supervisor.runtime.serial_connected)
        try:
            microcontroller.reset()
        except:
            print("swallowed")
        print("not reached")
    """)
    assert (r.returncode, r.stdout) == (0, "True True\n")
    assert "reset the board" in r.stderr

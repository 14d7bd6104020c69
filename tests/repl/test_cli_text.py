"""`jitvm -c CODE`, `jitvm run -`, `jitvm --version` and the REPL over piped input (no
terminal: lines read plainly, nothing echoed, no auto-indent), as the unix port has them."""

import re
import subprocess
import sys

from .helpers import TIMEOUT


def jitvm(*args, stdin="", cwd=None):
    return subprocess.run([sys.executable, "-m", "jitvm", *args], input=stdin, text=True,
                          capture_output=True, timeout=TIMEOUT, cwd=cwd)


def test_dash_c_runs_code_as_main_from_stdin(tmp_path):
    r = jitvm("-c", "print(__name__, __file__)\n1/0", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout == ("__main__ <stdin>\nTraceback (most recent call last):\n"
                        '  File "<stdin>", line 2, in <module>\nZeroDivisionError: divide by zero\n')


def test_dash_c_takes_run_options_and_the_drive_is_the_current_folder(tmp_path):
    (tmp_path / "data.txt").write_text("on the drive")
    r = jitvm("-c", "import sys; print(sys.implementation.name, open('data.txt').read())",
              "--flavor", "circuitpython", cwd=tmp_path)
    assert (r.returncode, r.stdout) == (0, "circuitpython on the drive\n")


def test_run_dash_reads_the_program_from_stdin(tmp_path):
    r = jitvm("run", "-", stdin="import sys\nprint(sum(range(5)))\nsys.exit(4)\n", cwd=tmp_path)
    assert (r.returncode, r.stdout) == (4, "10\n")


def test_version_names_the_firmware_emulated():
    r = jitvm("--version")
    assert r.returncode == 0
    assert r.stdout.startswith("jitvm 0.1.0 ")
    assert "MicroPython 1.29.0" in r.stdout and "CircuitPython 10.0.3" in r.stdout


def test_no_command_is_the_repl_over_piped_input(tmp_path):
    r = jitvm(stdin="x = 6\nx * 7\nfor i in range(2):\n    print(i)\n\nimport sys\n"
                    "sys.exit(2)\nprint('not reached')\n", cwd=tmp_path)
    assert r.returncode == 2
    lines = r.stdout.splitlines()
    assert lines[0].startswith("MicroPython v1.29.0 on ")
    assert lines[1] == 'Type "help()" for more information.'
    assert "\n".join(lines[2:]) == ">>> >>> 42\n>>> ... ... 0\n1\n>>> >>> "


def test_repl_ends_at_the_end_of_input(tmp_path):
    r = jitvm("repl", str(tmp_path), stdin="print('hi')\n")
    assert r.returncode == 0 and r.stdout.endswith("\n>>> hi\n>>> \n")


def test_repl_of_a_missing_folder_is_a_one_line_error(tmp_path):
    r = jitvm("repl", str(tmp_path / "nope"))
    assert r.returncode == 2
    assert r.stderr.strip() == f"jitvm: {tmp_path / 'nope'}: no such file"
    (tmp_path / "file.py").write_text("")
    r = jitvm("serve", str(tmp_path / "file.py"))
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr.strip() == f"jitvm: {tmp_path / 'file.py'}: not a folder"


def test_input_and_stdin_read_the_piped_lines(tmp_path):
    r = jitvm(stdin="a = input('? ')\nfirst\nimport sys\nb = sys.stdin.readline()\n"
                    "second line\nprint(repr(a), repr(b))\n", cwd=tmp_path)
    # input() and sys.stdin read the lines after their statement, as a board reads what is
    # typed next; input() strips the newline, readline() keeps it
    assert r.returncode == 0
    assert r.stdout.splitlines()[2:] == [">>> ? >>> >>> >>> 'first' 'second line\\n'", ">>> "]


def test_host_ctrl_c_interrupts_a_running_statement_of_a_piped_repl(tmp_path):
    import signal
    import time

    p = subprocess.Popen([sys.executable, "-m", "jitvm"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
    try:
        p.stdin.write(b"n = 0\nwhile True:\n    n += 1\n\n")
        p.stdin.flush()
        time.sleep(1.0)
        p.send_signal(signal.SIGINT)  # what Ctrl-C in the shell sends
        out, err = p.communicate(b"print('after', n > 0)\n", timeout=TIMEOUT)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    text = out.decode()
    assert p.returncode == 0, err
    # the File line is missing when the interrupt lands between two instructions (known gap);
    # `KeyboardInterrupt: ` as the 1.29 binary's REPL prints it (mp_obj_exception_print)
    assert re.search(r'Traceback \(most recent call last\):\n(  File "<stdin>", line [23], '
                     r'in <module>\n)?KeyboardInterrupt: \n>>> after True\n', text), text
    assert text.endswith(">>> after True\n>>> \n")


def test_the_repl_has_run_s_heap_budget(tmp_path):
    r = jitvm(stdin="x = bytearray(4 * 10**9)\nprint('alive')\n", cwd=tmp_path)
    assert r.returncode == 0
    assert "\nMemoryError" in r.stdout and r.stdout.endswith(">>> alive\n>>> \n")

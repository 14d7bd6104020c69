"""`jitvm repl` on a terminal, typed as a user types: the texts are those of MicroPython's
REPL (checked against the MicroPython 1.29 unix binary on a pty: the same echo, prompts,
auto-indent, completion columns and tracebacks)."""

import pytest

from .helpers import close, spawn_repl, until_prompt


@pytest.fixture
def repl(tmp_path):
    child = spawn_repl(tmp_path)
    yield child
    close(child)


def test_banner_names_firmware_and_board(tmp_path):
    child = spawn_repl(tmp_path)
    try:
        banner = child.before.decode()
        assert banner.startswith("MicroPython v1.29.0 on ")
        assert "; jitvm with sim board\r\n" in banner
        assert banner.endswith('Type "help()" for more information.\r\n')
    finally:
        close(child)


def test_circuitpython_banner_with_a_layout(tmp_path):
    (tmp_path / "code.py").write_text("print('hi')\n")
    child = spawn_repl(tmp_path, "--layout", "raspberry_pi_pico")
    try:
        assert child.before.decode().strip() == (
            "Adafruit CircuitPython 10.0.3 on 2025-10-17; Raspberry Pi Pico with rp2040")
    finally:
        close(child)


def test_expression_value_is_printed_with_repr_and_kept_as_underscore(repl):
    assert until_prompt(repl, b"3+4\r") == b"3+4\r\r\n7\r\n"
    assert until_prompt(repl, b"'abc'\r") == b"'abc'\r\r\n'abc'\r\n"
    assert until_prompt(repl, b"None\r") == b"None\r\r\n"  # None is not printed
    assert until_prompt(repl, b"_ * 2\r") == b"_ * 2\r\r\n'abcabc'\r\n"


def test_compound_statement_continues_with_auto_indent(repl):
    out = until_prompt(repl, b"for i in range(2):\rprint(i)\r\r\r\r")
    # MicroPython's readline: 4 spaces after the ':', kept on the next line, dropped after
    # two blank lines; the empty line ends the statement
    assert out == (b"for i in range(2):\r\r\n...     print(i)\r\r\n...     \r\r\n"
                   b"...     \r\r\n... \r\r\n0\r\n1\r\n")


def test_open_bracket_continues(repl):
    assert until_prompt(repl, b"x = (1,\r2)\r") == b"x = (1,\r\r\n... 2)\r\r\n"
    assert until_prompt(repl, b"x\r") == b"x\r\r\n(1, 2)\r\n"


def test_backspace_takes_back_the_auto_indent(repl):
    out = until_prompt(repl, b"def f():\r\x08\x08\x08\x08    return 5\r\r\r\r")
    assert out.startswith(b"def f():\r\r\n...     \x08\x08\x08\x08\x1b[K    return 5\r\r\n")
    assert until_prompt(repl, b"f()\r") == b"f()\r\r\n5\r\n"


def test_paste_mode_runs_the_block_as_a_file(repl):
    repl.send(b"\x05")
    repl.expect(b"=== ")
    assert repl.before == b"\r\npaste mode; Ctrl-C to cancel, Ctrl-D to finish\r\n"
    out = until_prompt(repl, b"x = 5\rif x:\r    print(x)\r7\r\x04")
    # no auto-indent in paste mode; a bare expression is not printed (file input)
    assert out == b"x = 5\r\n=== if x:\r\n===     print(x)\r\n=== 7\r\n=== \r\n5\r\n"


def test_paste_mode_ctrl_c_cancels(repl):
    repl.send(b"\x05")
    repl.expect(b"=== ")
    assert until_prompt(repl, b"print('no')\r\x03") == b"print('no')\r\n=== \r\n"


def test_exception_prints_traceback_and_repl_goes_on(repl):
    out = until_prompt(repl, b"1/0\r")
    assert out == (b"1/0\r\r\nTraceback (most recent call last):\r\n"
                   b'  File "<stdin>", line 1, in <module>\r\nZeroDivisionError: divide by zero\r\n')
    out = until_prompt(repl, b"1+\r")
    assert out == (b"1+\r\r\nTraceback (most recent call last):\r\n"
                   b'  File "<stdin>", line 1\r\nSyntaxError: invalid syntax\r\n')
    assert until_prompt(repl, b"2*21\r").endswith(b"42\r\n")


def test_tab_completes_names_and_attributes(repl):
    until_prompt(repl, b"import sys\r")
    until_prompt(repl, b"value_one = 1\r")
    repl.send(b"valu\t")
    repl.expect(b"value_one")  # one match: the rest is inserted
    assert until_prompt(repl, b"\r").endswith(b"\r\n1\r\n")
    repl.send(b"sys.ver\t")  # version, version_info: their common prefix
    repl.expect(b"sys.version")
    repl.send(b"\t")  # two matches left: listed in 16-column slots, then the line again
    repl.expect(b"\r\nversion         version_info\r\n>>> sys.version")
    assert until_prompt(repl, b"_info\r").endswith(b"(3, 4, 0)\r\n")
    repl.send(b"im\t")  # no name starts so: "import " is offered, as MicroPython does
    repl.expect(b"import ")
    until_prompt(repl, b"\x03")


def test_completion_sees_only_what_the_sandbox_allows(repl):
    until_prompt(repl, b"def g(): pass\r\r")
    repl.send(b"g.__\t")
    repl.expect(b"g.__")
    out = until_prompt(repl, b"\x03")
    for hidden in (b"__code__", b"__closure__", b"__builtins__", b"__subclasses__"):
        assert hidden not in out


def test_ctrl_c_cancels_the_line_and_interrupts_a_loop(repl):
    assert until_prompt(repl, b"abc\x03") == b"abc\r\n"
    repl.send(b"while True: pass\r\r")
    repl.expect(b"\\.\\.\\. \r\r\n")
    repl.send(b"\x03")
    repl.expect(b">>> ")
    assert b"KeyboardInterrupt" in repl.before
    assert until_prompt(repl, b"1+1\r").endswith(b"2\r\n")


def test_ctrl_d_soft_reboots_with_fresh_globals(repl):
    until_prompt(repl, b"x = 1\r")
    repl.send(b"\x04")
    repl.expect(b"MPY: soft reboot\r\n")
    repl.expect(b">>> ")
    assert repl.before.startswith(b"MicroPython v1.29.0 on ")
    out = until_prompt(repl, b"x\r")
    assert out.endswith(b"NameError: name 'x' isn't defined\r\n")


def test_circuitpython_soft_reboot_runs_code_py(tmp_path):
    (tmp_path / "code.py").write_text("print('hello from code.py')\n")
    child = spawn_repl(tmp_path)
    try:
        child.send(b"\x04")
        child.expect(b"Press any key to enter the REPL. Use CTRL-D to reload.\r\n")
        # CircuitPython's main.c: run_code_py, then the status before "Press any key"
        assert child.before == (b"\r\nsoft reboot\r\ncode.py output:\r\nhello from code.py\r\n"
                                b"\r\nCode done running.\r\nAuto-reload is off.\r\n\r\n")
        child.send(b" ")
        child.expect(b">>> ")
        assert child.before.startswith(b"\r\nAdafruit CircuitPython 10.0.3 on ")
    finally:
        close(child)


def test_sys_exit_leaves_the_local_repl_with_its_status(repl):
    repl.send(b"import sys\rsys.exit(3)\r")
    repl.expect(b"sys.exit\\(3\\)")
    repl.expect(pexpect_eof())
    repl.close()
    assert repl.exitstatus == 3


def pexpect_eof():
    import pexpect

    return pexpect.EOF


def test_input_reads_a_line_from_the_terminal(repl):
    repl.send(b"name = input('name? ')\r")
    repl.expect(b"name\\? ")
    until_prompt(repl, b"bob\x08b\r")  # edited as at the prompt
    assert until_prompt(repl, b"name\r") == b"name\r\r\n'bob'\r\n"


def test_sigterm_restores_the_terminal(tmp_path):
    import signal
    import termios

    child = spawn_repl(tmp_path)
    try:
        assert not termios.tcgetattr(child.child_fd)[3] & termios.ICANON  # raw while reading
        child.kill(signal.SIGTERM)
        child.expect(pexpect_eof())
        assert termios.tcgetattr(child.child_fd)[3] & termios.ICANON  # as it was
        child.close()
        assert child.exitstatus == 0
    finally:
        close(child)

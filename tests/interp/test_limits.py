"""Recursion, heap and wall-clock limits end the guest program, not the host."""

from .helpers import jitvm_run


def test_recursion_depth_is_a_guest_runtime_error(tmp_path):
    r = jitvm_run(tmp_path, """
        def f(n):
            return f(n + 1)
        try:
            f(0)
        except RuntimeError as e:
            print('caught', e)
        f(0)
    """)
    assert r.stdout.splitlines()[0] == "caught maximum recursion depth exceeded"
    assert r.stdout.strip().endswith("RuntimeError: maximum recursion depth exceeded")
    assert r.returncode == 1 and "Traceback" not in r.stderr


def test_heap_budget_raises_memory_error(tmp_path):
    r = jitvm_run(tmp_path, """
        try:
            b = bytearray(10 ** 11)
        except MemoryError:
            print('MemoryError')
        chunks = []
        try:
            while True:
                chunks.append(bytearray(10 ** 7))
        except MemoryError:
            n = len(chunks)
            chunks = None
            print('stopped', n <= 40)
    """, "--heap", str(300 * 1024 * 1024))
    assert r.stdout.split() == ["MemoryError", "stopped", "True"], r.stdout + r.stderr
    assert r.returncode == 0


def test_timeout_ends_a_loop_the_guest_tries_to_survive(tmp_path):
    r = jitvm_run(tmp_path, """
        while True:
            try:
                while True:
                    pass
            except BaseException:
                print('swallowed')
    """, "--timeout", "1")
    assert r.returncode == 124
    assert "swallowed" not in r.stdout
    assert "timeout" in r.stderr and "Traceback" not in r.stderr


def test_sys_exit_status_and_uncaught_exception_format(tmp_path):
    r = jitvm_run(tmp_path, "import sys\nprint('a')\nsys.exit(3)\n")
    assert (r.returncode, r.stdout) == (3, "a\n")
    r = jitvm_run(tmp_path, "def f():\n    raise ValueError('bad')\n\nf()\n")
    assert r.returncode == 1
    assert r.stdout == ('Traceback (most recent call last):\n  File "main.py", line 4, in <module>\n'
                        '  File "main.py", line 2, in f\nValueError: bad\n')

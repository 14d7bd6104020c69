"""Guest code cannot reach host objects, host modules or files outside the VM root."""

import pytest

from .helpers import jitvm_run

ESCAPES = {
    "subclasses_walk": "print(().__class__.__base__.__subclasses__())",
    "type_subclasses": "print(type.__subclasses__(object))",
    "mro_walk": "print(int.__mro__)",
    "host_function_globals": "import json\nprint(json.dumps.__globals__)",
    "host_builtin_self": "print(print.__self__)",
    "format_attribute_walk": "print('{0.__class__.__init__.__globals__}'.format(1))",
    "unbound_str_format_walk": "print(str.format('{0.__class__.__base__.__subclasses__}', 1))",
    "format_map_walk": "print('{x.__class__}'.format_map({'x': 1}))",
    "getattr_dunder": "print(getattr(1, '__class__').__subclasses__())",
    "generator_frame": "g = (i for i in range(3))\nprint(g.gi_frame.f_globals)",
    "exception_traceback_frame": "try:\n    1/0\nexcept Exception as e:\n    print(e.__traceback__.tb_frame)",
    "host_import_os_system": "__import__('os').system('echo pwned')",
    "import_subprocess": "import subprocess\nsubprocess.run(['echo', 'pwned'])",
    "open_etc_passwd": "print(open('/etc/passwd').read())",
    "open_parent_escape": "print(open('../../../../../../etc/passwd').read())",
    "os_listdir_escape": "import os\nprint(os.listdir('/../../..'))",
    "builtins_module_import": "import builtins\nprint(builtins.__import__('sys').modules['os'])",
}


@pytest.mark.parametrize("name", sorted(ESCAPES))
def test_escape_is_refused(tmp_path, name):
    r = jitvm_run(tmp_path, ESCAPES[name])
    assert "pwned" not in r.stdout and "root:" not in r.stdout
    assert "<module 'posix'" not in r.stdout and "'__builtins__'" not in r.stdout
    if name == "os_listdir_escape":
        # the guest's "/" is the VM root: climbing above it stays there
        assert r.returncode == 0 and "main.py" in r.stdout
        return
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback (most recent call last):" in r.stdout
    last = r.stdout.strip().splitlines()[-1]
    # str.format refuses attribute fields as MicroPython does (NotImplementedError)
    assert last.split(":")[0] in ("AttributeError", "ImportError", "OSError", "KeyError",
                                  "NotImplementedError")
    assert "Traceback" not in r.stderr  # never a host traceback


def test_guest_functions_expose_only_their_own_globals(tmp_path):
    r = jitvm_run(tmp_path, "x = 1\ndef f():\n    pass\nprint(f.__globals__ is globals(), sorted(f.__globals__))\n")
    assert r.returncode == 0, r.stdout
    assert r.stdout == "True ['__file__', '__name__', 'f', 'x']\n"


def test_files_inside_the_root_are_readable_and_writable(tmp_path):
    (tmp_path / "data.txt").write_text("hello")
    r = jitvm_run(tmp_path, """
        with open('data.txt') as f:
            print(f.read())
        with open('/out.txt', 'w') as f:
            f.write('x')
        import os
        print(sorted(os.listdir('/')))
    """)
    assert r.returncode == 0, r.stdout
    assert r.stdout.splitlines()[0] == "hello"
    assert (tmp_path / "out.txt").read_text() == "x"

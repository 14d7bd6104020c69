"""A guest's files are never imported as host code: `python -m jitvm` (which puts the working
directory first on the host's import path) run in a folder whose files shadow standard
modules that jitvm imports lazily must not execute them. (`types` and the other modules
`python -m` itself imports before jitvm runs cannot be protected from inside: the harnesses
start jitvm with `python -P -m jitvm`, and the `jitvm` command has no such entry.)"""

from __future__ import annotations

import pytest

import subprocess
import sys

from .helpers import guest_env, jitvm_cmd, run_cmd

# standard modules jitvm (or what it imports) loads only when a guest first needs them
SHADOWED = ("random", "heapq", "hashlib", "struct", "cmath", "binascii", "select", "zlib",
            "textwrap", "string", "decimal", "fractions", "json", "re", "socket")


@pytest.mark.parametrize("mode", ["default", "notranslate"])
def test_guest_files_shadowing_host_modules_never_run_as_host_code(tmp_path, mode):
    marker = tmp_path / "HOST_CODE_RAN"
    startup = set(subprocess.run([sys.executable, "-c", "import sys; print(*sys.modules)"],
                                 capture_output=True, text=True, env=guest_env(mode),
                                 check=True).stdout.split())
    shadowed = [m for m in SHADOWED if m not in startup]  # Python's own start-up takes those
    assert len(shadowed) >= 8
    for name in shadowed:
        (tmp_path / f"{name}.py").write_text(
            f"open({str(marker)!r}, 'a').write({name!r} + '\\n')\nraise SystemExit(99)\n")
    # the u-names reach the built-ins whatever files extend them
    main = tmp_path / "main.py"
    main.write_text("import urandom, uheapq, uhashlib, ustruct, cmath, ubinascii, ujson, ure\n"
                    "print(urandom.getrandbits(1) in (0, 1), ujson.dumps([1]), cmath.sqrt(4))\n")
    cmd = [c for c in jitvm_cmd(main) if c != "-P"]  # as a user would type it
    run = run_cmd(cmd, env=guest_env(mode), cwd=tmp_path)
    assert not marker.exists(), f"host imported guest files: {marker.read_text()!r}"
    assert run.returncode == 0, run.text()
    # the plain names of MicroPython's extensible built-ins find the drive's files first, as
    # on the board: they run as guest code, whose open() of a host path finds nothing
    main.write_text("import random\n")
    run = run_cmd(cmd, env=guest_env(mode), cwd=tmp_path)
    assert not marker.exists(), f"host imported guest files: {marker.read_text()!r}"
    assert run.returncode == 1 and 'File "random.py", line 1' in run.stdout, run.text()
    assert "OSError" in run.stdout

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
    main = tmp_path / "main.py"
    main.write_text("import random, heapq, hashlib, struct, cmath, binascii, json, re\n"
                    "print(random.getrandbits(1) in (0, 1), json.dumps([1]), cmath.sqrt(4))\n")
    cmd = [c for c in jitvm_cmd(main) if c != "-P"]  # as a user would type it
    run = run_cmd(cmd, env=guest_env(mode), cwd=tmp_path)
    assert not marker.exists(), f"host imported guest files: {marker.read_text()!r}"
    assert run.returncode == 0, run.text()

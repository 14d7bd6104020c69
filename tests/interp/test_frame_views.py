"""What a guest function sees of its own frame does not depend on the tier running it:
globals() across modules, dir(), eval's default globals, exec and sys.exc_info(), on the
first call (frame interpreter) and hot (translation, on-stack replacement), compared with
the real MicroPython."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from jitvm.api import run_source

MICROPYTHON = Path(sys.executable).parent / "micropython"

MODULE = textwrap.dedent("""\
    X = 'mod'
    import sys
    def getg():
        return globals()['X']
    def loop():
        t = 0
        for i in range(100):
            t += 1
        return globals()['X'], locals()['X'], 'loop' in dir(), eval('X')
    def exc():
        try:
            raise ValueError('v')
        except ValueError:
            t, v, _ = sys.exc_info()
            return t.__name__, str(v)
    def no_exc():
        return sys.exc_info()[0]
    def run_exec():
        exec('Y = X + "!"', globals())
        return globals()['Y']
    """)

MAIN = textwrap.dedent("""\
    import mod
    X = 'main'
    for i in range(6):
        print(i, mod.getg(), mod.loop(), mod.exc(), mod.no_exc(), mod.run_exec())
    def hot_module_loop():
        n = 0
        while n < 300:
            n += 1
        return globals()['X']
    print(hot_module_loop())
    """)


@pytest.mark.parametrize("translate", [True, False])
def test_frame_introspection_is_tier_independent(tmp_path, monkeypatch, translate):
    (tmp_path / "mod.py").write_text(MODULE)
    if translate:
        monkeypatch.delenv("JITVM_NO_TRANSLATE", raising=False)
    else:
        monkeypatch.setenv("JITVM_NO_TRANSLATE", "1")
    out, status = run_source(MAIN, root=str(tmp_path))
    assert status == 0, out
    rows = [ln.split(" ", 1)[1] for ln in out.splitlines()[:6]]
    assert len(set(rows)) == 1, out
    if MICROPYTHON.exists():
        (tmp_path / "main.py").write_text(MAIN)
        mp = subprocess.run([str(MICROPYTHON), "main.py"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60).stdout
        assert out == mp

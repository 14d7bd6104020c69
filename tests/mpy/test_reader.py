"""The reader against real mpy-cross output: round trip, headers, tables, prelude, lines."""

import subprocess
import sys
from collections import Counter

from mpy import CodeKind, read_mpy, write_mpy
from mpy.dis import disassemble, info
from mpy.opcodes import BY_BYTE, OPCODES
from mpy.qstrs import STATIC_QSTRS


def test_every_fixture_round_trips_byte_for_byte(fixtures):
    for f in fixtures:
        data = f.path.read_bytes()
        assert write_mpy(read_mpy(data, str(f.path))) == data, f.id


def test_fixtures_cover_every_sub_version_and_several_arches(fixtures):
    subs, arches = Counter(), Counter()
    for f in fixtures:
        m = read_mpy(f.path.read_bytes())
        arches[m.header.arch_name] += 1
        if m.header.arch_name != "none":
            subs[m.header.sub_version] += 1
    assert set(subs) == {0, 1, 2, 3}
    assert {"none", "x64", "armv7m", "xtensawin"} <= set(arches)


def test_bytecode_only_files_start_with_the_plain_header(fixtures):
    for f in fixtures:
        data = f.path.read_bytes()
        if read_mpy(data).header.arch == 0 and not any("small-int" in o for o in f.options):
            assert data[:4] == b"M\x06\x00\x1f", f.id


def test_rv32_arch_flags_are_read(fixtures):
    flagged = [read_mpy(f.path.read_bytes()) for f in fixtures if "-march-flags=zba" in f.options]
    assert flagged and all(m.header.arch_flags == 1 for m in flagged)


def _compile_src(tmp_path, src, *opts):
    p = tmp_path / "m.py"
    p.write_text(src)
    from jitvm.compiler import compile_file

    return read_mpy(open(compile_file(str(p), str(tmp_path / "m.mpy"), extra=list(opts)), "rb").read())


def test_constants_are_decoded_exactly(tmp_path):
    m = _compile_src(tmp_path, "x = (2**100, -7**40, 1.5e-7, 3j, b'\\x00a', 'ü', ..., (1, None))\n"
                               "y = 123456789012345678901234567890\nz = 'a' * 40\n")
    values = [c.value for c in m.objs]
    assert 123456789012345678901234567890 in values
    assert any(isinstance(v, tuple) and 2 ** 100 in v and -7 ** 40 in v and 1.5e-7 in v for v in values)


def test_static_qstrs_resolve_to_their_names(tmp_path):
    m = _compile_src(tmp_path, "print(len(zip([], [])))\n")
    static = {q.text for q in m.qstrs if q.static is not None}
    assert {"print", "len", "zip"} <= static
    assert len(STATIC_QSTRS) == 165


def test_prelude_names_arguments_and_line_numbers(tmp_path):
    src = "def f(a, b=2, *args, c, d=4, **kw):\n    x = a\n\n    return x\n"
    m = _compile_src(tmp_path, src)
    f = m.root.children[0]
    p = f.prelude
    assert f.name == "f"
    names = [m.qstrs[i].text for i in p.arg_indices]
    assert names[:2] == ["a", "b"] and sorted(names[2:]) == ["c", "d"]  # *args/**kw are not named
    assert (p.n_pos_args, p.n_kwonly_args, p.n_def_pos_args) == (2, 2, 1)
    assert p.scope_flags & 0x04 and p.scope_flags & 0x02  # varargs, varkeywords
    lines = {p.line_at(i.offset) for i in f.instructions}
    assert lines == {2, 4}


def test_generator_and_closure_flags(tmp_path):
    m = _compile_src(tmp_path, "def g():\n    v = 1\n    def h():\n        return v\n    yield h\n")
    g = m.root.children[0]
    assert g.prelude.scope_flags & 0x01
    assert len(g.prelude.cells) == 1
    assert any(i.name == "MAKE_CLOSURE" and i.extra == 1 for i in g.instructions)


def test_native_and_viper_code_is_kept_not_executed(fixtures):
    kinds = Counter()
    for f in fixtures:
        for rc in read_mpy(f.path.read_bytes()).root.walk():
            kinds[rc.kind] += 1
            if rc.kind is not CodeKind.BYTECODE:
                assert rc.fun_data
    assert kinds[CodeKind.NATIVE] and kinds[CodeKind.VIPER]


def test_opcode_table_covers_all_real_opcodes(fixtures):
    seen = set()
    for f in fixtures:
        for rc in read_mpy(f.path.read_bytes()).root.walk():
            seen.update(i.info.name for i in rc.instructions)
    assert len(OPCODES) == 77 and sum(o is not None for o in BY_BYTE) == 207
    assert {"LOAD_FAST_MULTI", "SETUP_EXCEPT", "FOR_ITER", "YIELD_FROM", "MAKE_CLOSURE"} <= seen


def test_long_functions_use_two_byte_jumps(fixtures):
    two_byte = 0
    for f in fixtures:
        if f.sample != "control.py":
            continue
        for rc in read_mpy(f.path.read_bytes()).root.walk():
            two_byte += sum(1 for i in rc.instructions if i.target is not None and i.size - (i.extra is not None) == 3)
    assert two_byte > 0


def test_cli_info_and_dis_read_every_fixture(fixtures):
    for f in fixtures[:: max(1, len(fixtures) // 12)]:
        out = subprocess.run([sys.executable, "-m", "jitvm", "dis", str(f.path)],
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        assert "function <module>" in out.stdout
        out = subprocess.run([sys.executable, "-m", "jitvm", "info", str(f.path)],
                             capture_output=True, text=True)
        assert out.returncode == 0 and "flavour:         micropython" in out.stdout


def test_disassembly_resolves_names_constants_jumps_and_lines(tmp_path):
    m = _compile_src(tmp_path, "import sys\nfor i in range(3):\n    print(i, 1.25)\n")
    text = disassemble(m)
    assert "IMPORT_NAME              'sys'" in text
    assert "1.25 (float)" in text
    assert "POP_JUMP_IF_TRUE         -> " in text
    assert "\n    3 " in text  # a line-number column entry for line 3
    assert "bytecode:" in info(m, 0)


def test_compile_command_writes_an_mpy(tmp_path):
    src = tmp_path / "p.py"
    src.write_text("print(1)\n")
    out = tmp_path / "o.mpy"
    r = subprocess.run([sys.executable, "-m", "jitvm", "compile", str(src), "-o", str(out), "-O", "2"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:2] == b"M\x06"

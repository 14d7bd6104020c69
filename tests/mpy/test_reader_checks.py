"""What the reader refuses (and still accepts): names, operands, state sizes, jumps, stack,
numbers in any size, and memory in proportion to the file."""

from __future__ import annotations

import subprocess
import sys
import tracemalloc

import pytest

from mpy import CodeKind, Constant, MpyFormatError, read_mpy, write_mpy
from mpy.numtext import int_to_text, parse_int_text
from mpy.opcodes import BY_NAME
from mpy.writer import encode_vuint, replace_prelude_sig

OP = {name: info.byte for name, info in BY_NAME.items()}


def _compile(tmp_path, src: str) -> bytes:
    from jitvm.compiler import compile_file

    p = tmp_path / "m.py"
    p.write_text(src)
    return open(compile_file(str(p), str(tmp_path / "m.mpy")), "rb").read()


def _func(module, name):
    return next(rc for rc in module.root.walk() if rc.name == name)


def _with_code(data: bytes, name: str, code: bytes) -> bytes:
    """``data`` with the opcodes of function ``name`` replaced by ``code``."""
    m = read_mpy(data)
    rc = _func(m, name)
    rc.fun_data = rc.fun_data[:rc.prelude.code_start] + code
    return write_mpy(m)


def _refused(data: bytes, needle: str) -> MpyFormatError:
    with pytest.raises(MpyFormatError) as e:
        read_mpy(data, "bad.mpy")
    assert needle in e.value.reason and e.value.offset is not None, e.value
    assert str(e.value).startswith("bad.mpy at byte ")
    return e.value


SRC = "def f(a):\n    return a\nx = 'a\\x00b'\nprint(f(x))\n"


# ---- names --------------------------------------------------------------------------------
def test_qstr_with_nul_is_a_string_but_never_a_name(tmp_path):
    data = _compile(tmp_path, SRC)
    m = read_mpy(data)
    nul = next(i for i, t in enumerate(m.qstrs.texts) if t == "a\0b")  # LOAD_CONST_STRING: fine
    assert not m.qstrs.is_name(nul)
    code = bytes([OP["LOAD_NAME"]]) + encode_vuint(nul) + bytes([OP["RETURN_VALUE"]])
    _refused(_with_code(data, "<module>", code), "is not a name")


def test_function_name_must_be_utf8_without_nul(tmp_path):
    data = _compile(tmp_path, "def ab():\n    pass\n")
    bad = data.replace(b"\x04ab\x00", b"\x04a\xff\x00")  # the dynamic qstr 'ab'
    assert bad != data
    _refused(bad, "is not a name")


def test_string_constants_keep_nul_and_surrogates(tmp_path):
    data = _compile(tmp_path, "x = 'a\\x00b'\ny = '\\ud800' + 'long enough to be an object!!'\n")
    m = read_mpy(data)
    assert "a\0b" in m.qstrs.texts
    assert write_mpy(m) == data


# ---- prelude ------------------------------------------------------------------------------
def test_absurd_state_sizes_are_refused(tmp_path):
    data = _compile(tmp_path, SRC)
    m = read_mpy(data)
    replace_prelude_sig(_func(m, "f"), n_state=2 ** 30)
    _refused(write_mpy(m), "n_state 1073741824 is more than")
    m = read_mpy(data)
    replace_prelude_sig(_func(m, "f"), n_exc_stack=5000)
    _refused(write_mpy(m), "n_exc_stack")


def test_arguments_must_fit_the_state(tmp_path):
    m = read_mpy(_compile(tmp_path, "def f(a, b, *c, **d):\n    return a\n"))
    replace_prelude_sig(_func(m, "f"), n_state=3)
    _refused(write_mpy(m), "argument slots do not fit")


def test_module_code_must_be_bytecode_or_native(tmp_path):
    data = bytearray(_compile(tmp_path, "x = 1\n"))
    m = read_mpy(bytes(data))
    kind_at = m.root.file_offset - len(encode_vuint(len(m.root.fun_data) << 3))
    data[kind_at + len(encode_vuint(len(m.root.fun_data) << 3)) - 1] |= 2  # kind viper
    data[2] = 2 << 2  # an x64 file, so machine code is allowed at all
    _refused(bytes(data), "the module's code is viper code")


# ---- operands, jumps, end of code ---------------------------------------------------------
@pytest.mark.parametrize("code,needle", [
    (bytes([OP["BUILD_LIST"], 0, OP["STORE_COMP"], 3 << 2 | 3, OP["RETURN_VALUE"]]), "collection kind 3"),
    (bytes([OP["BUILD_LIST"], 0, OP["STORE_COMP"], 0, OP["RETURN_VALUE"]]), "stack depth 0"),
    (bytes([OP["LOAD_NULL"], OP["BUILD_SLICE"], 1, OP["RETURN_VALUE"]]), "slice takes 2 or 3"),
    (bytes([OP["CALL_FUNCTION"], 0x7F, OP["RETURN_VALUE"]]), "exceed the"),
    (bytes([OP["MAKE_FUNCTION"], 5, OP["RETURN_VALUE"]]), "child index 5 out of range"),
    (bytes([OP["LOAD_CONST_OBJ"], 90, OP["RETURN_VALUE"]]), "constant index 90 out of range"),
    (bytes([OP["LOAD_FAST_N"], 0x81, 0x48, OP["RETURN_VALUE"]]), "local 200 outside"),
    (bytes([OP["JUMP"], 0x40 + 1, OP["LOAD_CONST_SMALL_INT"], 5, OP["RETURN_VALUE"]]), "not on an instruction"),
    (bytes([OP["JUMP"], 0x40 + 50, OP["RETURN_VALUE"]]), "outside the code"),
    (bytes([OP["JUMP"], 0x40 - 10, OP["RETURN_VALUE"]]), "outside the code"),
    (bytes([OP["LOAD_CONST_NONE"]]), "runs off its end"),
    (bytes([OP["POP_TOP"], OP["LOAD_CONST_NONE"], OP["RETURN_VALUE"]]), "POP_TOP needs 1 stack items, 0"),
    (bytes([OP["LOAD_CONST_NONE"], OP["POP_JUMP_IF_TRUE"], 0x40 + 1, OP["LOAD_CONST_SMALL_INT"], 5,
            OP["RETURN_VALUE"]]), "not on an instruction"),
    (bytes([OP["LOAD_CONST_NONE"], OP["END_FINALLY"], OP["LOAD_CONST_NONE"], OP["RETURN_VALUE"]]),
     "END_FINALLY with no open block"),
    (bytes([OP["SETUP_EXCEPT"], 2, OP["SETUP_EXCEPT"], 0, OP["LOAD_CONST_NONE"], OP["RETURN_VALUE"]]),
     "nested blocks exceed n_exc_stack"),
])
def test_corrupt_operands_are_refused(tmp_path, code, needle):
    data = _compile(tmp_path, "def f(a):\n    try:\n        return a\n    except:\n        pass\n")
    _refused(_with_code(data, "f", code), needle)


def test_only_generators_yield(tmp_path):
    data = _compile(tmp_path, "def f(a):\n    return a\n")
    code = bytes([OP["LOAD_FAST_MULTI"], OP["LOAD_CONST_NONE"], OP["YIELD_FROM"], OP["RETURN_VALUE"]])
    _refused(_with_code(data, "f", code), "YIELD_FROM in a function that is not a generator")


def test_a_finally_handler_is_no_place_to_underflow_on_the_normal_path(tmp_path):
    # `with`: STORE_NAME made STORE_ATTR pops the with-block's own items, so the normal
    # path reaches WITH_CLEANUP one item short (only an unwind may arrive that way)
    data = _compile(tmp_path, "with open('f') as g:\n    x = g\n")
    m = read_mpy(data)
    code = bytearray(m.root.bytecode)
    ins = next(i for i in m.root.instructions if i.name == "STORE_NAME" and i.offset > 4)
    code[ins.offset] = OP["STORE_ATTR"]
    _refused(_with_code(data, "<module>", bytes(code)), "WITH_CLEANUP needs 3 stack items, 2 there")


def test_stack_depth_must_agree_where_paths_meet(tmp_path):
    data = _compile(tmp_path, "def f(a):\n    return a\n")
    # if a: push one value; both paths meet at RETURN_VALUE, which pops what one path lacks
    code = bytes([OP["LOAD_FAST_MULTI"], OP["POP_JUMP_IF_FALSE"], 0x40 + 1, OP["LOAD_CONST_NONE"],
                  OP["RETURN_VALUE"]])
    _refused(_with_code(data, "f", code), "RETURN_VALUE needs 1 stack items, 0 there")


@pytest.mark.parametrize("depth", [1, 2, 3, 4, 6])
def test_store_comp_must_add_to_the_comprehensions_own_collection(tmp_path, depth):
    # the set sits 5 slots below the item (4 for the iterator); any other slot holds the
    # iterator, its marker or nothing, whose add() the VM must never be asked to call
    data = _compile(tmp_path, "s = {x for x in range(3)}\n")
    m = read_mpy(data)
    rc = _func(m, "<setcomp>")
    ins = next(i for i in rc.instructions if i.name == "STORE_COMP")
    assert ins.arg == 5 << 2 | 2
    code = bytearray(rc.bytecode)
    code[ins.offset + 1] = depth << 2 | 2
    _refused(_with_code(data, "<setcomp>", bytes(code)), "STORE_COMP adds to stack slot")
    code[ins.offset + 1] = 5 << 2 | 0  # the right slot, but a list append to a set
    _refused(_with_code(data, "<setcomp>", bytes(code)), "holds no list built here")


def test_everything_mpy_cross_writes_for_tricky_flow_is_accepted(tmp_path):
    src = """
async def g(m, it):
    while True:
        async with m as x:
            break
    async for a in it:
        async for b in it:
            pass
        else:
            continue
    try:
        async for a in it:
            async for b in it:
                pass
            else:
                break
    finally:
        pass
def h(xs):
    for x in xs:
        try:
            try:
                break
            finally:
                continue
        finally:
            return [y for y in xs if y], {k: v for k, v in xs}, {z for z in xs}
    with open(xs) as f, open(xs) as g:
        return f
"""
    data = _compile(tmp_path, src)
    assert write_mpy(read_mpy(data)) == data


# ---- numbers of any size ------------------------------------------------------------------
def test_int_constants_of_any_size_are_exact_and_listed(tmp_path):
    data = _compile(tmp_path, "x = 123456789012345678901234567890\n")
    m = read_mpy(data)
    digits = "98765432101234567890" * 300 + "7"  # 6001 digits: past CPython's 4300 limit
    m.objs[0] = Constant(7, None, ("-" + digits).encode())
    big = write_mpy(m)
    m2 = read_mpy(big)
    assert m2.objs.values[0] == -sum(int(d) * 10 ** i for i, d in enumerate(reversed(digits)))
    assert write_mpy(m2) == big
    p = tmp_path / "big.mpy"
    p.write_bytes(big)
    r = subprocess.run([sys.executable, "-m", "jitvm", "dis", str(p)], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "0 = -98765432101234567890987654321012345678909876543210123456... (int)" in r.stdout


@pytest.mark.parametrize("text", [b"", b"-", b"+", b"1_0", b" 1", b"1 ", b"0x10", b"1.0", b"\xd9\xa1",
                                  b"9" * 5000 + b"a"])
def test_int_text_is_validated_strictly(text):
    with pytest.raises(ValueError):
        parse_int_text(text)


def test_int_text_round_trips_at_every_size():
    for n in (1, 18, 19, 2000, 2001, 4301, 20000, 100001):
        digits = ("7" + "0123456789" * (n // 10 + 1))[:n]
        v = parse_int_text(digits.encode())
        assert int_to_text(v) == digits and int_to_text(-v) == "-" + digits
        assert parse_int_text(b"-" + digits.encode()) == -v
    assert parse_int_text(b"+007") == 7 and parse_int_text(b"-0") == 0


def test_bad_numbers_in_the_file_are_refused(tmp_path):
    data = _compile(tmp_path, "x = 123456789012345678901234567890\ny = 1.5\n")
    bad = data.replace(b"123456789012345678901234567890", b"1234567890123456789012345678_0")
    _refused(bad, "bad int constant")
    bad = data.replace(b"\x031.5", b"\x031_5")
    _refused(bad, "bad float constant")


# ---- memory -------------------------------------------------------------------------------
def _many_constants(n: int) -> bytes:
    """A module with ``n`` constants in its object table (None, then small ints)."""
    objs = [b"\x01" if i % 2 else b"\x07\x01" + bytes([48 + i % 10]) for i in range(n)]
    code = bytes([OP["LOAD_CONST_NONE"], OP["RETURN_VALUE"]])
    fun = bytes([0x00, 0x02, 0x01]) + code  # prelude: n_state 1; size: 1 byte of info; name
    return b"".join([b"M\x06\x00\x1f", encode_vuint(2), encode_vuint(n), b"\x08m.py\x00",
                     encode_vuint(7 << 1 | 1), *objs, encode_vuint(len(fun) << 3), fun])


def test_memory_stays_in_proportion_to_the_file():
    data = _many_constants(300_000)
    tracemalloc.start()
    try:
        m = read_mpy(data)
        used, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(m.objs) == 300_000 and m.objs[1].value is None and m.objs[2].text == b"2"
    assert used < 12 * len(data), used / len(data)  # was ~110x: an object per constant
    assert write_mpy(m) == data


def test_reading_decodes_no_instructions(tmp_path):
    data = _compile(tmp_path, SRC)
    m = read_mpy(data)
    assert all(rc._decoded is None for rc in m.root.walk() if rc.kind is CodeKind.BYTECODE)
    assert m.root.instructions and m.root._decoded is not None

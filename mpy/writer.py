"""Serialises an MpyModule back to .mpy bytes; for a file mpy-cross made, write(read(b)) == b."""

from __future__ import annotations

from .model import (OBJ_BYTES, OBJ_COMPLEX, OBJ_FLOAT, OBJ_INT, OBJ_STR, OBJ_TUPLE, CodeKind,
                    Constant, ConstTable, MpyModule, Qstr, RawCode)
from .numtext import int_to_text


def encode_vuint(n: int) -> bytes:
    """Most-significant 7-bit group first, continuation bit on all but the last."""
    out = [n & 0x7F]
    n >>= 7
    while n:
        out.append(0x80 | (n & 0x7F))
        n >>= 7
    return bytes(reversed(out))


def _qstr(q: Qstr) -> bytes:
    if q.static is not None:
        return encode_vuint(q.static << 1 | 1)
    return encode_vuint(len(q.data) << 1) + q.data + b"\0"


def _obj(c: Constant) -> bytes:
    tag = bytes((c.tag,))
    if c.tag == OBJ_TUPLE:
        return tag + encode_vuint(len(c.items)) + b"".join(_obj(i) for i in c.items)
    if c.tag in (OBJ_STR, OBJ_BYTES):
        data = c.value.encode("utf-8", "surrogateescape") if c.tag == OBJ_STR else c.value
        return tag + encode_vuint(len(data)) + data + b"\0"
    text = c.text
    if text is None and c.tag in (OBJ_INT, OBJ_FLOAT, OBJ_COMPLEX):  # a constant made in code
        text = (int_to_text(c.value) if c.tag == OBJ_INT else repr(c.value)).encode("ascii")
    if text is not None:
        return tag + encode_vuint(len(text)) + text
    return tag


def _objs(objs) -> bytes:
    raw = objs.raw_entries() if isinstance(objs, ConstTable) else None
    if raw is not None:  # unchanged since reading: the bytes as they were
        return raw
    return b"".join(_obj(c) for c in objs)


def _raw_code(rc: RawCode, flags) -> bytes:
    out = [encode_vuint(len(rc.fun_data) << 3 | bool(rc.children) << 2 | int(rc.kind)), rc.fun_data]
    if rc.kind is CodeKind.NATIVE:
        out.append(encode_vuint(rc.prelude_offset))
    elif rc.kind in (CodeKind.VIPER, CodeKind.ASM):
        out.append(encode_vuint(rc.scope_flags))
        if rc.kind is CodeKind.VIPER:
            if rc.rodata_size is not None:
                out.append(encode_vuint(rc.rodata_size))
            if rc.bss_size is not None:
                out.append(encode_vuint(rc.bss_size))
            out.append(rc.rodata)
            if rc.relocations is not None:
                out.append(rc.relocations)
        else:
            out.append(encode_vuint(rc.n_pos_args))
            out.append(encode_vuint(rc.type_sig))
    if rc.children:
        out.append(encode_vuint(len(rc.children)))
        out.extend(_raw_code(c, flags) for c in rc.children)
    return b"".join(out)


def write_mpy(module: MpyModule, version: int | None = None) -> bytes:
    """The module as .mpy bytes: in the version it was read from (an older file comes back in
    its own format, see mpy.older.OldLayout), or as version 6 with ``version=6``."""
    layout = getattr(module, "old_layout", None)
    if layout is not None and version in (None, layout.version):
        return layout.write()
    if version not in (None, 6):
        raise ValueError(f"can write version 6, or an older file's own version; not {version}")
    h = module.header
    parts = [h.to_bytes()]
    if h.arch_flags is not None:
        parts.append(encode_vuint(h.arch_flags))
    parts.append(encode_vuint(len(module.qstrs)))
    parts.append(encode_vuint(len(module.objs)))
    parts.extend(_qstr(q) for q in module.qstrs)
    parts.append(_objs(module.objs))
    parts.append(_raw_code(module.root, h.scope_flags))
    parts.append(module.trailing)
    return b"".join(parts)


def encode_prelude_sig(n_state: int, n_exc_stack: int, scope_flags: int, n_pos_args: int,
                       n_kwonly_args: int, n_def_pos_args: int) -> bytes:
    """MP_BC_PRELUDE_SIG_ENCODE (py/bc.h): the bit-interleaved prelude signature."""
    S, E, F, A, K, D = n_state - 1, n_exc_stack, scope_flags, n_pos_args, n_kwonly_args, n_def_pos_args
    out = []
    z = (S & 0xF) << 3 | (E & 1) << 2 | (A & 3)
    S >>= 4
    E >>= 1
    A >>= 2
    while S | E | F | A | K | D:
        out.append(0x80 | z)
        z = (F & 1) << 6 | (S & 3) << 4 | (K & 1) << 3 | (A & 1) << 2 | (E & 1) << 1 | (D & 1)
        S >>= 2
        E >>= 1
        F >>= 1
        A >>= 1
        K >>= 1
        D >>= 1
    out.append(z)
    return bytes(out)


def replace_prelude_sig(rc, **changes) -> None:
    """Rewrite a bytecode raw code's prelude signature in place (fun_data and prelude)."""
    p = rc.prelude
    fields = dict(n_state=p.n_state, n_exc_stack=p.n_exc_stack, scope_flags=p.scope_flags,
                  n_pos_args=p.n_pos_args, n_kwonly_args=p.n_kwonly_args,
                  n_def_pos_args=p.n_def_pos_args)
    fields.update(changes)
    old_len = 1
    while rc.fun_data[old_len - 1] & 0x80:
        old_len += 1
    sig = encode_prelude_sig(**fields)
    rc.fun_data = sig + rc.fun_data[old_len:]
    for name, value in fields.items():
        setattr(p, name, value)
    p.code_start += len(sig) - old_len
    rc.forget_instructions()

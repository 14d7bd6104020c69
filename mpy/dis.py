"""Human-readable listings of a .mpy module: `jitvm info` and `jitvm dis`."""

from __future__ import annotations

from collections.abc import Iterator

from .bytecode import iter_decode_raw_code
from .verify import instruction_count
from .model import (OBJ_BYTES, OBJ_INT, OBJ_STR, OBJ_TAG_NAMES, OBJ_TUPLE, CodeKind, Constant,
                    MpyModule, RawCode)
from .numtext import const_text
from .opcodes import Arg, BINARY_OP_SYMBOLS, BINARY_OPS, UNARY_OPS

CONST_WIDTH = 60  # a constant's text in a listing is cut to this many characters


def info(module: MpyModule, size: int) -> str:
    h = module.header
    codes = list(module.root.walk())
    kinds = {k: sum(1 for c in codes if c.kind is k) for k in CodeKind}
    n_ins = sum(instruction_count(c.bytecode) for c in codes if c.kind is CodeKind.BYTECODE)
    n_bc = sum(len(c.bytecode) for c in codes if c.kind is CodeKind.BYTECODE)
    lines = [
        f"file:            {module.filename} ({size} bytes)",
        f"header:          {h.to_bytes().hex(' ')}",
        f"flavour:         {h.flavour} (magic {h.magic!r})",
        f"version:         {h.version}.{h.sub_version}" + _upgraded(module),
        f"arch:            {h.arch_name}" + (f" (flags 0x{h.arch_flags:x})" if h.arch_flags is not None else ""),
        f"small-int bits:  {h.small_int_bits}",
        f"source file:     {module.source_file}",
        f"qstrs:           {len(module.qstrs)} ({_n_static(module)} static)",
        f"objects:         {len(module.objs)}",
        "raw codes:       " + ", ".join(f"{kinds[k]} {k.name.lower()}" for k in CodeKind),
        f"bytecode:        {n_bc} bytes, {n_ins} instructions",
    ]
    if module.trailing:
        lines.append(f"trailing bytes:  {len(module.trailing)} (ignored)")
    return "\n".join(lines)


def _upgraded(module: MpyModule) -> str:
    """Where a file of an older version says so: it is shown as the version-6 code it reads as."""
    v = getattr(module, "upgraded_from", None)
    return f" (read from a version-{v} file)" if v else ""


def _n_static(module: MpyModule) -> int:
    qstrs = module.qstrs
    return sum(q.static is not None for q in qstrs) if isinstance(qstrs, list) else qstrs.n_static()


def _const_text(c: Constant, limit: int) -> str:
    """The constant as source text, cut after about ``limit`` characters.

    Ints are shown as their stored text (one may have millions of digits: repr() would be
    quadratic and CPython refuses more than 4300 digits); very long strings are cut before
    repr() so a listing costs no more than its width.
    """
    if c.text is not None and c.tag == OBJ_INT:
        return c.text[:limit + 1].decode("ascii", "replace")
    if c.tag == OBJ_TUPLE:
        parts, size = [], 0
        for item in c.items:
            if size > limit:
                break
            parts.append(_const_text(item, max(limit - size, 0)))
            size += len(parts[-1]) + 2
        inner = ", ".join(parts)
        return f"({inner},)" if len(c.items) == 1 else f"({inner})"
    if c.tag in (OBJ_STR, OBJ_BYTES) and len(c.value) > 64 * limit:
        return repr(c.value[:limit + 1])  # (repr may then pick other quotes: no matter)
    return const_text(c.value)[:limit + 1]


def _const_repr(module: MpyModule, index: int) -> str:
    return _const_entry(module.objs[index])


def _const_entry(c: Constant) -> str:
    r = _const_text(c, CONST_WIDTH)
    if len(r) > CONST_WIDTH:
        r = r[:CONST_WIDTH - 3] + "..."
    return f"{r} ({OBJ_TAG_NAMES[c.tag]})"


def _arg_text(module: MpyModule, rc: RawCode, ins) -> str:
    kind = ins.info.arg
    name = ins.info.name
    if name == "UNARY_OP_MULTI":
        return f"{ins.arg} {UNARY_OPS[ins.arg].lower()}"
    if name == "BINARY_OP_MULTI":
        return f"{ins.arg} {BINARY_OPS[ins.arg].lower()} ({BINARY_OP_SYMBOLS[ins.arg]})"
    if ins.arg is None:
        return ""
    if kind is Arg.QSTR:
        return f"{module.qstrs[ins.arg].text!r}"
    if kind is Arg.CONST:
        return f"{ins.arg} = {_const_repr(module, ins.arg)}"
    if kind is Arg.CHILD:
        text = f"{ins.arg} -> {rc.children[ins.arg].name}"
        return text + (f" n_closed={ins.extra}" if ins.extra is not None else "")
    if kind in (Arg.JUMP, Arg.UJUMP):
        text = f"-> {ins.target}"
        return text + (f" unwind={ins.extra}" if ins.extra is not None else "")
    return str(ins.arg)


def _display_name(ins) -> str:
    n = ins.info.name
    for suffix in ("_MULTI",):
        if n.endswith(suffix) and n not in ("UNARY_OP_MULTI", "BINARY_OP_MULTI"):
            return n[: -len(suffix)]
    if n in ("UNARY_OP_MULTI", "BINARY_OP_MULTI"):
        return n[: -len("_MULTI")]
    return n


def disassemble_function(module: MpyModule, rc: RawCode, path: str) -> list[str]:
    return list(iter_function(module, rc, path))


def iter_function(module: MpyModule, rc: RawCode, path: str) -> Iterator[str]:
    """The listing of one function, line by line."""
    flags = module.header.scope_flags
    out = [f"function {path} ({rc.kind.name.lower()}, {len(rc.fun_data)} bytes at file offset "
           f"{rc.file_offset})"]
    p = rc.prelude
    if p is not None:
        names = [module.qstrs[i].text for i in p.arg_indices]
        out.append(f"  prelude: n_state={p.n_state} n_exc_stack={p.n_exc_stack} "
                   f"scope_flags=0x{p.scope_flags:02x}({flags.describe(p.scope_flags)}) "
                   f"n_pos_args={p.n_pos_args} n_kwonly_args={p.n_kwonly_args} "
                   f"n_def_pos_args={p.n_def_pos_args}")
        out.append(f"  args: {', '.join(names) if names else '(none)'}")
        if p.cells:
            out.append(f"  cells: {', '.join(str(c) for c in p.cells)}")
        table = p.line_table()
        if table:
            out.append("  lines: " + " ".join(f"bc{o}:L{ln}" for o, ln in table))
    if rc.kind is not CodeKind.BYTECODE:
        if rc.kind is not CodeKind.NATIVE:
            out.append(f"  scope_flags=0x{rc.scope_flags:02x}")
        if rc.kind is CodeKind.ASM:
            out.append(f"  n_pos_args={rc.n_pos_args} type_sig=0x{rc.type_sig:x}")
        out.append(f"  machine code for {module.header.arch_name}: {len(rc.fun_data)} bytes "
                   f"(not executed; jitvm recompiles from source)")
        yield from out
        return
    yield from out
    # line numbers: the line table walked once alongside the code (Prelude.line_at per
    # instruction would walk it from the start each time: quadratic in a long function)
    steps = iter(p.line_table())
    next_step = next(steps, None)
    line = last_line = 1
    # decoded one at a time, not through rc.instructions: a listing keeps no decoded form
    for ins in rc._decoded or iter_decode_raw_code(rc):
        while next_step is not None and next_step[0] <= ins.offset:
            line = next_step[1]
            next_step = next(steps, None)
        col = f"{line:5d}" if line != last_line or ins.offset == 0 else "     "
        last_line = line
        yield f"{col} {ins.offset:5d}  {_display_name(ins):<24} {_arg_text(module, rc, ins)}".rstrip()


def disassemble(module: MpyModule) -> str:
    return "\n".join(iter_disassembly(module))


def iter_disassembly(module: MpyModule) -> Iterator[str]:
    """The whole listing line by line, so `jitvm dis` can print it as it goes."""
    h = module.header
    yield (f"; {module.filename}: .mpy v{h.version}.{h.sub_version}{_upgraded(module)} "
           f"{h.flavour} arch={h.arch_name} source={module.source_file}")
    yield f"; qstrs[{len(module.qstrs)}]: " + ", ".join(repr(q.text) for q in module.qstrs)
    yield f"; objects[{len(module.objs)}]: " + ", ".join(
        _const_entry(c) for c in module.objs)
    todo = [(module.root, module.root.name)]
    while todo:
        rc, path = todo.pop()
        yield ""
        yield from iter_function(module, rc, path)
        todo.extend((child, f"{path}.{child.name}" if path != "<module>" else child.name)
                    for child in reversed(rc.children))

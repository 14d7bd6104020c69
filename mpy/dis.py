"""Human-readable listings of a .mpy module: `jitvm info` and `jitvm dis`."""

from __future__ import annotations

from .model import CodeKind, MpyModule, RawCode
from .opcodes import Arg, BINARY_OP_SYMBOLS, BINARY_OPS, UNARY_OPS
from .reader import OBJ_TAG_NAMES


def info(module: MpyModule, size: int) -> str:
    h = module.header
    codes = list(module.root.walk())
    kinds = {k: sum(1 for c in codes if c.kind is k) for k in CodeKind}
    n_ins = sum(len(c.instructions) for c in codes)
    n_bc = sum(len(c.bytecode) for c in codes if c.kind is CodeKind.BYTECODE)
    lines = [
        f"file:            {module.filename} ({size} bytes)",
        f"header:          {h.to_bytes().hex(' ')}",
        f"flavour:         {h.flavour} (magic {h.magic!r})",
        f"version:         {h.version}.{h.sub_version}",
        f"arch:            {h.arch_name}" + (f" (flags 0x{h.arch_flags:x})" if h.arch_flags is not None else ""),
        f"small-int bits:  {h.small_int_bits}",
        f"source file:     {module.source_file}",
        f"qstrs:           {len(module.qstrs)} ({sum(q.static is not None for q in module.qstrs)} static)",
        f"objects:         {len(module.objs)}",
        "raw codes:       " + ", ".join(f"{kinds[k]} {k.name.lower()}" for k in CodeKind),
        f"bytecode:        {n_bc} bytes, {n_ins} instructions",
    ]
    if module.trailing:
        lines.append(f"trailing bytes:  {len(module.trailing)} (ignored)")
    return "\n".join(lines)


def _const_repr(module: MpyModule, index: int) -> str:
    c = module.objs[index]
    r = repr(c.value)
    if len(r) > 60:
        r = r[:57] + "..."
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
    flags = module.header.scope_flags
    out = [f"function {path} ({rc.kind.name.lower()}, {len(rc.fun_data)} bytes at file offset {rc.file_offset})"]
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
        out.append(f"  machine code for {module.header.arch_name}: {len(rc.fun_data)} bytes (not executed; "
                   f"jitvm recompiles from source)")
        return out
    last_line = None
    for ins in rc.instructions:
        line = p.line_at(ins.offset)
        col = f"{line:5d}" if line != last_line else "     "
        last_line = line
        out.append(f"{col} {ins.offset:5d}  {_display_name(ins):<24} {_arg_text(module, rc, ins)}".rstrip())
    return out


def disassemble(module: MpyModule) -> str:
    h = module.header
    out = [f"; {module.filename}: .mpy v{h.version}.{h.sub_version} {h.flavour} arch={h.arch_name} "
           f"source={module.source_file}"]
    out.append(f"; qstrs[{len(module.qstrs)}]: " + ", ".join(repr(q.text) for q in module.qstrs))
    out.append(f"; objects[{len(module.objs)}]: " + ", ".join(
        _const_repr(module, i) for i in range(len(module.objs))))

    def visit(rc: RawCode, path: str) -> None:
        out.append("")
        out.extend(disassemble_function(module, rc, path))
        for i, child in enumerate(rc.children):
            visit(child, f"{path}.{child.name}" if path != "<module>" else child.name)

    visit(module.root, module.root.name)
    return "\n".join(out)

"""What tier 1 made of a run's functions, as ``jitvm jit`` prints it (like numba's
``inspect_types`` / ``inspect_llvm`` / ``inspect_asm``): the inferred types, the LLVM IR as
generated and optimised, and the machine code."""

from __future__ import annotations

from . import JitInfo, jit_infos

SECTIONS = ("types", "raw-ir", "ir", "asm")  # in the order they print


def select(name: str | None) -> list[JitInfo]:
    """The last attempt of every function tier 1 looked at (those named ``name``)."""
    return [i for i in jit_infos() if name is None or i.name == name]


def report(info: JitInfo, sections: set) -> str:
    """The report on one function: its summary line, then the asked sections."""
    out = [f";; {info.summary()}" + (f" (deopts so far: {info.deopts})" if info.deopts else "")]
    if not info.compiled:
        return out[0]
    if info.refs and sections & {"raw-ir", "ir", "asm"}:
        out.append(";; objects the code uses (symbols bound at link time):")
        out += [f";;   jitvm_ref{k} = {text}" for k, text in enumerate(info.refs)]
    for s in SECTIONS:
        if s not in sections:
            continue
        if s == "types":
            out += [";; ---- types ----", types_text(info)]
        elif s == "raw-ir":
            out += [";; ---- LLVM IR (as generated) ----", info.ir.rstrip()]
        elif s == "ir":
            out += [";; ---- LLVM IR (optimised) ----", info.opt_ir.rstrip()]
        elif s == "asm":
            from .engine import engine

            eng = engine()
            out += [f";; ---- machine code ({eng.triple}, {eng.cpu}) ----", info.asm.rstrip()]
    return "\n".join(out)


def types_text(info: JitInfo) -> str:
    """The signature, every local's types, and the types on the value stack before every
    instruction (stack bottom first; the call sites' speculated result types)."""
    t = info.typing
    code = info.code() if info.code is not None else None
    lines = [f"{info.name}{info.types}"]
    if t is None or code is None:
        return lines[0]
    names = list(getattr(code, "arg_names", []))
    seen: list[set] = [set() for _ in range(t.n_locals)]
    for loc, _stk in t.before.values():
        for k, ty in enumerate(loc):
            if ty is not None:  # None: not bound (or no longer live) there
                seen[k].add(ty)
    lines.append("locals:")
    for k, kinds in enumerate(seen):
        label = f"{names[k]} (local {k})" if k < len(names) else f"local {k}"
        lines.append(f"  {label}: {' | '.join(sorted(kinds)) or 'never bound'}")
    lines.append("instructions (value-stack types before each, bottom first):")
    lines.append(f"  {'line':>5} {'pc':>4}  {'instruction':<34} stack")
    last_line = None
    for ins in code.rc.instructions:
        state = t.before.get(ins.offset)
        try:
            line = code.line_at(ins.offset)
        except Exception:  # noqa: BLE001 - no line table: leave the column empty
            line = None
        shown = "" if line == last_line else str(line)
        last_line = line
        name = ins.name.removesuffix("_MULTI")
        text = f"{name} {_arg_text(code, ins)}".rstrip()
        stack = "unreachable" if state is None else "[" + ", ".join(state[1]) + "]"
        site = t.calls.get(ins.offset)
        if site is not None and site.kind == "call":
            stack += f"  -> {site.result}" + (" (direct self-call)" if site.is_self else "")
        lines.append(f"  {shown:>5} {ins.offset:>4}  {text:<34} {stack}")
    return "\n".join(lines)


def _arg_text(code, ins) -> str:
    from mpy.opcodes import BINARY_OP_SYMBOLS, UNARY_OP_SYMBOLS, Arg

    kind = ins.info.arg
    if ins.name == "UNARY_OP_MULTI":
        return UNARY_OP_SYMBOLS[ins.arg]
    if ins.name == "BINARY_OP_MULTI":
        return BINARY_OP_SYMBOLS[ins.arg]
    if ins.arg is None:
        return ""
    if kind is Arg.QSTR:
        try:
            return code.ctx.qstr_text[ins.arg]
        except (AttributeError, IndexError, KeyError):
            return str(ins.arg)
    if kind in (Arg.JUMP, Arg.UJUMP):
        return f"-> {ins.target}"
    return str(ins.arg)

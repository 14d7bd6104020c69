"""Tier 1's subset, known before any typing: the opcodes the typer and lowering handle and
the function shapes they refuse. Light on purpose (no dataclasses, no llvmlite): the Python
translation asks ``static_refusal`` for every function it makes when tier 1 is on, so that
functions tier 1 can never take do not count their calls."""

from __future__ import annotations

REFUSED = {
    "generator": "generator function", "cells": "closure or cell variables",
    "varargs": "*args", "varkw": "**kwargs", "kwonly": "keyword-only arguments",
}

# the opcodes the typer (and so the lowering) handles; a function with any other stays in tier 0
TYPED_OPS = frozenset((
    "LOAD_CONST_SMALL_INT", "LOAD_CONST_SMALL_INT_MULTI", "LOAD_CONST_OBJ", "LOAD_CONST_TRUE",
    "LOAD_CONST_FALSE", "LOAD_CONST_NONE", "LOAD_NULL", "LOAD_FAST_N", "LOAD_FAST_MULTI",
    "STORE_FAST_N", "STORE_FAST_MULTI", "LOAD_GLOBAL", "CALL_FUNCTION", "GET_ITER_STACK",
    "FOR_ITER", "POP_TOP", "DUP_TOP", "DUP_TOP_TWO", "ROT_TWO", "ROT_THREE", "BINARY_OP_MULTI",
    "UNARY_OP_MULTI", "JUMP", "POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE", "JUMP_IF_TRUE_OR_POP",
    "JUMP_IF_FALSE_OR_POP", "RETURN_VALUE", "BUILD_TUPLE", "LOAD_SUBSCR", "STORE_SUBSCR",
    "LOAD_ATTR", "LOAD_METHOD", "CALL_METHOD", "STORE_ATTR", "LOAD_CONST_STRING",
    "BUILD_LIST", "BUILD_SLICE", "RAISE_OBJ", "RAISE_FROM"))


def static_refusal(code, opcodes: bool = True) -> str | None:
    """Why tier 1 would refuse ``code`` whatever its arguments, from its shape and (with
    ``opcodes``) its opcodes alone (no analysis), or None. Tier 0 does not count such a
    function's calls."""
    if code.is_generator:
        return REFUSED["generator"]
    if code.cells:
        return REFUSED["cells"]
    for flag, key in ((code.varargs, "varargs"), (code.varkw, "varkw"), (code.n_kwonly, "kwonly")):
        if flag:
            return REFUSED[key]
    if opcodes:
        ins = code.rc.instructions
        for k, i in enumerate(ins):
            why = _untyped(code, i, ins[k - 1] if k else None)
            if why is not None:
                return why
    return None


def _untyped(code, ins, before) -> str | None:
    """Why instruction ``ins`` (``before`` is the one preceding it) is outside the subset,
    or None. Attributes are only a module's (right after LOAD_GLOBAL) or a list's append."""
    name = ins.info.name
    if name not in TYPED_OPS:
        return f"opcode {name} at {ins.offset}"
    return None


def first_untyped(code, analysis, start: int) -> str | None:
    """The first instruction outside the subset among those reachable from offset ``start``
    (what on-stack replacement at a loop header would have to compile), or None."""
    previous = {}
    last = None
    for i in analysis.instrs:
        previous[i.offset] = last
        last = i
    seen = set()
    work = [analysis.block_of[start]]
    while work:
        b = work.pop()
        if b in seen:
            continue
        seen.add(b)
        blk = analysis.blocks[b]
        for ins in blk.instrs:
            why = _untyped(code, ins, previous.get(ins.offset))
            if why is not None:
                return why
        work.extend(blk.succs)
        work.extend(blk.exc_succs)
    return None


def osr_headers(code, analysis) -> frozenset:
    """The loop headers of ``code`` from which tier 1 could compile the rest of the function
    (shape and opcodes permitting; types are seen only when a frame gets there)."""
    if static_refusal(code, opcodes=False) is not None or analysis.handlers:
        return frozenset()
    return frozenset(h for h in analysis.back_jump_targets
                     if first_untyped(code, analysis, h) is None)


def may_compile(root) -> bool:
    """Whether a module (its raw-code tree from ``root``) has a function tier 1 may take: one
    with a loop, or one made of the subset's opcodes only. Cheap, from the opcodes alone; it
    decides whether LLVM loads with the module (``jitvm.jit.preload``)."""
    stack = list(getattr(root, "children", ()))
    while stack:
        rc = stack.pop()
        if getattr(rc, "kind", None) != 0:
            continue
        stack.extend(getattr(rc, "children", ()))
        ins = rc.instructions
        if all(i.info.name in TYPED_OPS for i in ins):
            return True
        if any(i.target is not None and i.target <= i.offset for i in ins):
            return True
    return False

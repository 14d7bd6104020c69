"""Static value-stack depth before every instruction of a bytecode function.

MicroPython's compiler keeps the stack depth at each instruction fixed, so a translation
can give each depth its own variable. Exception handlers are entered with the setup depth
plus one (the exception); an unwinding jump lands at the depth outside the blocks it leaves.
"""

from __future__ import annotations


class NotTranslatable(Exception):
    pass


def _effects(ins):
    """(pops, pushes) of an instruction on the value stack (fall-through edge)."""
    n, a = ins.info.name, ins.arg
    if n in ("LOAD_CONST_SMALL_INT", "LOAD_CONST_SMALL_INT_MULTI", "LOAD_CONST_STRING", "LOAD_CONST_OBJ",
             "LOAD_CONST_NONE", "LOAD_CONST_TRUE", "LOAD_CONST_FALSE", "LOAD_NULL", "LOAD_FAST_N",
             "LOAD_FAST_MULTI", "LOAD_DEREF", "LOAD_GLOBAL", "LOAD_BUILD_CLASS", "MAKE_FUNCTION",
             "BUILD_MAP"):
        return 0, 1
    table = {
        "SETUP_EXCEPT": (0, 0), "SETUP_FINALLY": (0, 0), "SETUP_WITH": (1, 3),
        "POP_EXCEPT_JUMP": (0, 0), "END_FINALLY": (1, 0), "WITH_CLEANUP": (3, 1),
        "UNWIND_JUMP": (0, 0), "RAISE_LAST": (0, 0), "RAISE_FROM": (2, 0),
        "LOAD_NAME": (0, 1), "STORE_NAME": (1, 0), "IMPORT_NAME": (2, 1), "IMPORT_FROM": (1, 2),
        "STORE_FAST_N": (1, 0), "STORE_FAST_MULTI": (1, 0), "STORE_DEREF": (1, 0), "STORE_GLOBAL": (1, 0),
        "DELETE_FAST": (0, 0), "LOAD_ATTR": (1, 1), "STORE_ATTR": (2, 0), "LOAD_METHOD": (1, 2),
        "LOAD_SUPER_METHOD": (3, 2), "LOAD_SUBSCR": (2, 1), "STORE_SUBSCR": (3, 0), "DUP_TOP": (1, 2),
        "DUP_TOP_TWO": (2, 4), "POP_TOP": (1, 0), "ROT_TWO": (2, 2), "ROT_THREE": (3, 3),
        "STORE_MAP": (3, 1), "BINARY_OP_MULTI": (2, 1), "UNARY_OP_MULTI": (1, 1),
        "JUMP": (0, 0), "POP_JUMP_IF_TRUE": (1, 0), "POP_JUMP_IF_FALSE": (1, 0),
        "JUMP_IF_TRUE_OR_POP": (1, 0), "JUMP_IF_FALSE_OR_POP": (1, 0), "RETURN_VALUE": (1, 0),
        "GET_ITER": (1, 1), "GET_ITER_STACK": (1, 4), "FOR_ITER": (0, 1),
        "MAKE_FUNCTION_DEFARGS": (2, 1), "RAISE_OBJ": (1, 0), "YIELD_VALUE": (1, 1),
        "YIELD_FROM": (2, 1),
    }
    if n in table:
        return table[n]
    if n in ("BUILD_TUPLE", "BUILD_LIST", "BUILD_SET", "BUILD_SLICE"):
        return a, 1
    if n == "STORE_COMP":
        return (2 if a & 3 == 1 else 1), 0
    if n == "UNPACK_SEQUENCE":
        return 1, a
    if n == "MAKE_CLOSURE":
        return ins.extra, 1
    if n == "MAKE_CLOSURE_DEFARGS":
        return ins.extra + 2, 1
    npos, nkw = a & 0xFF, (a >> 8) & 0xFF if a is not None else 0
    if n == "CALL_FUNCTION":
        return npos + 2 * nkw + 1, 1
    if n == "CALL_METHOD":
        return npos + 2 * nkw + 2, 1
    if n == "CALL_FUNCTION_VAR_KW":
        return npos + 2 * nkw + 2, 1
    if n == "CALL_METHOD_VAR_KW":
        return npos + 2 * nkw + 3, 1
    raise NotTranslatable(n)


def stack_depths(instrs) -> dict[int, int]:
    """The value-stack depth before each reachable instruction."""
    by_off = {i.offset: k for k, i in enumerate(instrs)}
    depth: dict[int, int] = {}
    work = [(0, 0)]
    unwinds: list = []
    while work or unwinds:
        if not work:
            for ins in unwinds:
                work.append((ins.target, _unwind_target_depth(instrs, depth, ins)))
            unwinds = []
            continue
        off, d = work.pop()
        while True:
            if off in depth:
                if depth[off] != d:
                    raise NotTranslatable(f"stack depth mismatch at {off}")
                break
            if off not in by_off:
                raise NotTranslatable(f"no instruction at {off}")
            depth[off] = d
            ins = instrs[by_off[off]]
            n = ins.info.name
            pops, pushes = _effects(ins)
            if pops > d:
                raise NotTranslatable(f"stack underflow at {off}")
            nd = d - pops + pushes
            nxt = off + ins.size
            if n in ("JUMP", "POP_EXCEPT_JUMP"):
                off = ins.target
                continue
            if n in ("SETUP_EXCEPT", "SETUP_FINALLY"):
                work.append((ins.target, d + 1))
            elif n == "SETUP_WITH":
                work.append((ins.target, d + 2))
            elif n == "UNWIND_JUMP":
                unwinds.append(ins)
                break
            elif n in ("RAISE_LAST", "RAISE_FROM"):
                break
            if n in ("POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE"):
                work.append((ins.target, nd))
            elif n in ("JUMP_IF_TRUE_OR_POP", "JUMP_IF_FALSE_OR_POP"):
                work.append((ins.target, d))
            elif n == "FOR_ITER":
                work.append((ins.target, d - 4))
            elif n in ("RETURN_VALUE", "RAISE_OBJ"):
                break
            off, d = nxt, nd
    return depth


def exception_blocks(instrs, depth) -> list[tuple[int, int, int, bool]]:
    """(setup offset, handler offset, depth outside the block, is_with) for each block."""
    out = []
    for i in instrs:
        n = i.info.name
        if i.offset not in depth:
            continue
        if n in ("SETUP_EXCEPT", "SETUP_FINALLY"):
            out.append((i.offset, i.target, depth[i.offset], False))
        elif n == "SETUP_WITH":
            out.append((i.offset, i.target, depth[i.offset] - 1, True))
    return out


def _unwind_target_depth(instrs, depth, ins) -> int:
    covering = [b for b in exception_blocks(instrs, depth) if b[0] < ins.offset < b[1]]
    covering.sort(key=lambda b: b[0], reverse=True)  # innermost first
    n = ins.extra & 0x7F
    if n == 0 or n > len(covering):
        raise NotTranslatable("unwind jump out of unknown blocks")
    d = covering[n - 1][2]
    return d - 4 if ins.extra & 0x80 else d



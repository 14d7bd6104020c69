"""Tier 0, whole functions: a function with no exception handlers and no yields becomes one
generated Python function, with its locals and stack slots as Python local variables.

The stack depth before every instruction is fixed by the compiler, so the value at depth d
lives in variable ``s<d>`` and local n in ``l<n>``; basic blocks are the branches of a
``while True`` dispatch on ``pc``. A function that has handlers, yields, or name-scoped ops
stays on the frame interpreter (with fused runs), which can stop and resume anywhere.
When the generated code raises, its line number gives the instruction (for the traceback).
"""

from __future__ import annotations

from .fuse import _BIN_EXPR, _INPLACE, _UNARY_EXPR, _local_error, _name_error, _unpack
from .gexc import GUEST_EXC, guestify
from .objects import NULL, Cell, Function, GuestType, build_class, guest_method

TRANSLATABLE = frozenset("""
LOAD_CONST_SMALL_INT LOAD_CONST_SMALL_INT_MULTI LOAD_CONST_STRING LOAD_CONST_OBJ LOAD_CONST_NONE
LOAD_CONST_TRUE LOAD_CONST_FALSE LOAD_NULL LOAD_FAST_N LOAD_FAST_MULTI STORE_FAST_N STORE_FAST_MULTI
DELETE_FAST LOAD_DEREF STORE_DEREF LOAD_GLOBAL STORE_GLOBAL LOAD_ATTR STORE_ATTR LOAD_METHOD
LOAD_SUPER_METHOD LOAD_SUBSCR STORE_SUBSCR DUP_TOP DUP_TOP_TWO POP_TOP ROT_TWO ROT_THREE
BUILD_TUPLE BUILD_LIST BUILD_MAP STORE_MAP BUILD_SET BUILD_SLICE STORE_COMP UNPACK_SEQUENCE
BINARY_OP_MULTI UNARY_OP_MULTI CALL_FUNCTION CALL_METHOD CALL_FUNCTION_VAR_KW CALL_METHOD_VAR_KW
JUMP POP_JUMP_IF_TRUE POP_JUMP_IF_FALSE JUMP_IF_TRUE_OR_POP JUMP_IF_FALSE_OR_POP RETURN_VALUE
GET_ITER GET_ITER_STACK FOR_ITER MAKE_FUNCTION MAKE_FUNCTION_DEFARGS MAKE_CLOSURE
MAKE_CLOSURE_DEFARGS LOAD_BUILD_CLASS RAISE_OBJ
""".split())


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
    """The value-stack depth before each reachable instruction (None if inconsistent)."""
    by_off = {i.offset: k for k, i in enumerate(instrs)}
    depth: dict[int, int] = {}
    work = [(0, 0)]
    while work:
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
            if n == "JUMP":
                off = ins.target
                continue
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


MODULE_ONLY = frozenset(("LOAD_NAME", "STORE_NAME", "IMPORT_NAME", "IMPORT_FROM"))
GENERATOR_ONLY = frozenset(("YIELD_VALUE", "YIELD_FROM"))


def translate(code):
    """A Python function ``fn(G, l0, l1, ..., pc=0, stk=None)`` equivalent to ``code``, or None.

    Module code (whose name lookups go to its globals) is translated too, for on-stack
    replacement of its loops; class bodies are not.
    """
    allowed = TRANSLATABLE | MODULE_ONLY if code.name == "<module>" else TRANSLATABLE
    if code.is_generator:
        allowed = TRANSLATABLE | GENERATOR_ONLY
    instrs = code.rc.instructions
    if not instrs or any(i.info.name not in allowed for i in instrs):
        return None
    if any(i.info.name == "BINARY_OP_MULTI" and i.arg == 8 for i in instrs):
        return None
    try:
        depth = stack_depths(instrs)
        return _generate(code, instrs, depth)
    except NotTranslatable:
        return None


def _generate(code, instrs, depth):
    vm = code.vm
    ctx = code.ctx
    q = ctx.qstr_text
    ns: dict = {"NULL": NULL, "Function": Function, "GuestType": GuestType, "Cell": Cell,
                "_local_error": _local_error, "_name_error": _name_error, "_unpack": _unpack,
                "_type": type, "_getattr": getattr, "_set": set, "_slice": slice, "_super": super,
                "_B": vm.builtins, "_build_class": build_class, "_fail": None, "_C": code,
          "_gm": guest_method}
    consts: dict = {}

    def const(v) -> str:
        if v is None or v is True or v is False:
            return repr(v)
        if type(v) is int and -(2 ** 62) < v < 2 ** 62:
            return f"({v!r})"
        for k, existing in consts.items():
            if existing is v or (type(existing) is type(v) and type(v) is str and existing == v):
                return k
        k = f"k{len(consts)}"
        consts[k] = v
        return k

    n_params = code.n_pos + code.n_kwonly + int(code.varargs) + int(code.varkw)
    max_local = n_params - 1
    for i in instrs:
        if i.info.name in ("LOAD_FAST_N", "LOAD_FAST_MULTI", "STORE_FAST_N", "STORE_FAST_MULTI",
                           "DELETE_FAST", "LOAD_DEREF", "STORE_DEREF"):
            max_local = max(max_local, i.arg)
    for c in code.cells:
        max_local = max(max_local, c)
    deleted = {i.arg for i in instrs if i.info.name == "DELETE_FAST"}
    bound_params = {i for i in range(n_params) if i not in deleted}

    targets = {i.target for i in instrs if i.target is not None and i.offset in depth}
    lines: list[str] = []
    line_pc: list[int] = []
    cur_pc = [0]

    def emit(text: str, indent: int = 3) -> None:
        lines.append("    " * indent + text)
        line_pc.append(cur_pc[0])

    params = ", ".join(f"l{i}" for i in range(n_params))
    extra = ", ".join(f"l{i}=NULL" for i in range(n_params, max_local + 1))
    sig = ", ".join(p for p in ("G", params, extra, "pc=0", "stk=None") if p)
    header = [f"def fn({sig}):", "    if stk is None:"]
    header += [f"        l{c} = Cell(l{c})" for c in code.cells] or ["        pass"]
    back_targets = sorted({i.target for i in instrs
                           if i.target is not None and i.target <= i.offset and i.offset in depth})
    header.append("    else:  # on-stack replacement: continue a running frame at a loop header")
    header.append("        pass")
    for t in back_targets:
        dt = depth[t]
        if dt:
            header.append(f"        if pc == {t}: {', '.join(f's{k}' for k in range(dt))}, = stk")
    if code.is_generator:
        header += ["    if False:", "        yield  # a coroutine with no await is still a generator"]
    header += ["    try:", "        while True:"]
    getters: dict[str, str] = {}

    def getter(name: str) -> str:
        key = f"ga_{len(getters)}"
        for k, v in getters.items():
            if v == name:
                return k
        getters[key] = name
        ns[key] = vm.sandbox.attr_getter(name)
        return key

    first_block = True
    falls_through = False
    for ins in instrs:
        off = ins.offset
        if off not in depth:
            continue  # unreachable
        cur_pc[0] = off
        d = depth[off]
        if off in targets or first_block:
            if falls_through:
                emit(f"pc = {off}", 4)  # fall into the next block's test below
            emit(f"if pc == {off}:", 3)
            first_block = False
        S = lambda k: f"s{k}"  # noqa: E731 - slot variable at depth k
        n = ins.info.name
        a = ins.arg
        top = d - 1

        def goto(target: int, ind: int = 4) -> None:
            emit(f"pc = {target}", ind)
            emit("continue", ind)

        if n in ("LOAD_CONST_SMALL_INT", "LOAD_CONST_SMALL_INT_MULTI"):
            emit(f"{S(d)} = {const(a)}", 4)
        elif n == "LOAD_CONST_STRING":
            emit(f"{S(d)} = {const(q[a])}", 4)
        elif n == "LOAD_CONST_OBJ":
            emit(f"{S(d)} = {const(ctx.objs[a])}", 4)
        elif n in ("LOAD_CONST_NONE", "LOAD_CONST_TRUE", "LOAD_CONST_FALSE"):
            emit(f"{S(d)} = {n[11:].capitalize()}", 4)
        elif n == "LOAD_NULL":
            emit(f"{S(d)} = NULL", 4)
        elif n in ("LOAD_FAST_N", "LOAD_FAST_MULTI"):
            emit(f"{S(d)} = l{a}", 4)
            if a not in bound_params:
                emit(f"if {S(d)} is NULL: raise _local_error()", 4)
        elif n in ("STORE_FAST_N", "STORE_FAST_MULTI"):
            emit(f"l{a} = {S(top)}", 4)
        elif n == "DELETE_FAST":
            emit(f"if l{a} is NULL: raise _local_error()", 4)
            emit(f"l{a} = NULL", 4)
        elif n == "LOAD_DEREF":
            emit(f"{S(d)} = l{a}.value", 4)
            emit(f"if {S(d)} is NULL: raise _local_error()", 4)
        elif n == "STORE_DEREF":
            emit(f"l{a}.value = {S(top)}", 4)
        elif n == "LOAD_GLOBAL":
            k = const(q[a])
            emit(f"{S(d)} = G.get({k}, NULL)", 4)
            emit(f"if {S(d)} is NULL:", 4)
            emit(f"{S(d)} = _B.get({k}, NULL)", 5)
            emit(f"if {S(d)} is NULL: raise _name_error({k})", 5)
        elif n == "STORE_GLOBAL":
            emit(f"G[{const(q[a])}] = {S(top)}", 4)
        elif n == "LOAD_ATTR":
            emit(f"{S(top)} = {getter(q[a])}({S(top)})", 4)
        elif n == "STORE_ATTR":
            name = q[a]
            ns[f"sa_{off}"] = vm.sandbox.attr_setter(name)
            ns[f"da_{off}"] = vm.sandbox.delattr
            emit(f"if {S(top - 1)} is NULL: da_{off}({S(top)}, {const(name)})", 4)
            emit(f"else: sa_{off}({S(top)}, {S(top - 1)})", 4)
        elif n == "LOAD_METHOD":
            name = q[a]
            k = const(name)
            o = S(top)
            emit(f"m_ = _gm({o}, {k})", 4)
            emit(f"if m_ is not None: {S(d)} = {o}; {o} = m_", 4)
            emit(f"else: {o} = {getter(name)}({o}); {S(d)} = NULL", 4)
        elif n == "LOAD_SUPER_METHOD":
            g = getter(q[a])
            emit(f"{S(top - 2)} = {g}(_super({S(top - 1)}, {S(top)})); {S(top - 1)} = NULL", 4)
        elif n == "LOAD_SUBSCR":
            emit(f"{S(top - 1)} = {S(top - 1)}[{S(top)}]", 4)
        elif n == "STORE_SUBSCR":
            v, o, i = S(top - 2), S(top - 1), S(top)
            emit(f"if {v} is NULL: del {o}[{i}]", 4)
            emit(f"else: {o}[{i}] = {v}", 4)
        elif n == "DUP_TOP":
            emit(f"{S(d)} = {S(top)}", 4)
        elif n == "DUP_TOP_TWO":
            emit(f"{S(d)} = {S(top - 1)}; {S(d + 1)} = {S(top)}", 4)
        elif n == "POP_TOP":
            pass
        elif n == "ROT_TWO":
            emit(f"{S(top - 1)}, {S(top)} = {S(top)}, {S(top - 1)}", 4)
        elif n == "ROT_THREE":
            emit(f"{S(top - 2)}, {S(top - 1)}, {S(top)} = {S(top)}, {S(top - 2)}, {S(top - 1)}", 4)
        elif n in ("BUILD_TUPLE", "BUILD_LIST", "BUILD_SET"):
            items = [S(k) for k in range(d - a, d)]
            base = d - a
            if n == "BUILD_TUPLE":
                expr = f"({', '.join(items)}{',' if len(items) == 1 else ''})"
            elif n == "BUILD_LIST":
                expr = f"[{', '.join(items)}]"
            else:
                expr = f"{{{', '.join(items)}}}" if items else "_set()"
            emit(f"{S(base)} = {expr}", 4)
        elif n == "BUILD_MAP":
            emit(f"{S(d)} = {{}}", 4)
        elif n == "STORE_MAP":
            emit(f"{S(top - 2)}[{S(top)}] = {S(top - 1)}", 4)
        elif n == "BUILD_SLICE":
            step = S(top) if a == 3 else "None"
            emit(f"{S(d - a)} = _slice({S(d - a)}, {S(d - a + 1)}, {step})", 4)
        elif n == "STORE_COMP":
            kind, back = a & 3, a >> 2
            if kind == 0:
                emit(f"{S(d - 1 - back)}.append({S(top)})", 4)
            elif kind == 1:
                emit(f"{S(d - 2 - (back - 1))}[{S(top)}] = {S(top - 1)}", 4)
            else:
                emit(f"{S(d - 1 - back)}.add({S(top)})", 4)
        elif n == "UNPACK_SEQUENCE":
            emit(f"u_ = _unpack({S(top)}, {a})", 4)
            for j in range(a):
                emit(f"{S(top + j)} = u_[{a - 1 - j}]", 4)
        elif n == "BINARY_OP_MULTI":
            x, y = S(top - 1), S(top)
            if a in _INPLACE:
                emit(f"{x} {_INPLACE[a]} {y}", 4)
            else:
                emit(f"{x} = {_BIN_EXPR[a].format(a=x, b=y)}", 4)
        elif n == "UNARY_OP_MULTI":
            emit(f"{S(top)} = {_UNARY_EXPR[a].format(a=S(top))}", 4)
        elif n in ("CALL_FUNCTION", "CALL_METHOD") and (a >> 8) == 0:
            npos = a & 0xFF
            if n == "CALL_FUNCTION":
                fn = S(d - npos - 1)
                args = [S(k) for k in range(d - npos, d)]
                _emit_call(emit, fn, args, fn)
            else:
                fn, self_ = S(d - npos - 2), S(d - npos - 1)
                args = [S(k) for k in range(d - npos, d)]
                emit(f"if {self_} is NULL:", 4)
                _emit_call(emit, fn, args, fn, 5)
                emit("else:", 4)
                _emit_call(emit, fn, [self_] + args, fn, 5)
        elif n == "CALL_FUNCTION":  # with keyword arguments
            npos, nkw = a & 0xFF, (a >> 8) & 0xFF
            base = d - npos - 2 * nkw - 1
            fn = S(base)
            args = [S(k) for k in range(base + 1, base + 1 + npos)]
            kws = [f"{S(k)}: {S(k + 1)}" for k in range(base + 1 + npos, d, 2)]
            tup = f"({', '.join(args)}{',' if len(args) == 1 else ''})"
            emit(f"kw_ = {{{', '.join(kws)}}}", 4)
            emit(f"if _type({fn}) is Function: {fn} = {fn}.code.invoke({fn}, {tup}, kw_)", 4)
            emit(f"else: {fn} = {fn}(*{tup}, **kw_)", 4)
        elif n in ("CALL_METHOD", "CALL_FUNCTION_VAR_KW", "CALL_METHOD_VAR_KW"):
            pops, _ = _effects(ins)
            base = d - pops
            ns[f"op{off}"] = code.ops[off] if code.ops else code.build()[off]
            emit(f"st_ = [{', '.join(S(k) for k in range(base, d))}]", 4)
            emit(f"op{off}(st_, None, None)", 4)
            emit(f"{S(base)} = st_[0]", 4)
        elif n == "JUMP":
            goto(ins.target)
        elif n in ("POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE"):
            emit(f"if {'' if n == 'POP_JUMP_IF_TRUE' else 'not '}{S(top)}:", 4)
            goto(ins.target, 5)
        elif n in ("JUMP_IF_TRUE_OR_POP", "JUMP_IF_FALSE_OR_POP"):
            emit(f"if {'' if n == 'JUMP_IF_TRUE_OR_POP' else 'not '}{S(top)}:", 4)
            goto(ins.target, 5)
        elif n == "RETURN_VALUE":
            emit(f"return {S(top)}", 4)
        elif n == "RAISE_OBJ":
            ns["_raise_obj"] = _raise_obj
            emit(f"raise _raise_obj({S(top)})", 4)
        elif n == "GET_ITER":
            emit(f"{S(top)} = iter({S(top)})", 4)
        elif n == "GET_ITER_STACK":
            emit(f"{S(top + 1)} = iter({S(top)}); {S(top)} = NULL", 4)
        elif n == "FOR_ITER":
            emit("try:", 4)
            emit(f"{S(d)} = next({S(d - 3)})", 5)
            emit("except StopIteration:", 4)
            goto(ins.target, 5)
        elif n in ("MAKE_FUNCTION", "MAKE_FUNCTION_DEFARGS", "MAKE_CLOSURE", "MAKE_CLOSURE_DEFARGS"):
            child = f"child{ins.arg}"
            ns[child] = code.child(ins.arg)
            if n == "MAKE_FUNCTION":
                emit(f"{S(d)} = Function({child}, G)", 4)
            elif n == "MAKE_FUNCTION_DEFARGS":
                emit(f"{S(top - 1)} = Function({child}, G, {S(top - 1)}, {S(top)})", 4)
            else:
                m = ins.extra
                cells = f"({', '.join(S(k) for k in range(d - m, d))}{',' if m == 1 else ''})"
                if n == "MAKE_CLOSURE":
                    emit(f"{S(d - m)} = Function({child}, G, None, None, {cells})", 4)
                else:
                    emit(f"{S(d - m - 2)} = Function({child}, G, {S(d - m - 2)}, {S(d - m - 1)}, {cells})", 4)
        elif n == "LOAD_BUILD_CLASS":
            emit(f"{S(d)} = _B['__build_class__']", 4)
        elif n == "YIELD_VALUE":  # a translated generator is a host generator
            emit(f"{S(top)} = yield {S(top)}", 4)
        elif n == "YIELD_FROM":
            emit(f"{S(top - 1)} = yield from {S(top - 1)}", 4)
        elif n == "LOAD_NAME":  # module code: its names are its globals
            k = const(q[a])
            emit(f"{S(d)} = G.get({k}, NULL)", 4)
            emit(f"if {S(d)} is NULL:", 4)
            emit(f"{S(d)} = _B.get({k}, NULL)", 5)
            emit(f"if {S(d)} is NULL: raise _name_error({k})", 5)
        elif n == "STORE_NAME":
            emit(f"G[{const(q[a])}] = {S(top)}", 4)
        elif n == "IMPORT_NAME":
            ns["_import"] = vm.builtins["__import__"]
            emit(f"{S(top - 1)} = _B.get('__import__', _import)({const(q[a])}, G, None, {S(top)}, {S(top - 1)})", 4)
        elif n == "IMPORT_FROM":
            ns["_import_from"] = vm.importer.import_from
            emit(f"{S(d)} = _import_from({S(top)}, {const(q[a])})", 4)
        else:  # pragma: no cover - TRANSLATABLE and the branches above agree
            raise NotTranslatable(n)
        falls_through = n not in ("JUMP", "RETURN_VALUE", "RAISE_OBJ")
    body_lines = header + lines
    tail = ["    except BaseException as e_:", "        raise _fail(e_)"]
    src = "\n".join(body_lines + tail) + "\n"
    ns.update(consts)
    first_line = len(header) + 1  # line number of lines[0]
    line_of = line_pc

    def fail(e):
        return translated_exception(code, e, line_of, first_line)

    ns["_fail"] = fail
    exec(compile(src, f"<jitvm fn {code.name}>", "exec"), ns)
    fn = ns["fn"]
    fn.n_locals = max_local + 1
    fn.osr_targets = frozenset(back_targets)
    return fn


def enter_translated(code, f, target: int):
    """On-stack replacement: finish frame ``f`` in its translation from loop header ``target``."""
    tr = code.translated
    s = f.stack
    try:
        f.retval = tr(f.globals, *f.fast[:tr.n_locals], pc=target, stk=tuple(s))
    except BaseException as e:
        try:
            e._jitvm_skip_frame = f  # the translation already added this frame's traceback line
        except AttributeError:
            pass
        raise
    s.clear()
    return -1


def _emit_call(emit, fn: str, args: list[str], dest: str, ind: int = 4) -> None:
    n = len(args)
    tup = f"({', '.join(args)}{',' if n == 1 else ''})"
    emit(f"if _type({fn}) is Function:", ind)
    emit(f"c_ = {fn}.code", ind + 1)
    emit(f"if c_.direct_n == {n} and not {fn}.closed: {dest} = c_.direct({fn}.globals{''.join(', ' + x for x in args)})", ind + 1)
    emit(f"else: {dest} = c_.invoke({fn}, {tup}, None)", ind + 1)
    emit(f"else: {dest} = {fn}({', '.join(args)})", ind)


def _raise_obj(o):
    if isinstance(o, type) and issubclass(o, BaseException):
        return o()
    if isinstance(o, BaseException):
        return o
    return GUEST_EXC["TypeError"]("exceptions must derive from BaseException")


def translated_exception(code, e, line_pc, first_line):
    """Guest form of ``e`` with this function's traceback entry added (or ``e`` for aborts)."""
    from .execute import VMAbort, add_traceback

    if isinstance(e, VMAbort):
        return e
    tb = e.__traceback__
    lineno = tb.tb_lineno if tb is not None else first_line
    i = lineno - first_line
    pc = line_pc[i] if 0 <= i < len(line_pc) else 0
    g = guestify(e)
    if not isinstance(g, GeneratorExit):
        add_traceback(g, code, pc)
    return g

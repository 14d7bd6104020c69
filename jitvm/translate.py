"""Tier 0, whole functions: a function with no exception handlers and no yields becomes one
generated Python function, with its locals and stack slots as Python local variables.

The stack depth before every instruction is fixed by the compiler, so the value at depth d
lives in variable ``s<d>`` and local n in ``l<n>``; basic blocks are the branches of a
``while True`` dispatch on ``pc``. A function that has handlers, yields, or name-scoped ops
stays on the frame interpreter (with fused runs), which can stop and resume anywhere.
When the generated code raises, its line number gives the instruction (for the traceback).
"""

from __future__ import annotations

import keyword

from .errtext import refine
from .execute import VMAbort, add_traceback
from .fuse import _BIN_EXPR, _INPLACE, _UNARY_EXPR, _local_error, _name_error, _unpack
from .gexc import GUEST_EXC, guestify
from .objects import NULL, Cell, Function, GuestType, build_class, guest_method
from .sandbox import DENIED_NAMES, DIRECT_TYPES
from .stackdepth import NotTranslatable, _effects, stack_depths

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


MODULE_ONLY = frozenset(("LOAD_NAME", "STORE_NAME", "IMPORT_NAME", "IMPORT_FROM"))
EXCEPTION_OPS = frozenset(("SETUP_EXCEPT", "SETUP_FINALLY", "SETUP_WITH", "POP_EXCEPT_JUMP",
                           "END_FINALLY", "WITH_CLEANUP", "UNWIND_JUMP", "RAISE_LAST", "RAISE_FROM"))
GENERATOR_ONLY = frozenset(("YIELD_VALUE", "YIELD_FROM"))


def translate(code):
    """A Python function ``fn(G, l0, l1, ..., pc=0, stk=None)`` equivalent to ``code``, or None.

    Module code (whose name lookups go to its globals) is translated too, for on-stack
    replacement of its loops; class bodies are not.
    """
    allowed = TRANSLATABLE | MODULE_ONLY if code.name == "<module>" else TRANSLATABLE
    if code.is_generator:
        allowed = TRANSLATABLE | GENERATOR_ONLY
    allowed = allowed | EXCEPTION_OPS
    instrs = code.rc.instructions
    if not instrs or any(i.info.name not in allowed for i in instrs):
        return None
    try:
        depth = stack_depths(instrs)
        code.translated_depth = depth
        code.instr_at = {i.offset: i for i in instrs}
        return _generate(code, instrs, depth)
    except NotTranslatable:
        return None


def _generate(code, instrs, depth):
    vm = code.vm
    ctx = code.ctx
    q = ctx.qstr_text
    ns: dict = {"NULL": NULL, "Function": Function, "GuestType": GuestType, "Cell": Cell,
                "_local_error": _local_error, "_name_error": _name_error, "_unpack": _unpack,
                "_type": type, "_D": DIRECT_TYPES, "_getattr": getattr, "_set": set, "_slice": slice, "_super": super,
                "_B": vm.builtins, "_build_class": build_class, "_fail": None, "_C": code,
          "_gm": guest_method, "_new": new_instance}
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

    has_exc = any(i.info.name in EXCEPTION_OPS for i in instrs)
    shift = 1 if has_exc else 0  # the dispatch loop sits one level deeper inside the handler loop
    handlers = sorted({i.target for i in instrs if i.info.name in ("SETUP_EXCEPT", "SETUP_FINALLY",
                                                                  "SETUP_WITH") and i.offset in depth})

    def emit(text: str, indent: int = 3) -> None:
        lines.append("    " * (indent + shift) + text)
        line_pc.append(cur_pc[0])

    def to_handler(var: str, ind: int) -> None:
        """Set pc to the handler of block ``b_`` with ``var`` in its first stack slot."""
        emit("pc = b_[0]", ind)
        for k, h in enumerate(handlers):
            emit(f"{'if' if k == 0 else 'elif'} pc == {h}: s{depth[h] - 1} = {var}", ind)

    def unwind_return(value: str, here: int, ind: int) -> None:
        """MicroPython's unwind_return: run pending finally blocks, then return."""
        emit(f"r_ = {value}", ind)
        emit("while xs:", ind)
        emit("b_ = xs[-1]", ind + 1)
        emit(f"if b_[1] and b_[0] >= {here}:", ind + 1)
        emit("u_ = _TUnwind(-1, r_)", ind + 2)
        to_handler("u_", ind + 2)
        emit("break", ind + 2)
        emit("xs.pop()", ind + 1)
        emit("else:", ind)
        emit("return r_", ind + 1)
        emit("continue", ind)

    def unwind_jump(count: str, dest: str, here: int, ind: int) -> None:
        """MicroPython's unwind_jump: run pending finally blocks, then jump."""
        emit(f"k_ = {count} & 0x7F", ind)
        emit(f"j_ = {dest}", ind)
        emit("while k_:", ind)
        emit("k_ -= 1", ind + 1)
        emit("b_ = xs[-1]", ind + 1)
        emit(f"if b_[1] and b_[0] >= {here}:", ind + 1)
        emit("u_ = _TUnwind(k_, j_)", ind + 2)
        to_handler("u_", ind + 2)
        emit("break", ind + 2)
        emit("xs.pop()", ind + 1)
        emit("else:", ind)
        emit("pc = j_", ind + 1)
        emit("continue", ind)

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
    if has_exc:
        header += ["    xs = []  # the exception-block stack: [handler, is_finally, last exception]",
                   "    while True:", "        try:", "            while True:"]
    else:
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
        nxt = off + ins.size
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
            if is_plain_attr(q[a]):  # the guest's own objects and host values: a direct load
                emit(f"{S(top)} = {S(top)}.{q[a]} if _type({S(top)}) in _D else "
                     f"{getter(q[a])}({S(top)})", 4)
            else:
                emit(f"{S(top)} = {getter(q[a])}({S(top)})", 4)
        elif n == "STORE_ATTR":
            name = q[a]
            ns[f"da_{off}"] = vm.sandbox.delattr
            emit(f"if {S(top - 1)} is NULL: da_{off}({S(top)}, {const(name)})", 4)
            if is_plain_attr(name):
                ns[f"sa_{off}"] = vm.sandbox.attr_setter(name)
                emit(f"elif _type({S(top)}) in _D: {S(top)}.{name} = {S(top - 1)}", 4)
                emit(f"else: sa_{off}({S(top)}, {S(top - 1)})", 4)
            else:
                ns[f"sa_{off}"] = vm.sandbox.attr_setter(name)
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
        elif n == "BINARY_OP_MULTI" and a != 8:
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
            if has_exc:
                emit("if xs:", 4)
                unwind_return(S(top), nxt, 5)
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
        elif n in ("SETUP_EXCEPT", "SETUP_FINALLY"):
            emit(f"xs.append([{ins.target}, {n == 'SETUP_FINALLY'}, None])", 4)
        elif n == "SETUP_WITH":
            o = S(top)
            emit(f"o_ = {o}", 4)
            emit(f"{o} = _special(o_, '__exit__'); {S(d)} = NULL", 4)
            emit(f"{S(d + 1)} = _special(o_, '__enter__')()", 4)
            emit(f"xs.append([{ins.target}, True, None])", 4)
        elif n == "POP_EXCEPT_JUMP":
            emit("xs.pop()", 4)
            goto(ins.target)
        elif n == "WITH_CLEANUP":
            ex, x = S(d - 3), S(d - 1)
            emit(f"x_ = {x}", 4)
            emit(f"if x_ is None or _type(x_) is _TUnwind: {ex}(None, None, None); {ex} = x_", 4)
            emit(f"elif {ex}(_type(x_), x_, None): {ex} = None", 4)
            emit(f"else: {ex} = x_", 4)
        elif n == "END_FINALLY":
            emit("xs.pop()", 4)
            emit(f"x_ = {S(top)}", 4)
            emit("if x_ is not None:", 4)
            emit("if _type(x_) is _TUnwind:", 5)
            emit("if x_.value < 0:", 6)
            unwind_return("x_.payload", nxt, 7)
            unwind_jump("x_.value", "x_.payload", nxt, 6)
            emit("raise x_", 5)
        elif n == "UNWIND_JUMP":
            unwind_jump(str(ins.extra), str(ins.target), nxt, 4)
        elif n == "RAISE_LAST":
            emit("for b_ in reversed(xs):", 4)
            emit("if b_[2] is not None: raise b_[2]", 5)
            emit("raise _no_reraise()", 4)
        elif n == "RAISE_FROM":
            emit(f"raise _raise_from({S(top - 1)}, {S(top)})", 4)
        elif n == "BINARY_OP_MULTI" and a == 8:  # exception match
            emit(f"{S(top - 1)} = isinstance({S(top - 1)}, {S(top)})", 4)
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
        falls_through = n not in ("JUMP", "RETURN_VALUE", "RAISE_OBJ", "POP_EXCEPT_JUMP",
                                  "UNWIND_JUMP", "RAISE_LAST", "RAISE_FROM")
    body_lines = header + lines
    if has_exc:
        tail = ["        except BaseException as e_:", "            e_, pc = _route(e_, xs)"]
        for k, h in enumerate(handlers):
            tail.append(f"            {'if' if k == 0 else 'elif'} pc == {h}: s{depth[h] - 1} = e_")
    else:
        tail = ["    except BaseException as e_:", "        raise _fail(e_)"]
    src = "\n".join(body_lines + tail) + "\n"
    ns.update(consts)
    first_line = len(header) + 1  # line number of lines[0]
    line_of = line_pc

    def fail(e):
        return translated_exception(code, e, line_of, first_line)

    def route(e, xs):
        """Send exception ``e`` to the innermost handler not already running, or re-raise."""
        if isinstance(e, VMAbort):
            raise e
        tb = e.__traceback__
        i = (tb.tb_lineno if tb is not None else first_line) - first_line
        fpc = line_of[i] if 0 <= i < len(line_of) else 0
        if code.op_names.get(fpc) in ("END_FINALLY", "RAISE_LAST"):
            g = guestify(e)
        else:
            g = translated_exception(code, e, line_of, first_line)
        while xs and xs[-1][0] <= fpc:
            xs.pop()
        if not xs:
            raise g
        xs[-1][2] = g
        return g, xs[-1][0]

    ns["_fail"] = fail
    ns["_route"] = route
    ns["_TUnwind"] = TUnwind
    ns["_special"] = vm.sandbox.special_method
    ns["_no_reraise"] = lambda: GUEST_EXC["RuntimeError"]("no active exception to reraise")
    ns["_raise_from"] = _raise_from
    try:
        host_code = compile(src, "<jitvm fn>", "exec")
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        raise NotTranslatable("generated source did not compile") from None  # stays in tier 0
    exec(host_code, ns)
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
    extra = "".join(", " + x for x in args)
    emit(f"if _type({fn}) is Function:", ind)
    emit(f"c_ = {fn}.code", ind + 1)
    emit(f"cl_ = {fn}.closed", ind + 1)
    emit(f"if not cl_ and c_.direct_n == {n}: {dest} = c_.direct({fn}.globals{extra})", ind + 1)
    emit(f"elif cl_ and c_.direct_n == {n} + len(cl_): {dest} = c_.direct({fn}.globals, *cl_{extra})",
         ind + 1)
    emit(f"else: {dest} = c_.invoke({fn}, {tup}, None)", ind + 1)
    emit(f"elif _type({fn}) is GuestType: {dest} = _new({fn}, {tup})", ind)
    emit(f"else: {dest} = {fn}({', '.join(args)})", ind)


def is_plain_attr(name: str) -> bool:
    """A name that may stand as a literal `.name` in generated code (behind a type guard).

    Only ASCII identifiers: Python normalises other identifiers to NFKC when it compiles the
    generated source, so a fullwidth name would reach a different host attribute than the
    one checked here."""
    return (name.isascii() and name[:1] != "_" and name.isidentifier()
            and not keyword.iskeyword(name)
            and name not in DENIED_NAMES and name not in ("format", "format_map"))


def new_instance(cls, args: tuple):
    """cls(*args) for a guest class whose __init__ is a guest function and __new__ is object's:
    skips the host's type-call and method-binding layers."""
    init = None
    for k in cls.__mro__:
        d = k.__dict__
        if "__new__" in d and k is not object:
            return cls(*args)
        if init is None and "__init__" in d:
            init = d["__init__"]
    if type(init) is not Function:
        return cls(*args)
    obj = object.__new__(cls)
    if init.code.invoke(init, (obj, *args), None) is not None:
        raise GUEST_EXC["TypeError"]("__init__() should return None")
    return obj


class TUnwind:
    """A finally block running because of a return (value -1, payload = the result) or a
    break/continue (value = blocks left to unwind, payload = the jump target)."""

    __slots__ = ("value", "payload")

    def __init__(self, value: int, payload) -> None:
        self.value = value
        self.payload = payload


def _raise_from(exc, cause):
    e = _raise_obj(exc)
    if cause is not None and isinstance(e, BaseException):
        e.__cause__ = _raise_obj(cause)
    return e


def _raise_obj(o):
    if isinstance(o, type) and issubclass(o, BaseException):
        return o()
    if isinstance(o, BaseException):
        return o
    return GUEST_EXC["TypeError"]("exceptions must derive from BaseException")


def _with_operands(code, e, pc, frame_locals):
    """MicroPython's message for a host operator's TypeError, from the operands still in the
    generated function's stack-slot variables."""
    ins = code.instr_at.get(pc)
    d = code.translated_depth.get(pc) if code.translated_depth else None
    if ins is None or d is None or d < 2:
        return None
    operands = [frame_locals.get(f"s{d - 2}"), frame_locals.get(f"s{d - 1}")]
    return refine(e, ins.info.name, ins.arg, operands)


def translated_exception(code, e, line_pc, first_line):
    """Guest form of ``e`` with this function's traceback entry added (or ``e`` for aborts)."""
    if isinstance(e, VMAbort):
        return e
    tb = e.__traceback__
    lineno = tb.tb_lineno if tb is not None else first_line
    i = lineno - first_line
    pc = line_pc[i] if 0 <= i < len(line_pc) else 0
    if type(e) is TypeError and tb is not None and tb.tb_next is None:
        e = _with_operands(code, e, pc, tb.tb_frame.f_locals) or e
    g = guestify(e)
    if not isinstance(g, GeneratorExit):
        add_traceback(g, code, pc)
    return g

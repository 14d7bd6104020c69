"""The Python translation's emitters: one per opcode (``EMITTERS``, checked against
``jitvm.opdefs`` by tests/interp/test_opdefs.py). ``emit(t, ins, d)`` writes the source of
instruction ``ins`` into translation ``t`` (``jitvm.translate._Translation``), with ``d`` the
value-stack depth before it; slot k is the variable ``s<k>``, local n is ``l<n>``. What an
opcode means beyond moving values is a call of its ``jitvm.runtime`` helper (``t.helper``).
"""

from __future__ import annotations

import keyword

from .opdefs import OPDEFS
from .sandbox import DENIED_NAMES

# operator templates (a, b: the operands' variables)
BINARY_EXPR = {
    0: "{a} < {b}", 1: "{a} > {b}", 2: "{a} == {b}", 3: "{a} <= {b}", 4: "{a} >= {b}",
    5: "{a} != {b}", 6: "{a} in {b}", 7: "{a} is {b}", 8: "isinstance({a}, {b})",
    22: "{a} | {b}", 23: "{a} ^ {b}", 24: "{a} & {b}", 25: "{a} << {b}", 26: "{a} >> {b}",
    27: "{a} + {b}", 28: "{a} - {b}", 29: "{a} * {b}", 30: "{a} @ {b}", 31: "{a} // {b}",
    32: "{a} / {b}", 33: "{a} % {b}", 34: "{a} ** {b}",
}
INPLACE = {9: "|=", 10: "^=", 11: "&=", 12: "<<=", 13: ">>=", 14: "+=", 15: "-=", 16: "*=",
           17: "@=", 18: "//=", 19: "/=", 20: "%=", 21: "**="}
UNARY_EXPR = {0: "+{a}", 1: "-{a}", 2: "~{a}", 3: "not {a}"}


def S(k: int) -> str:
    """The variable of stack slot ``k``."""
    return f"s{k}"


def tuple_source(items: list[str]) -> str:
    return f"({', '.join(items)}{',' if len(items) == 1 else ''})"


# ---- one emitter per opcode: emit(t, ins, d) with d the stack depth before it --------------
EMITTERS: dict = {}


def emits(*names: str):
    def register(fn):
        for n in names:
            assert n in OPDEFS, n
            EMITTERS[n] = fn
        return fn
    return register


@emits("LOAD_CONST_SMALL_INT", "LOAD_CONST_SMALL_INT_MULTI")
def _e_small_int(t, ins, d):
    t.emit(f"{S(d)} = {t.const(ins.arg)}")


@emits("LOAD_CONST_STRING")
def _e_const_string(t, ins, d):
    t.emit(f"{S(d)} = {t.const(t.q[ins.arg])}")


@emits("LOAD_CONST_OBJ")
def _e_const_obj(t, ins, d):
    t.emit(f"{S(d)} = {t.const(t.code.ctx.objs[ins.arg])}")


@emits("LOAD_CONST_NONE", "LOAD_CONST_TRUE", "LOAD_CONST_FALSE")
def _e_const_named(t, ins, d):
    t.emit(f"{S(d)} = {ins.info.name[11:].capitalize()}")


@emits("LOAD_NULL")
def _e_null(t, ins, d):
    t.emit(f"{S(d)} = NULL")


@emits("LOAD_FAST_N", "LOAD_FAST_MULTI")
def _e_load_fast(t, ins, d):
    t.emit(f"{S(d)} = l{ins.arg}")
    if not t.a.is_assigned(ins.offset, ins.arg):
        t.emit(f"if {S(d)} is NULL: raise {t.helper('local_error')}()")


@emits("STORE_FAST_N", "STORE_FAST_MULTI")
def _e_store_fast(t, ins, d):
    t.emit(f"l{ins.arg} = {S(d - 1)}")


@emits("DELETE_FAST")
def _e_delete_fast(t, ins, d):
    t.emit(f"if l{ins.arg} is NULL: raise {t.helper('local_error')}()")
    t.emit(f"l{ins.arg} = NULL")


@emits("LOAD_DEREF")
def _e_load_deref(t, ins, d):
    t.emit(f"{S(d)} = l{ins.arg}.value")
    t.emit(f"if {S(d)} is NULL: raise {t.helper('local_error')}()")


@emits("STORE_DEREF")
def _e_store_deref(t, ins, d):
    t.emit(f"l{ins.arg}.value = {S(d - 1)}")


@emits("DELETE_DEREF")
def _e_delete_deref(t, ins, d):
    t.emit(f"if l{ins.arg}.value is NULL: raise {t.helper('local_error')}()")
    t.emit(f"l{ins.arg}.value = NULL")


@emits("LOAD_GLOBAL", "LOAD_NAME")  # LOAD_NAME only in module code: its names are its globals
def _e_load_global(t, ins, d):
    k = t.const(t.q[ins.arg])
    t.emit(f"{S(d)} = G.get({k}, NULL)")
    t.emit(f"if {S(d)} is NULL:")
    t.emit(f"{S(d)} = _B.get({k}, NULL)", 5)
    t.emit(f"if {S(d)} is NULL: raise {t.helper('name_error')}({k})", 5)


@emits("STORE_GLOBAL", "STORE_NAME")
def _e_store_global(t, ins, d):
    t.emit(f"G[{t.const(t.q[ins.arg])}] = {S(d - 1)}")


@emits("DELETE_GLOBAL", "DELETE_NAME")
def _e_delete_global(t, ins, d):
    t.emit(f"{t.helper('delete_name')}(G, {t.const(t.q[ins.arg])})")


@emits("LOAD_ATTR")
def _e_load_attr(t, ins, d):
    name, o = t.q[ins.arg], S(d - 1)
    if is_plain_attr(name):  # the guest's own objects and host values: a direct load
        t.emit(f"{o} = {o}.{name} if _type({o}) in _D else {t.getter(name)}({o})")
    else:
        t.emit(f"{o} = {t.getter(name)}({o})")


@emits("STORE_ATTR")
def _e_store_attr(t, ins, d):
    name, o, v = t.q[ins.arg], S(d - 1), S(d - 2)
    sandbox = t.vm.sandbox
    da = t.bind(f"da_{ins.offset}", sandbox.delattr)
    sa = t.bind(f"sa_{ins.offset}", sandbox.attr_setter(name))
    t.emit(f"if {v} is NULL: {da}({o}, {t.const(name)})")  # `del o.name` stores NULL
    if is_plain_attr(name):
        t.emit(f"elif _type({o}) in _D: {o}.{name} = {v}")
    t.emit(f"else: {sa}({o}, {v})")


@emits("LOAD_METHOD")
def _e_load_method(t, ins, d):
    name, o = t.q[ins.arg], S(d - 1)
    t.emit(f"m_ = _gm({o}, {t.const(name)})")
    t.emit(f"if m_ is not None: {S(d)} = {o}; {o} = m_")
    t.emit(f"else: {o} = {t.getter(name)}({o}); {S(d)} = NULL")


@emits("LOAD_SUPER_METHOD")
def _e_load_super_method(t, ins, d):
    g = t.getter(t.q[ins.arg])
    t.emit(f"{S(d - 3)} = {g}(_super({S(d - 2)}, {S(d - 1)})); {S(d - 2)} = NULL")


@emits("LOAD_SUBSCR")
def _e_load_subscr(t, ins, d):
    t.emit(f"{S(d - 2)} = {S(d - 2)}[{S(d - 1)}]")


@emits("STORE_SUBSCR")
def _e_store_subscr(t, ins, d):
    v, o, i = S(d - 3), S(d - 2), S(d - 1)
    t.emit(f"if {v} is NULL: del {o}[{i}]")  # `del o[i]` stores NULL
    t.emit(f"else: {o}[{i}] = {v}")


@emits("DUP_TOP")
def _e_dup_top(t, ins, d):
    t.emit(f"{S(d)} = {S(d - 1)}")


@emits("DUP_TOP_TWO")
def _e_dup_top_two(t, ins, d):
    t.emit(f"{S(d)} = {S(d - 2)}; {S(d + 1)} = {S(d - 1)}")


@emits("POP_TOP")
def _e_pop_top(t, ins, d):
    pass  # the slot is simply not read again


@emits("SETUP_EXCEPT", "SETUP_FINALLY")
def _e_setup(t, ins, d):
    t.emit(f"xs.append([{ins.target}, {ins.info.name == 'SETUP_FINALLY'}, None])")


@emits("ROT_TWO")
def _e_rot_two(t, ins, d):
    t.emit(f"{S(d - 2)}, {S(d - 1)} = {S(d - 1)}, {S(d - 2)}")


@emits("ROT_THREE")
def _e_rot_three(t, ins, d):
    t.emit(f"{S(d - 3)}, {S(d - 2)}, {S(d - 1)} = {S(d - 1)}, {S(d - 3)}, {S(d - 2)}")


@emits("BUILD_TUPLE", "BUILD_LIST", "BUILD_SET")
def _e_build(t, ins, d):
    n, a = ins.info.name, ins.arg
    items = [S(k) for k in range(d - a, d)]
    if n == "BUILD_TUPLE":
        expr = tuple_source(items)
    elif n == "BUILD_LIST":
        expr = f"[{', '.join(items)}]"
    else:
        expr = f"{{{', '.join(items)}}}" if items else "_set()"
    t.emit(f"{S(d - a)} = {expr}")


@emits("BUILD_MAP")
def _e_build_map(t, ins, d):
    t.emit(f"{S(d)} = {{}}")


@emits("STORE_MAP")
def _e_store_map(t, ins, d):
    t.emit(f"{S(d - 3)}[{S(d - 1)}] = {S(d - 2)}")


@emits("BUILD_SLICE")
def _e_build_slice(t, ins, d):
    a = ins.arg
    step = S(d - 1) if a == 3 else "None"
    t.emit(f"{S(d - a)} = _slice({S(d - a)}, {S(d - a + 1)}, {step})")


@emits("STORE_COMP")
def _e_store_comp(t, ins, d):
    kind, back = ins.arg & 3, ins.arg >> 2
    if kind == 0:
        t.emit(f"{S(d - 1 - back)}.append({S(d - 1)})")
    elif kind == 1:
        t.emit(f"{S(d - 1 - back)}[{S(d - 1)}] = {S(d - 2)}")
    else:
        t.emit(f"{S(d - 1 - back)}.add({S(d - 1)})")


@emits("UNPACK_SEQUENCE")
def _e_unpack(t, ins, d):
    a = ins.arg
    t.emit(f"u_ = {t.helper('unpack')}({S(d - 1)}, {a})")
    for j in range(a):
        t.emit(f"{S(d - 1 + j)} = u_[{a - 1 - j}]")


@emits("UNPACK_EX")
def _e_unpack_ex(t, ins, d):
    before, after = ins.arg & 0xFF, (ins.arg >> 8) & 0xFF
    t.emit(f"u_ = {t.helper('unpack_ex')}({S(d - 1)}, {before}, {after})")
    for j in range(before + after + 1):
        t.emit(f"{S(d - 1 + j)} = u_[{j}]")


@emits("BINARY_OP_MULTI")
def _e_binary(t, ins, d):
    x, y = S(d - 2), S(d - 1)
    if ins.arg in INPLACE:
        t.emit(f"{x} {INPLACE[ins.arg]} {y}")
    else:
        t.emit(f"{x} = {BINARY_EXPR[ins.arg].format(a=x, b=y)}")


@emits("UNARY_OP_MULTI")
def _e_unary(t, ins, d):
    t.emit(f"{S(d - 1)} = {UNARY_EXPR[ins.arg].format(a=S(d - 1))}")


@emits("CALL_FUNCTION", "CALL_METHOD")
def _e_call(t, ins, d):
    npos, nkw = ins.arg & 0xFF, (ins.arg >> 8) & 0xFF
    method = ins.info.name == "CALL_METHOD"
    base = d - npos - 2 * nkw - (2 if method else 1)
    fn = S(base)
    args = [S(k) for k in range(d - npos - 2 * nkw, d - 2 * nkw)]
    if nkw == 0:
        if not method:
            t.call(fn, args, fn)
            return
        self_ = S(base + 1)
        t.emit(f"if {self_} is NULL:")
        t.call(fn, args, fn, 5)
        t.emit("else:")
        t.call(fn, [self_] + args, fn, 5)
        return
    kws = [f"{S(k)}: {S(k + 1)}" for k in range(d - 2 * nkw, d, 2)]
    t.emit(f"kw_ = {{{', '.join(kws)}}}")
    call = t.helper("call")
    if method:
        self_ = S(base + 1)
        t.emit(f"{fn} = {call}({fn}, {tuple_source(args)} if {self_} is NULL else "
               f"{tuple_source([self_] + args)}, kw_)")
    else:
        t.emit(f"{fn} = {call}({fn}, {tuple_source(args)}, kw_)")


@emits("CALL_FUNCTION_VAR_KW", "CALL_METHOD_VAR_KW")
def _e_call_var_kw(t, ins, d):
    npos, nkw = ins.arg & 0xFF, (ins.arg >> 8) & 0xFF
    method = ins.info.name == "CALL_METHOD_VAR_KW"
    items = [S(k) for k in range(d - 1 - npos - 2 * nkw, d - 1)]
    base = d - 1 - npos - 2 * nkw - (2 if method else 1)
    fn = S(base)
    t.emit(f"a_, kw_ = {t.helper('var_kw_args')}({tuple_source(items)}, {npos}, {nkw}, {S(d - 1)})")
    if method:
        t.emit(f"if {S(base + 1)} is not NULL: a_.insert(0, {S(base + 1)})")
    t.emit(f"{fn} = {t.helper('call')}({fn}, _tuple(a_), kw_)")


@emits("JUMP")
def _e_jump(t, ins, d):
    t.goto(ins.target)


@emits("POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE", "JUMP_IF_TRUE_OR_POP", "JUMP_IF_FALSE_OR_POP")
def _e_branch(t, ins, d):
    t.emit(f"if {'' if 'TRUE' in ins.info.name else 'not '}{S(d - 1)}:")
    t.goto(ins.target, 5)
    if ins.target <= ins.offset:  # a while loop's test, not taken: the loop ends, and
        t.emit("if _KI[0]: _ki_take()")  # MicroPython checks pending work at every jump


@emits("RETURN_VALUE")
def _e_return(t, ins, d):
    if t.has_exc:
        t.emit("if xs:")
        t.unwind_return(S(d - 1), ins.offset + ins.size, 5)
    t.emit(f"return {S(d - 1)}")


@emits("RAISE_OBJ")
def _e_raise_obj(t, ins, d):
    t.emit(f"raise {t.helper('raise_obj')}({S(d - 1)})")


@emits("RAISE_FROM")
def _e_raise_from(t, ins, d):
    t.emit(f"raise {t.helper('raise_from')}({S(d - 2)}, {S(d - 1)}, {t.bind('_vm', t.vm)})")


@emits("RAISE_LAST")
def _e_raise_last(t, ins, d):
    t.emit("for b_ in reversed(xs):")
    t.emit("if b_[2] is not None: raise b_[2]", 5)
    t.emit(f"raise {t.helper('no_reraise')}()")


@emits("GET_ITER")
def _e_get_iter(t, ins, d):
    t.emit(f"{S(d - 1)} = {t.helper('get_iter')}({S(d - 1)}, {t.bind('_vm', t.vm)})")


@emits("GET_ITER_STACK")
def _e_get_iter_stack(t, ins, d):  # MicroPython's iter_buf layout: [NULL, iterator, -, -]
    t.emit(f"{S(d)} = iter({S(d - 1)}); {S(d - 1)} = NULL")


@emits("FOR_ITER")
def _e_for_iter(t, ins, d):
    t.emit("try:")
    t.emit(f"{S(d)} = next({S(d - 3)})", 5)
    t.emit("except StopIteration:")
    t.goto(ins.target, 5)


@emits("MAKE_FUNCTION", "MAKE_FUNCTION_DEFARGS", "MAKE_CLOSURE", "MAKE_CLOSURE_DEFARGS")
def _e_make_function(t, ins, d):
    n = ins.info.name
    child = t.bind(f"child{ins.arg}", t.code.child(ins.arg))
    if n == "MAKE_FUNCTION":
        t.emit(f"{S(d)} = Function({child}, G)")
    elif n == "MAKE_FUNCTION_DEFARGS":
        t.emit(f"{S(d - 2)} = Function({child}, G, {S(d - 2)}, {S(d - 1)})")
    else:
        m = ins.extra
        cells = tuple_source([S(k) for k in range(d - m, d)])
        if n == "MAKE_CLOSURE":
            t.emit(f"{S(d - m)} = Function({child}, G, None, None, {cells})")
        else:
            t.emit(f"{S(d - m - 2)} = Function({child}, G, {S(d - m - 2)}, {S(d - m - 1)}, {cells})")


@emits("LOAD_BUILD_CLASS")
def _e_build_class(t, ins, d):
    t.emit(f"{S(d)} = _B['__build_class__']")  # the guest may override it


@emits("SETUP_WITH")
def _e_setup_with(t, ins, d):
    o = S(d - 1)
    t.emit(f"o_ = {o}")
    t.emit(f"{o} = _special(o_, '__exit__'); {S(d)} = NULL")
    t.emit(f"{S(d + 1)} = _special(o_, '__enter__')()")
    t.emit(f"xs.append([{ins.target}, True, None])")


@emits("POP_EXCEPT_JUMP")
def _e_pop_except_jump(t, ins, d):
    t.emit("xs.pop()")
    t.goto(ins.target)


@emits("WITH_CLEANUP")
def _e_with_cleanup(t, ins, d):
    ex, x = S(d - 3), S(d - 1)
    t.emit(f"x_ = {x}")
    t.emit(f"if x_ is None or _type(x_) is _Unwind: {ex}(None, None, None); {ex} = x_")
    t.emit(f"elif {ex}(_type(x_), x_, None): {ex} = None")
    t.emit(f"else: {ex} = x_")


@emits("END_FINALLY")
def _e_end_finally(t, ins, d):
    nxt = ins.offset + ins.size
    t.emit("xs.pop()")
    t.emit(f"x_ = {S(d - 1)}")
    t.emit("if x_ is not None:")
    t.emit("if _type(x_) is _Unwind:", 5)
    t.emit("if x_.value < 0:", 6)
    t.unwind_return("x_.payload", nxt, 7)
    t.unwind_jump("x_.value", "x_.payload", nxt, 6)
    t.emit("raise x_", 5)


@emits("UNWIND_JUMP")
def _e_unwind_jump(t, ins, d):
    t.unwind_jump(str(ins.extra), str(ins.target), ins.offset + ins.size, 4)


@emits("YIELD_VALUE")
def _e_yield(t, ins, d):  # a translated generator is a host generator
    t.emit(f"{S(d - 1)} = yield {S(d - 1)}")


@emits("YIELD_FROM")
def _e_yield_from(t, ins, d):
    t.emit(f"{S(d - 2)} = yield from {S(d - 2)}")


@emits("IMPORT_NAME")
def _e_import_name(t, ins, d):
    vm = t.bind("_vm", t.vm)
    t.emit(f"{S(d - 2)} = {t.helper('import_name')}({vm}, {t.const(t.q[ins.arg])}, G, "
           f"{S(d - 1)}, {S(d - 2)})")


@emits("IMPORT_FROM")
def _e_import_from(t, ins, d):
    f = t.bind("_import_from", t.vm.importer.import_from)
    t.emit(f"{S(d)} = {f}({S(d - 1)}, {t.const(t.q[ins.arg])})")


@emits("IMPORT_STAR")  # module code only: into its globals
def _e_import_star(t, ins, d):
    f = t.bind("_import_star", t.vm.importer.import_star)
    t.emit(f"{f}({S(d - 1)}, G)")


def is_plain_attr(name: str) -> bool:
    """A name that may stand as a literal `.name` in generated code (behind a type guard).

    Only ASCII identifiers: Python normalises other identifiers to NFKC when it compiles the
    generated source, so a fullwidth name would reach a different host attribute than the
    one checked here."""
    return (name.isascii() and name[:1] != "_" and name.isidentifier()
            and not keyword.iskeyword(name)
            and name not in DENIED_NAMES and name not in ("format", "format_map"))

"""Builds tier-0 instruction closures from the opcode table: one `op(s, fast, f) -> pc` each.

``s`` is the frame's value stack, ``fast`` its locals, ``f`` the frame. An op returns the
bytecode offset of the next instruction, RETURN or YIELD. Handlers are chosen by the
opcode's name in ``mpy.opcodes`` (the table is the single source of truth).
"""

from __future__ import annotations

import operator

from .errtext import store_subscr_error
from .runtime import truncated_store
from .objects import NULL
from .ops_flow import (  # noqa: F401  (the table below names them)
    _unwind_jump,
    _unwind_return,
    b_call_function,
    b_call_function_var_kw,
    b_call_method,
    b_call_method_var_kw,
    b_end_finally,
    b_for_iter,
    b_get_iter,
    b_get_iter_stack,
    b_import_from,
    b_import_name,
    b_import_star,
    b_jump,
    b_jump_if_false_or_pop,
    b_jump_if_true_or_pop,
    b_make_closure,
    b_make_closure_defargs,
    b_make_function,
    b_make_function_defargs,
    b_pop_except_jump,
    b_pop_jump_if_false,
    b_pop_jump_if_true,
    b_raise_from,
    b_raise_last,
    b_raise_obj,
    b_return_value,
    b_setup_except,
    b_setup_finally,
    b_setup_with,
    b_unwind_jump,
    b_with_cleanup,
    b_yield_from,
    b_yield_value,
)
from .runtime import (
    binary_op_error,
    delete_name,
    guest_method,
    load_global,
    load_name,
    local_error,
    subscript_error,
    unpack,
    unpack_ex,
)


def _exc_match(e, cls):
    return isinstance(e, cls)


def _contains(a, b):
    return a in b


def _is(a, b):
    return a is b


BINARY_FUNCS = (
    operator.lt, operator.gt, operator.eq, operator.le, operator.ge, operator.ne, _contains, _is,
    _exc_match,
    operator.ior, operator.ixor, operator.iand, operator.ilshift, operator.irshift, operator.iadd,
    operator.isub, operator.imul, operator.imatmul, operator.ifloordiv, operator.itruediv,
    operator.imod, operator.ipow,
    operator.or_, operator.xor, operator.and_, operator.lshift, operator.rshift, operator.add,
    operator.sub, operator.mul, operator.matmul, operator.floordiv, operator.truediv,
    operator.mod, operator.pow,
)
UNARY_FUNCS = (operator.pos, operator.neg, operator.invert, operator.not_)


def build_ops(code) -> list:
    """One closure per instruction, in a list indexed by bytecode offset."""
    vm = code.vm
    ctx = code.ctx
    instrs = code.rc.instructions
    ops: list = [None] * (len(code.rc.bytecode) + 1)
    for k, ins in enumerate(instrs):
        nxt = ins.offset + ins.size
        builder = _BUILDERS[ins.info.name]
        ops[ins.offset] = builder(ins, nxt, code, vm, ctx)
    return ops


# ---- builders: each returns op(s, fast, f) -----------------------------------------------

def b_load_const_small_int(ins, nxt, code, vm, ctx):
    v = ins.arg

    def op(s, fast, f):
        s.append(v)
        return nxt
    return op


def b_const(value):
    def builder(ins, nxt, code, vm, ctx):
        def op(s, fast, f):
            s.append(value)
            return nxt
        return op
    return builder


def b_load_const_string(ins, nxt, code, vm, ctx):
    return b_const(ctx.qstr_text[ins.arg])(ins, nxt, code, vm, ctx)


def b_load_const_obj(ins, nxt, code, vm, ctx):
    return b_const(ctx.objs[ins.arg])(ins, nxt, code, vm, ctx)


def b_load_null(ins, nxt, code, vm, ctx):
    return b_const(NULL)(ins, nxt, code, vm, ctx)


def b_load_fast(ins, nxt, code, vm, ctx):
    i = ins.arg

    def op(s, fast, f):
        v = fast[i]
        if v is NULL:
            raise local_error()
        s.append(v)
        return nxt
    return op


def b_store_fast(ins, nxt, code, vm, ctx):
    i = ins.arg

    def op(s, fast, f):
        fast[i] = s.pop()
        return nxt
    return op


def b_delete_fast(ins, nxt, code, vm, ctx):
    i = ins.arg

    def op(s, fast, f):
        if fast[i] is NULL:
            raise local_error()
        fast[i] = NULL
        return nxt
    return op


def b_load_deref(ins, nxt, code, vm, ctx):
    i = ins.arg

    def op(s, fast, f):
        v = fast[i].value
        if v is NULL:
            raise local_error()
        s.append(v)
        return nxt
    return op


def b_store_deref(ins, nxt, code, vm, ctx):
    i = ins.arg

    def op(s, fast, f):
        fast[i].value = s.pop()
        return nxt
    return op


def b_delete_deref(ins, nxt, code, vm, ctx):
    i = ins.arg

    def op(s, fast, f):
        c = fast[i]
        if c.value is NULL:
            raise local_error()
        c.value = NULL
        return nxt
    return op


def b_load_name(ins, nxt, code, vm, ctx):
    name = ctx.qstr_text[ins.arg]
    builtins = vm.builtins

    def op(s, fast, f):
        s.append(load_name(name, f.locals, f.globals, builtins))
        return nxt
    return op


def b_load_global(ins, nxt, code, vm, ctx):
    name = ctx.qstr_text[ins.arg]
    builtins = vm.builtins

    def op(s, fast, f):
        s.append(load_global(name, f.globals, builtins))
        return nxt
    return op


def b_store_name(ins, nxt, code, vm, ctx):
    name = ctx.qstr_text[ins.arg]

    def op(s, fast, f):
        loc = f.locals
        (loc if loc is not None else f.globals)[name] = s.pop()
        return nxt
    return op


def b_store_global(ins, nxt, code, vm, ctx):
    name = ctx.qstr_text[ins.arg]

    def op(s, fast, f):
        f.globals[name] = s.pop()
        return nxt
    return op


def b_delete_name(ins, nxt, code, vm, ctx):
    name = ctx.qstr_text[ins.arg]

    def op(s, fast, f):
        delete_name(f.locals if f.locals is not None else f.globals, name)
        return nxt
    return op


def b_delete_global(ins, nxt, code, vm, ctx):
    name = ctx.qstr_text[ins.arg]

    def op(s, fast, f):
        delete_name(f.globals, name)
        return nxt
    return op


def b_load_attr(ins, nxt, code, vm, ctx):
    name = ctx.qstr_text[ins.arg]
    getattr_ = vm.sandbox.attr_getter(name)

    def op(s, fast, f):
        s[-1] = getattr_(s[-1])
        return nxt
    return op


def b_load_method(ins, nxt, code, vm, ctx):
    name = ctx.qstr_text[ins.arg]
    getattr_ = vm.sandbox.attr_getter(name)

    def op(s, fast, f):
        obj = s[-1]
        meth = guest_method(obj, name)
        if meth is not None:
            s.append(obj)
            s[-2] = meth
        else:
            s[-1] = getattr_(obj)
            s.append(NULL)
        return nxt
    return op


def b_load_super_method(ins, nxt, code, vm, ctx):
    name = ctx.qstr_text[ins.arg]
    getattr_ = vm.sandbox.attr_getter(name)
    host_super = super

    def op(s, fast, f):
        self_ = s.pop()
        cls = s.pop()
        s[-1] = getattr_(host_super(cls, self_))
        s.append(NULL)
        return nxt
    return op


def b_store_attr(ins, nxt, code, vm, ctx):
    name = ctx.qstr_text[ins.arg]
    setattr_ = vm.sandbox.attr_setter(name)

    delattr_ = vm.sandbox.delattr

    def op(s, fast, f):
        obj = s.pop()
        v = s.pop()
        if v is NULL:  # `del obj.name` stores MP_OBJ_NULL
            delattr_(obj, name)
        else:
            setattr_(obj, v)
        return nxt
    return op


def b_load_subscr(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        i = s.pop()
        try:
            s[-1] = s[-1][i]
        except TypeError as e:
            better = subscript_error(e, s[-1], i)
            if better is None:
                raise
            raise better from None
        return nxt
    return op


def b_store_subscr(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        i = s.pop()
        obj = s.pop()
        v = s.pop()
        try:
            if v is NULL:  # `del obj[i]` stores MP_OBJ_NULL
                del obj[i]
            else:
                obj[i] = v
        except AttributeError as e:
            raise store_subscr_error(e, obj) or e from None
        except ValueError:
            if v is NULL or not truncated_store(obj, i, v):
                raise
        return nxt
    return op


def b_load_build_class(ins, nxt, code, vm, ctx):
    builtins = vm.builtins

    def op(s, fast, f):
        s.append(builtins["__build_class__"])  # the guest may override it
        return nxt
    return op


def b_dup_top(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        s.append(s[-1])
        return nxt
    return op


def b_dup_top_two(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        s.extend(s[-2:])
        return nxt
    return op


def b_pop_top(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        s.pop()
        return nxt
    return op


def b_rot_two(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        s[-1], s[-2] = s[-2], s[-1]
        return nxt
    return op


def b_rot_three(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        s[-3], s[-2], s[-1] = s[-1], s[-3], s[-2]
        return nxt
    return op


def b_build_tuple(ins, nxt, code, vm, ctx):
    n = ins.arg
    if n == 0:
        return b_const(())(ins, nxt, code, vm, ctx)

    def op(s, fast, f):
        t = tuple(s[-n:])
        del s[-n:]
        s.append(t)
        return nxt
    return op


def b_build_list(ins, nxt, code, vm, ctx):
    n = ins.arg
    if n == 0:
        def op(s, fast, f):
            s.append([])
            return nxt
        return op

    def op(s, fast, f):
        t = s[-n:]
        del s[-n:]
        s.append(t)
        return nxt
    return op


def b_build_map(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        s.append({})
        return nxt
    return op


def b_store_map(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        k = s.pop()
        v = s.pop()
        s[-1][k] = v
        return nxt
    return op


def b_build_set(ins, nxt, code, vm, ctx):
    n = ins.arg

    def op(s, fast, f):
        t = set(s[len(s) - n:])
        del s[len(s) - n:]
        s.append(t)
        return nxt
    return op


def b_build_slice(ins, nxt, code, vm, ctx):
    n = ins.arg

    def op(s, fast, f):
        step = s.pop() if n == 3 else None
        stop = s.pop()
        s[-1] = slice(s[-1], stop, step)
        return nxt
    return op


def b_store_comp(ins, nxt, code, vm, ctx):
    kind, depth = ins.arg & 3, ins.arg >> 2
    if kind == 0:
        def op(s, fast, f):
            v = s.pop()
            s[-depth].append(v)
            return nxt
    elif kind == 1:
        def op(s, fast, f):
            k = s.pop()
            v = s.pop()
            s[-depth + 1][k] = v
            return nxt
    else:
        def op(s, fast, f):
            v = s.pop()
            s[-depth].add(v)
            return nxt
    return op


def b_unpack_sequence(ins, nxt, code, vm, ctx):
    n = ins.arg

    def op(s, fast, f):
        s.extend(reversed(unpack(s.pop(), n)))
        return nxt
    return op


def b_unpack_ex(ins, nxt, code, vm, ctx):
    n_before, n_after = ins.arg & 0xFF, (ins.arg >> 8) & 0xFF

    def op(s, fast, f):
        s.extend(unpack_ex(s.pop(), n_before, n_after))
        return nxt
    return op


def b_load_const_small_int_multi(ins, nxt, code, vm, ctx):
    return b_load_const_small_int(ins, nxt, code, vm, ctx)


def b_unary_op(ins, nxt, code, vm, ctx):
    fn = UNARY_FUNCS[ins.arg]

    def op(s, fast, f):
        s[-1] = fn(s[-1])
        return nxt
    return op


def b_binary_op(ins, nxt, code, vm, ctx):
    fn = BINARY_FUNCS[ins.arg]
    if ins.arg == 8:  # exception match against a class or tuple
        def op(s, fast, f):
            cls = s.pop()
            s[-1] = isinstance(s[-1], cls)
            return nxt
        return op

    index = ins.arg

    def op(s, fast, f):
        b = s.pop()
        try:
            s[-1] = fn(s[-1], b)
        except TypeError as e:
            better = binary_op_error(e, index, s[-1], b) if e.__traceback__.tb_next is None else None
            if better is None:
                raise
            raise better from None
        return nxt
    return op


_BUILDERS = {
    "LOAD_CONST_STRING": b_load_const_string,
    "LOAD_NAME": b_load_name,
    "LOAD_GLOBAL": b_load_global,
    "LOAD_ATTR": b_load_attr,
    "LOAD_METHOD": b_load_method,
    "LOAD_SUPER_METHOD": b_load_super_method,
    "STORE_NAME": b_store_name,
    "STORE_GLOBAL": b_store_global,
    "STORE_ATTR": b_store_attr,
    "DELETE_NAME": b_delete_name,
    "DELETE_GLOBAL": b_delete_global,
    "IMPORT_NAME": b_import_name,
    "IMPORT_FROM": b_import_from,
    "MAKE_CLOSURE": b_make_closure,
    "MAKE_CLOSURE_DEFARGS": b_make_closure_defargs,
    "LOAD_CONST_SMALL_INT": b_load_const_small_int,
    "LOAD_CONST_OBJ": b_load_const_obj,
    "LOAD_FAST_N": b_load_fast,
    "LOAD_DEREF": b_load_deref,
    "STORE_FAST_N": b_store_fast,
    "STORE_DEREF": b_store_deref,
    "DELETE_FAST": b_delete_fast,
    "DELETE_DEREF": b_delete_deref,
    "BUILD_TUPLE": b_build_tuple,
    "BUILD_LIST": b_build_list,
    "BUILD_MAP": b_build_map,
    "BUILD_SET": b_build_set,
    "BUILD_SLICE": b_build_slice,
    "STORE_COMP": b_store_comp,
    "UNPACK_SEQUENCE": b_unpack_sequence,
    "UNPACK_EX": b_unpack_ex,
    "MAKE_FUNCTION": b_make_function,
    "MAKE_FUNCTION_DEFARGS": b_make_function_defargs,
    "CALL_FUNCTION": b_call_function,
    "CALL_FUNCTION_VAR_KW": b_call_function_var_kw,
    "CALL_METHOD": b_call_method,
    "CALL_METHOD_VAR_KW": b_call_method_var_kw,
    "UNWIND_JUMP": b_unwind_jump,
    "JUMP": b_jump,
    "POP_JUMP_IF_TRUE": b_pop_jump_if_true,
    "POP_JUMP_IF_FALSE": b_pop_jump_if_false,
    "JUMP_IF_TRUE_OR_POP": b_jump_if_true_or_pop,
    "JUMP_IF_FALSE_OR_POP": b_jump_if_false_or_pop,
    "SETUP_WITH": b_setup_with,
    "SETUP_EXCEPT": b_setup_except,
    "SETUP_FINALLY": b_setup_finally,
    "POP_EXCEPT_JUMP": b_pop_except_jump,
    "FOR_ITER": b_for_iter,
    "LOAD_CONST_FALSE": b_const(False),
    "LOAD_CONST_NONE": b_const(None),
    "LOAD_CONST_TRUE": b_const(True),
    "LOAD_NULL": b_load_null,
    "LOAD_BUILD_CLASS": b_load_build_class,
    "LOAD_SUBSCR": b_load_subscr,
    "STORE_SUBSCR": b_store_subscr,
    "DUP_TOP": b_dup_top,
    "DUP_TOP_TWO": b_dup_top_two,
    "POP_TOP": b_pop_top,
    "ROT_TWO": b_rot_two,
    "ROT_THREE": b_rot_three,
    "WITH_CLEANUP": b_with_cleanup,
    "END_FINALLY": b_end_finally,
    "GET_ITER": b_get_iter,
    "GET_ITER_STACK": b_get_iter_stack,
    "STORE_MAP": b_store_map,
    "RETURN_VALUE": b_return_value,
    "RAISE_LAST": b_raise_last,
    "RAISE_OBJ": b_raise_obj,
    "RAISE_FROM": b_raise_from,
    "YIELD_VALUE": b_yield_value,
    "YIELD_FROM": b_yield_from,
    "IMPORT_STAR": b_import_star,
    "LOAD_CONST_SMALL_INT_MULTI": b_load_const_small_int_multi,
    "LOAD_FAST_MULTI": b_load_fast,
    "STORE_FAST_MULTI": b_store_fast,
    "UNARY_OP_MULTI": b_unary_op,
    "BINARY_OP_MULTI": b_binary_op,
}

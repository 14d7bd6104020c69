"""Tier-0 closures for control flow: jumps, exception blocks and unwinding, calls,
function creation, returns, raises, yields and imports (see ``jitvm.ops`` for the table)."""

from __future__ import annotations

from .gexc import GUEST_EXC
from .interp import FUSE_AFTER_BACKJUMPS, RETURN, YIELD, ExcBlock, Unwind
from .objects import NULL, Function, Generator

_TypeError = GUEST_EXC["TypeError"]
_RuntimeError = GUEST_EXC["RuntimeError"]


def enter_translated(code, f, target):
    from .translate import enter_translated as enter

    return enter(code, f, target)

def b_jump(ins, nxt, code, vm, ctx):
    target = ins.target
    if target < nxt:
        def op(s, fast, f):
            code.backjumps += 1
            if code.backjumps == FUSE_AFTER_BACKJUMPS:
                code.fuse()
            if code.translated is not None and f.locals is None and not f.exc:
                return enter_translated(code, f, target)
            return target
    else:
        def op(s, fast, f):
            return target
    return op


def b_pop_jump_if_true(ins, nxt, code, vm, ctx):
    target = ins.target
    if target < nxt:  # the back edge of a while loop: counts toward tier-up
        def op(s, fast, f):
            if s.pop():
                code.backjumps += 1
                if code.backjumps == FUSE_AFTER_BACKJUMPS:
                    code.fuse()
                if code.translated is not None and f.locals is None and not f.exc:
                    return enter_translated(code, f, target)
                return target
            return nxt
        return op

    def op(s, fast, f):
        if s.pop():
            return target
        return nxt
    return op


def b_pop_jump_if_false(ins, nxt, code, vm, ctx):
    target = ins.target
    if target < nxt:
        def op(s, fast, f):
            if s.pop():
                return nxt
            code.backjumps += 1
            if code.backjumps == FUSE_AFTER_BACKJUMPS:
                code.fuse()
            if code.translated is not None and f.locals is None and not f.exc:
                return enter_translated(code, f, target)
            return target
        return op

    def op(s, fast, f):
        if s.pop():
            return nxt
        return target
    return op


def b_jump_if_true_or_pop(ins, nxt, code, vm, ctx):
    target = ins.target

    def op(s, fast, f):
        if s[-1]:
            return target
        s.pop()
        return nxt
    return op


def b_jump_if_false_or_pop(ins, nxt, code, vm, ctx):
    target = ins.target

    def op(s, fast, f):
        if s[-1]:
            s.pop()
            return nxt
        return target
    return op


def b_setup_with(ins, nxt, code, vm, ctx):
    handler = ins.target
    lookup = vm.sandbox.special_method

    def op(s, fast, f):
        obj = s[-1]
        exit_ = lookup(obj, "__exit__")
        enter = lookup(obj, "__enter__")
        s[-1] = exit_
        s.append(NULL)
        value = enter()
        f.exc.append(ExcBlock(handler, len(s), True))
        s.append(value)
        return nxt
    return op


def b_with_cleanup(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        top = s[-1]
        if top is None:
            s.pop()
            s.pop()
            exit_ = s.pop()
            exit_(None, None, None)
            s.append(None)
        elif type(top) is Unwind:
            cause = s.pop()
            data = s.pop()
            s.pop()
            exit_ = s.pop()
            exit_(None, None, None)
            s.append(data)
            s.append(cause)
        else:
            exc = s.pop()
            s.pop()
            exit_ = s.pop()
            if exit_(type(exc), exc, None):
                s.append(None)
            else:
                s.append(exc)
        return nxt
    return op


def _unwind_jump(f, s, unum, here):
    """MicroPython's unwind_jump: run pending finally blocks, then jump."""
    exc = f.exc
    while unum & 0x7F:
        unum -= 1
        blk = exc[-1]
        if blk.is_finally:
            if blk.handler >= here:
                s.append(Unwind(unum))
                return blk.handler
            _cancel_active_finally(s)
        exc.pop()
    dest = s.pop().value
    if unum:
        del s[-4:]
    return dest


def _cancel_active_finally(s):
    if type(s[-2]) is Unwind:
        s[-3] = s[-1]
        del s[-2:]
    else:
        s[-2] = s[-1]
        s.pop()


def _unwind_return(f, s, here):
    """MicroPython's unwind_return: run pending finally blocks before returning TOS."""
    exc = f.exc
    while exc:
        blk = exc[-1]
        if blk.is_finally:
            if blk.handler >= here:
                ret = s[-1]
                del s[blk.depth:]
                s.append(ret)
                s.append(Unwind(-1))
                return blk.handler
            _cancel_active_finally(s)
        exc.pop()
    f.retval = s.pop()
    return RETURN


def b_unwind_jump(ins, nxt, code, vm, ctx):
    target, unum = ins.target, ins.extra

    def op(s, fast, f):
        s.append(Unwind(target))
        return _unwind_jump(f, s, unum, nxt)
    return op


def b_setup_except(ins, nxt, code, vm, ctx):
    handler = ins.target

    def op(s, fast, f):
        f.exc.append(ExcBlock(handler, len(s), False))
        return nxt
    return op


def b_setup_finally(ins, nxt, code, vm, ctx):
    handler = ins.target

    def op(s, fast, f):
        f.exc.append(ExcBlock(handler, len(s), True))
        return nxt
    return op


def b_end_finally(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        f.exc.pop()
        top = s.pop()
        if top is None:
            return nxt
        if type(top) is Unwind:
            if top.value < 0:
                return _unwind_return(f, s, nxt)
            return _unwind_jump(f, s, top.value, nxt)
        raise top
    return op


def b_get_iter(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        s[-1] = iter(s[-1])
        return nxt
    return op


def b_get_iter_stack(ins, nxt, code, vm, ctx):
    def op(s, fast, f):  # MicroPython's iter_buf layout: [NULL, iterator, -, -]
        it = iter(s[-1])
        s[-1] = NULL
        s.append(it)
        s.append(NULL)
        s.append(NULL)
        return nxt
    return op


def b_for_iter(ins, nxt, code, vm, ctx):
    target = ins.target

    def op(s, fast, f):
        try:
            s.append(next(s[-3]))
            return nxt
        except StopIteration:
            del s[-4:]
            return target
    return op


def b_pop_except_jump(ins, nxt, code, vm, ctx):
    target = ins.target

    def op(s, fast, f):
        f.exc.pop()
        return target
    return op


def b_make_function(ins, nxt, code, vm, ctx):
    child = code.child(ins.arg)

    def op(s, fast, f):
        s.append(Function(child, f.globals))
        return nxt
    return op


def b_make_function_defargs(ins, nxt, code, vm, ctx):
    child = code.child(ins.arg)

    def op(s, fast, f):
        kw = s.pop()
        d = s.pop()
        s.append(Function(child, f.globals, d, kw))
        return nxt
    return op


def b_make_closure(ins, nxt, code, vm, ctx):
    child = code.child(ins.arg)
    n = ins.extra

    def op(s, fast, f):
        closed = tuple(s[-n:])
        del s[-n:]
        s.append(Function(child, f.globals, None, None, closed))
        return nxt
    return op


def b_make_closure_defargs(ins, nxt, code, vm, ctx):
    child = code.child(ins.arg)
    n = ins.extra

    def op(s, fast, f):
        closed = tuple(s[-n:])
        del s[-n:]
        kw = s.pop()
        d = s.pop()
        s.append(Function(child, f.globals, d, kw, closed))
        return nxt
    return op


def _call(fn, args, kwargs):
    if type(fn) is Function:
        return fn.code.invoke(fn, args, kwargs)
    return fn(*args, **kwargs)


def _kw_from_stack(s, n_kw):
    kw = {}
    base = len(s) - 2 * n_kw
    for j in range(base, len(s), 2):
        kw[s[j]] = s[j + 1]
    del s[base:]
    return kw


def b_call_function(ins, nxt, code, vm, ctx):
    n_pos, n_kw = ins.arg & 0xFF, (ins.arg >> 8) & 0xFF
    if n_kw == 0:
        def op(s, fast, f):
            if n_pos:
                args = tuple(s[-n_pos:])
                del s[-n_pos:]
            else:
                args = ()
            fn = s[-1]
            if type(fn) is Function:
                s[-1] = fn.code.invoke(fn, args, None)
            else:
                s[-1] = fn(*args)
            return nxt
        return op

    def op(s, fast, f):
        kw = _kw_from_stack(s, n_kw)
        args = tuple(s[len(s) - n_pos:])
        del s[len(s) - n_pos:]
        s[-1] = _call(s[-1], args, kw)
        return nxt
    return op


def b_call_method(ins, nxt, code, vm, ctx):
    n_pos, n_kw = ins.arg & 0xFF, (ins.arg >> 8) & 0xFF

    def op(s, fast, f):
        kw = _kw_from_stack(s, n_kw) if n_kw else None
        if n_pos:
            args = s[-n_pos:]
            del s[-n_pos:]
        else:
            args = []
        self_ = s.pop()
        fn = s[-1]
        if self_ is not NULL:
            args.insert(0, self_)
        if type(fn) is Function:
            s[-1] = fn.code.invoke(fn, tuple(args), kw)
        elif kw:
            s[-1] = fn(*args, **kw)
        else:
            s[-1] = fn(*args)
        return nxt
    return op


def _var_kw_args(s, n_pos, n_kw):
    """Decode a CALL_*_VAR_KW layout: positional args, (key, value) pairs, star bitmap."""
    star = s.pop()
    base = len(s) - n_pos - 2 * n_kw
    items = s[base:]
    del s[base:]
    args: list = []
    for j in range(n_pos):
        if star >> j & 1:
            args.extend(items[j])
        else:
            args.append(items[j])
    kw: dict = {}
    for j in range(n_pos, n_pos + 2 * n_kw, 2):
        k, v = items[j], items[j + 1]
        if k is NULL:
            if not hasattr(v, "keys"):
                raise _TypeError("argument after ** must be a mapping")
            for kk in v.keys():
                kw[kk] = v[kk]
        else:
            kw[k] = v
    return args, kw


def b_call_function_var_kw(ins, nxt, code, vm, ctx):
    n_pos, n_kw = ins.arg & 0xFF, (ins.arg >> 8) & 0xFF

    def op(s, fast, f):
        args, kw = _var_kw_args(s, n_pos, n_kw)
        s[-1] = _call(s[-1], tuple(args), kw)
        return nxt
    return op


def b_call_method_var_kw(ins, nxt, code, vm, ctx):
    n_pos, n_kw = ins.arg & 0xFF, (ins.arg >> 8) & 0xFF

    def op(s, fast, f):
        args, kw = _var_kw_args(s, n_pos, n_kw)
        self_ = s.pop()
        if self_ is not NULL:
            args.insert(0, self_)
        s[-1] = _call(s[-1], tuple(args), kw)
        return nxt
    return op


def b_return_value(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        if f.exc:
            return _unwind_return(f, s, nxt)
        f.retval = s.pop()
        return RETURN
    return op


def b_raise_last(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        for blk in reversed(f.exc):
            if blk.prev_exc is not None:
                raise blk.prev_exc
        raise _RuntimeError("no active exception to reraise")
    return op


def _make_raise_obj(o):
    if isinstance(o, type) and issubclass(o, BaseException):
        return o()
    if isinstance(o, BaseException):
        return o
    return _TypeError("exceptions must derive from BaseException")


def b_raise_obj(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        raise _make_raise_obj(s.pop())
    return op


def b_raise_from(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        cause = s.pop()
        e = _make_raise_obj(s.pop())
        if cause is not None and isinstance(e, BaseException):
            e.__cause__ = _make_raise_obj(cause)
        raise e
    return op


def b_yield_value(ins, nxt, code, vm, ctx):
    here = ins.offset

    def op(s, fast, f):
        f.retval = s.pop()
        f.pc = nxt
        f.yield_pc = here
        return YIELD
    return op


def b_yield_from(ins, nxt, code, vm, ctx):
    here = ins.offset

    def op(s, fast, f):
        send = s.pop()
        inner = s[-1]
        inject = f.inject
        try:
            if inject is not None:
                f.inject = None
                if type(inner) is Generator:
                    v = inner.resume(None, inject)
                elif isinstance(inject, GeneratorExit):  # close(): the delegate is closed, not thrown into
                    closer = getattr(inner, "close", None)
                    if closer is not None:
                        closer()
                    raise inject
                else:
                    thrower = getattr(inner, "throw", None)
                    if thrower is None:
                        raise inject
                    v = thrower(inject)
            elif type(inner) is Generator:
                v = inner.resume(send, None)
            elif send is None:
                v = next(inner)
            else:
                v = inner.send(send)
        except StopIteration as e:
            s[-1] = e.value
            if inject is not None and isinstance(inject, GeneratorExit):
                raise inject
            return nxt
        except BaseException:
            s.pop()
            raise
        f.retval = v
        f.pc = here
        f.yield_pc = here
        return YIELD
    op.is_yield_from = True
    return op


def b_import_name(ins, nxt, code, vm, ctx):
    name = ctx.qstr_text[ins.arg]

    builtins = vm.builtins
    default_import = builtins["__import__"]

    def op(s, fast, f):
        fromlist = s.pop()
        level = s[-1]
        imp = builtins.get("__import__", default_import)
        if imp is default_import:
            s[-1] = vm.importer.import_name(name, fromlist, level, f.globals)
        else:  # an __import__ hook installed by the guest
            s[-1] = imp(name, f.globals, None, fromlist, level)
        return nxt
    return op


def b_import_from(ins, nxt, code, vm, ctx):
    name = ctx.qstr_text[ins.arg]

    def op(s, fast, f):
        s.append(vm.importer.import_from(s[-1], name))
        return nxt
    return op


def b_import_star(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        vm.importer.import_star(s.pop(), f.locals if f.locals is not None else f.globals)
        return nxt
    return op



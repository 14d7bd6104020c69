"""Tier-0 closures for control flow: jumps, exception blocks and unwinding, calls,
function creation, returns, raises, yields and imports (see ``jitvm.ops`` for the table)."""

from __future__ import annotations

from .interp import RETURN, TRANSLATE_AFTER_BACKJUMPS, YIELD, ExcBlock
from .interrupt import PENDING, take
from .objects import NULL, Function, Generator
from .runtime import (
    new_type,
    Unwind,
    call,
    import_name,
    kw_dict,
    no_reraise,
    get_iter,
    raise_from,
    raise_obj,
    var_kw_args,
)


def back_edge(code, f, target):
    """A loop turns in the frame interpreter: count it; once the function has its Python
    translation, the frame continues there (on-stack replacement), a generator's frame by
    delegating to a translated generator started at the loop header."""
    if PENDING[0]:  # a safe point: a pending Ctrl-C raises here (jitvm.interrupt)
        take()
    code.backjumps += 1
    if code.backjumps == TRANSLATE_AFTER_BACKJUMPS:
        code.translate()
    if code.translation is None and code.gen_factory is None:
        return target
    from .translate import can_enter, enter_translated, enter_translated_generator

    if not can_enter(f):
        return target
    if code.is_generator:
        return enter_translated_generator(code, f, target)
    return enter_translated(code, f, target)


def b_delegate(code):
    """The op a generator frame runs after moving into its translation (``back_edge``): the
    frame's value stack is [translated generator, sent value], and the op is YIELD_FROM then
    RETURN_VALUE (sends, throws and close go through to the translation)."""
    end = len(code.rc.bytecode)

    def op(s, fast, f):
        send = s.pop()
        inner = s[-1]
        inject = f.inject
        f.inject = None
        try:
            v = delegate_step(inner, send, inject)
        except StopIteration as e:
            s.clear()
            f.retval = e.value
            return RETURN
        except BaseException as e:
            s.clear()
            try:
                e._jitvm_skip_frame = f  # the translation added this frame's traceback line
            except AttributeError:
                pass
            raise
        f.retval = v
        f.pc = end
        f.yield_pc = end
        return YIELD
    op.is_yield_from = True
    return op


def b_jump(ins, nxt, code, vm, ctx):
    target = ins.target
    if target < nxt:
        def op(s, fast, f):
            return back_edge(code, f, target)
    else:
        def op(s, fast, f):
            return target
    return op


def b_pop_jump_if_true(ins, nxt, code, vm, ctx):
    target = ins.target
    if target < nxt:  # the back edge of a while loop: counts toward tier-up
        def op(s, fast, f):
            if s.pop():
                return back_edge(code, f, target)
            if PENDING[0]:  # the loop ends: MicroPython checks pending work at every jump
                take()
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
                if PENDING[0]:  # the loop ends (see b_pop_jump_if_true)
                    take()
                return nxt
            return back_edge(code, f, target)
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
        s[-1] = get_iter(s[-1], vm)
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


def _kw_from_stack(s, n_kw):
    base = len(s) - 2 * n_kw
    kw = kw_dict(s[base:])
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
            elif fn is type and n_pos == 3:
                s[-1] = new_type(*args)
            else:
                s[-1] = fn(*args)
            return nxt
        return op

    def op(s, fast, f):
        kw = _kw_from_stack(s, n_kw)
        args = tuple(s[len(s) - n_pos:])
        del s[len(s) - n_pos:]
        s[-1] = call(s[-1], args, kw)
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
    """Pop a CALL_*_VAR_KW layout: positional args, (key, value) pairs, star bitmap."""
    star = s.pop()
    base = len(s) - n_pos - 2 * n_kw
    items = s[base:]
    del s[base:]
    return var_kw_args(items, n_pos, n_kw, star)


def b_call_function_var_kw(ins, nxt, code, vm, ctx):
    n_pos, n_kw = ins.arg & 0xFF, (ins.arg >> 8) & 0xFF

    def op(s, fast, f):
        args, kw = _var_kw_args(s, n_pos, n_kw)
        s[-1] = call(s[-1], tuple(args), kw)
        return nxt
    return op


def b_call_method_var_kw(ins, nxt, code, vm, ctx):
    n_pos, n_kw = ins.arg & 0xFF, (ins.arg >> 8) & 0xFF

    def op(s, fast, f):
        args, kw = _var_kw_args(s, n_pos, n_kw)
        self_ = s.pop()
        if self_ is not NULL:
            args.insert(0, self_)
        s[-1] = call(s[-1], tuple(args), kw)
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
        raise no_reraise()
    return op


def b_raise_obj(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        raise raise_obj(s.pop())
    return op


def b_raise_from(ins, nxt, code, vm, ctx):
    def op(s, fast, f):
        cause = s.pop()
        raise raise_from(s.pop(), cause, vm)
    return op


def b_yield_value(ins, nxt, code, vm, ctx):
    here = ins.offset

    def op(s, fast, f):
        f.retval = s.pop()
        f.pc = nxt
        f.yield_pc = here
        return YIELD
    return op


def delegate_step(inner, send, inject):
    """One step of ``yield from inner``: send ``send`` or throw ``inject`` into it; returns
    what it yields (StopIteration when it returns). A GeneratorExit closes the delegate
    rather than being thrown into it."""
    if inject is not None:
        if type(inner) is Generator:
            return inner.resume(None, inject)
        if isinstance(inject, GeneratorExit):
            closer = getattr(inner, "close", None)
            if closer is not None:
                closer()
            raise inject
        thrower = getattr(inner, "throw", None)
        if thrower is None:
            raise inject
        return thrower(inject)
    if type(inner) is Generator:
        return inner.resume(send, None)
    if send is None:
        return next(inner)
    return inner.send(send)


def b_yield_from(ins, nxt, code, vm, ctx):
    here = ins.offset

    def op(s, fast, f):
        send = s.pop()
        inner = s[-1]
        inject = f.inject
        f.inject = None
        try:
            v = delegate_step(inner, send, inject)
        except StopIteration as e:
            if e is inject:  # thrown in, and the delegate could not take it: raised here
                s.pop()
                raise
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

    def op(s, fast, f):
        fromlist = s.pop()
        s[-1] = import_name(vm, name, f.globals, fromlist, s[-1])
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



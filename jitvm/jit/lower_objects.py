"""Lowering of operations on objects (a mixin of ``lower.Lowering``), as MicroPython's native
emitter does them: a C-API call where tier 0's generated Python has an operator, the
sandbox's own getters where it calls one.

* ``a <op> b`` with an operand that is no number: both boxed, ``PyNumber_*`` (in-place forms
  for the in-place ops), ``PyObject_RichCompare``, ``PySequence_Contains``; ``is`` compares
  references. A TypeError the operation itself raised (no Python frame in its traceback)
  gets MicroPython's wording from ``errtext.refine``, as tier 0's does.
* truth: ``PyObject_IsTrue``; ``-x``, ``+x``, ``~x``: ``PyNumber_*``.
* ``o.name``: for a public ASCII name on an object whose type is in the sandbox's
  ``DIRECT_TYPES`` (the guest's own instances and plain values) ``PyObject_GetAttr``, as
  tier 0's ``o.name``; anything else goes through ``Sandbox.getattr``. ``o.name = v``
  likewise (``PyObject_SetAttr`` / ``Sandbox.setattr``).
* ``o.name(...)`` (LOAD_METHOD / CALL_METHOD): ``guest_method`` finds a guest class's plain
  function (then called with ``o`` first, through its call slot), else the attribute is
  called; ``o[i]`` and ``o[i] = v``: ``PyObject_GetItem`` / ``PyObject_SetItem``.

Every result is a new reference typed ``obj``; failures leave through ``check`` (the
function's traceback entry at this instruction, then the caller's handlers).
"""

from __future__ import annotations

from llvmlite import ir

from jitvm.emitters import is_plain_attr
from jitvm.objects import NULL, guest_method
from jitvm.sandbox import DIRECT_TYPES

from .engine import NUMBER_OPS
from .irutil import I32, P, i1, i64
from .typer import BOOL, INT, NONE, NUMBERS, OBJ, type_of_number

# BINARY_OP_MULTI index -> Py_LT.. for the six comparisons (MicroPython: < > == <= >= !=)
RICH = {0: 0, 1: 4, 2: 2, 3: 1, 4: 5, 5: 3}
IN, IS = 6, 7
EQ, NE = 2, 5
POWER, INPLACE_POWER = 34, 21
# BINARY_OP_MULTI index -> the C-API function (22.. plain, 9.. in place)
_ORDER = ("Or", "Xor", "And", "Lshift", "Rshift", "Add", "Subtract", "Multiply",
          "MatrixMultiply", "FloorDivide", "TrueDivide", "Remainder")
NUMBER_FN = {**{22 + k: f"PyNumber_{n}" for k, n in enumerate(_ORDER)},
             **{9 + k: f"PyNumber_InPlace{n}" for k, n in enumerate(_ORDER)}}
assert set(_ORDER) == set(NUMBER_OPS)
UNARY_FN = {0: "PyNumber_Positive", 1: "PyNumber_Negative", 2: "PyNumber_Invert"}
SUBSCR = -1  # refine()'s code for LOAD_SUBSCR
_NO_CAUSE = object()


def refine(exc, what, a, b):
    """The exception to raise for ``exc``, which the C API raised itself at a binary op
    (``what``: its BINARY_OP_MULTI index) or a subscript (``SUBSCR``) on ``a`` and ``b``:
    MicroPython's text where tier 0 gives one, else ``exc``. Never raises."""
    from jitvm.errtext import refine as text

    try:
        r = text(exc, "LOAD_SUBSCR" if what == SUBSCR else "BINARY_OP_MULTI", what, [a, b])
    except Exception:  # noqa: BLE001 - a failed rewording keeps the original error
        r = None
    return exc if r is None else r


class ObjectLowering:
    """Needs: em, pc, q, get/put, check, helpers_obj (refine, getattr, setattr, method)."""

    def object_instr(self, ins, stk: tuple) -> bool:
        """Lower ``ins`` if it is an operation on objects (as the typer decided); False if
        it is not one."""
        n, a, off = ins.info.name, ins.arg, ins.offset
        t = self.t
        if n in ("LOAD_CONST_OBJ", "LOAD_CONST_STRING"):
            v = self.q[a] if n == "LOAD_CONST_STRING" else self.code.ctx.objs[a]
            if n == "LOAD_CONST_OBJ" and type_of_number(v) is not None:
                return False
            r = self.em.obj(v)  # the module's own object, as tier 0 pushes it
            self.em.incref(r)
            self.put(len(stk), OBJ, r)
        elif n == "LOAD_METHOD" and off in t.generic_methods:
            self.load_method_obj(ins, stk)
        elif n == "LOAD_ATTR" and off not in t.attrs:
            self.load_attr_obj(ins, stk)
        elif n == "STORE_ATTR":
            self.store_attr_obj(ins, stk)
        elif n == "CALL_METHOD" and getattr(t.calls.get(off), "kind", "") == "method":
            self.call_method_obj(a & 0xFF, stk)
        elif n == "LOAD_SUBSCR" and off in t.generic_items:
            self.load_subscr_obj(stk)
        elif n == "STORE_SUBSCR" and off in t.generic_items:
            self.store_subscr_obj(stk)
        elif n == "BINARY_OP_MULTI" and (stk[-2] not in NUMBERS or stk[-1] not in NUMBERS):
            self.binary_obj(a, stk)
        elif n == "UNARY_OP_MULTI" and stk[-1] not in NUMBERS:
            self.unary_obj(a, stk)
        elif n == "BUILD_LIST":
            self.build_list(a, stk)
        elif n == "BUILD_SLICE":
            self.build_slice(a, stk)
        elif n in ("RAISE_OBJ", "RAISE_FROM"):
            self.raise_obj(1 if n == "RAISE_OBJ" else 2, stk)
        else:
            return False
        return True

    # ---- helpers -----------------------------------------------------------------------
    def own_value(self, t: str, v):
        """A new reference to a stack value (a reference moves; a number is boxed: NULL if
        that failed)."""
        return self.em.box(t, v)

    def check_owned(self, ok, owned: list, stack: tuple) -> None:
        """Continue when ``ok``; else release ``owned`` (NULLs allowed) and raise."""
        em, b = self.em, self.em.b
        if not owned:
            self.check(ok, stack)
            return
        fail = b.append_basic_block(f"objfail{self.pc}")
        cont = b.append_basic_block(f"objok{self.pc}")
        b.cbranch(ok, cont, fail)
        b.position_at_end(fail)
        for v in owned:
            em.xdecref(v)
        self.check(i1(False), stack)
        b.unreachable()
        b.position_at_end(cont)

    def pop_owned(self, n: int, stk: tuple):
        """The top ``n`` stack values as new references (numbers boxed), and the stack
        below them; a failed box releases them all and raises from here."""
        d = len(stk)
        parts = [self.own_value(t, self.get(d - n + i, t)) for i, t in enumerate(stk[d - n:])]
        rest = stk[:d - n]
        self.check_owned(self.nonnull(*parts), parts, rest)
        return parts, rest

    def either(self, cond, on_true, on_false, ty=P):
        """The value ``on_true()`` or ``on_false()`` builds, in blocks of their own, as
        ``cond`` says (a phi of type ``ty``)."""
        b = self.em.b
        yes = b.append_basic_block(f"yes{self.pc}")
        no = b.append_basic_block(f"no{self.pc}")
        done = b.append_basic_block(f"either{self.pc}")
        b.cbranch(cond, yes, no)
        out = []
        for blk, build in ((yes, on_true), (no, on_false)):
            b.position_at_end(blk)
            v = build()
            out.append((v, b.block))
            b.branch(done)
        b.position_at_end(done)
        return self.em.phi(out, ty)

    def nonnull(self, *vs):
        b = self.em.b
        ok = i1(True)
        for v in vs:
            ok = b.and_(ok, b.icmp_unsigned("!=", v, ir.Constant(P, None)))
        return ok

    def _refine_fn(self):
        """refine_err(what, a, b): reword the pending exception (see ``refine``) when no
        Python frame is in its traceback."""
        fn = getattr(self, "_refine_ir", None)
        if fn is not None:
            return fn
        em = self.em
        saved = em.b
        fn = self._refine_ir = em.cold_function(f"{self.name}_refine", ir.VoidType(), [P, P, P])
        b = em.b
        t, v, tb = em.fetch_error()
        exc, tbv = b.load(v, typ=P), b.load(tb, typ=P)
        null = ir.Constant(P, None)
        direct = b.and_(b.icmp_unsigned("!=", exc, null), b.icmp_unsigned("==", tbv, null))
        with b.if_else(direct) as (then, otherwise):
            with then:
                args = b.alloca(P, size=4)
                for i, x in enumerate((exc, fn.args[0], fn.args[1], fn.args[2])):
                    b.store(x, b.gep(args, [i64(i)], source_etype=P))
                r = em.call("PyObject_Vectorcall", em.obj(self.helpers_obj[0]), args, i64(4),
                            null)
                with b.if_else(b.icmp_unsigned("!=", r, null)) as (ok, failed):
                    with ok:
                        typ = em.type_of(r)
                        em.incref(typ)
                        em.call("PyErr_Restore", typ, r, null)
                        em.xdecref(b.load(t, typ=P))
                        em.xdecref(exc)
                    with failed:  # the helper's own error is pending: drop the old one
                        em.xdecref(b.load(t, typ=P))
                        em.xdecref(exc)
            with otherwise:
                em.call("PyErr_Restore", b.load(t, typ=P), exc, tbv)
        b.ret_void()
        em.b = saved
        return fn

    def refined(self, r, what: int, a, c) -> None:
        """On a NULL result ``r``: reword the pending error from operands ``a`` and ``c``."""
        b = self.em.b
        with b.if_then(b.icmp_unsigned("==", r, ir.Constant(P, None)), likely=False):
            b.call(self._refine_fn(), [self.em.obj(what), a, c])

    # ---- operators ---------------------------------------------------------------------
    def binary_obj(self, op: int, stk: tuple) -> None:
        em, b = self.em, self.em.b
        d = len(stk)
        ta, tb = stk[-2], stk[-1]
        if op == IS and (ta in NUMBERS or tb in NUMBERS):  # a number `is` None (the typer)
            for t, k in ((ta, d - 2), (tb, d - 1)):
                if t not in NUMBERS:
                    em.decref(self.own_value(t, self.get(k, t)))
            self.put(d - 2, BOOL, i1(False))
            return
        (x, y), rest = self.pop_owned(2, stk)
        if op == IS:
            r = b.icmp_unsigned("==", x, y)
            em.decref(x)
            em.decref(y)
            self.put(d - 2, BOOL, r)
            return
        if op == IN:  # `x in y`: y's __contains__
            c = em.call("PySequence_Contains", y, x)
            em.decref(x)
            em.decref(y)
            self.check(b.icmp_signed(">=", c, ir.Constant(I32, 0)), rest)
            self.put(d - 2, BOOL, b.icmp_signed("!=", c, ir.Constant(I32, 0)))
            return
        if op in (EQ, NE):
            r = self.equal_obj(op, x, y)
        elif op in RICH:
            r = em.call("PyObject_RichCompare", x, y, ir.Constant(I32, RICH[op]))
        elif op in (POWER, INPLACE_POWER):
            none = em.obj(None)
            r = em.call("PyNumber_Power" if op == POWER else "PyNumber_InPlacePower", x, y, none)
        else:
            r = em.call(NUMBER_FN[op], x, y)
        self.refined(r, op, x, y)
        em.decref(x)
        em.decref(y)
        self.check(self.nonnull(r), rest)
        self.put(d - 2, OBJ, r)

    def equal_obj(self, op: int, x, y):
        """``x == y`` / ``x != y`` (a new reference or NULL): two exact strs compare in
        place (the same object, else PyUnicode_Compare), as CPython's own fast path for
        them does (1-character strings are shared, so ``c == "+"`` is mostly one compare);
        anything else through PyObject_RichCompare."""
        em, b = self.em, self.em.b
        strs = b.and_(em.is_exact(x, str), em.is_exact(y, str))

        def in_place():
            same = b.or_(b.icmp_unsigned("==", x, y),
                         b.icmp_signed("==", em.call("PyUnicode_Compare", x, y),
                                       ir.Constant(I32, 0)))
            if op == NE:
                same = b.not_(same)
            r = b.select(same, em.obj(True), em.obj(False))
            em.incref(r)
            return r

        return self.either(strs, in_place,
                           lambda: em.call("PyObject_RichCompare", x, y,
                                           ir.Constant(I32, RICH[op])))

    def unary_obj(self, op: int, stk: tuple) -> None:
        em, b = self.em, self.em.b
        d = len(stk)
        (x,), rest = self.pop_owned(1, stk)
        if op == 3:  # not
            c = em.call("PyObject_IsTrue", x)
            em.decref(x)
            self.check(b.icmp_signed(">=", c, ir.Constant(I32, 0)), rest)
            self.put(d - 1, BOOL, b.icmp_signed("==", c, ir.Constant(I32, 0)))
            return
        r = em.call(UNARY_FN[op], x)
        em.decref(x)
        self.check(self.nonnull(r), rest)
        self.put(d - 1, OBJ, r)

    def truth_obj(self, t: str, stk: tuple):
        """i1: the truth of the popped top (released here); raising leaves from here."""
        em, b = self.em, self.em.b
        if t == NONE:
            return i1(False)
        d = len(stk)
        x = self.get(d - 1, t)
        c = em.call("PyObject_IsTrue", x)
        em.decref(x)
        self.check(b.icmp_signed(">=", c, ir.Constant(I32, 0)), stk[:d - 1])
        return b.icmp_signed("!=", c, ir.Constant(I32, 0))

    # ---- attributes --------------------------------------------------------------------
    def direct_type(self, o):
        """i1: type(o) is in the sandbox's DIRECT_TYPES (plain attribute semantics)."""
        em, b = self.em, self.em.b
        c = em.call("PyDict_Contains", em.obj(DIRECT_TYPES), em.type_of(o))
        return b.icmp_signed("==", c, ir.Constant(I32, 1))

    def get_attr(self, o, name: str):
        """A new reference to o.name (o borrowed), or NULL with the error set."""
        em = self.em
        key = em.obj(name)
        slow_call = lambda: self.vcall(self.helpers_obj[1], [o, key])
        if not is_plain_attr(name):
            return slow_call()
        return self.either(self.direct_type(o), lambda: em.call("PyObject_GetAttr", o, key),
                           slow_call)

    def vcall(self, fn, args: list):
        """fn(*args) through PyObject_Vectorcall (args borrowed)."""
        em, b = self.em, self.em.b
        for i, a in enumerate(args):
            b.store(a, b.gep(self.call_arr, [i64(i)], source_etype=P))
        return em.call("PyObject_Vectorcall", em.obj(fn), self.call_arr, i64(len(args)),
                       ir.Constant(P, None))

    def load_attr_obj(self, ins, stk: tuple) -> None:
        em = self.em
        d = len(stk)
        o = self.own_value(stk[-1], self.get(d - 1, stk[-1]))  # a number is boxed
        self.check_owned(self.nonnull(o), [], stk[:d - 1])
        r = self.get_attr(o, self.q[ins.arg])
        em.decref(o)
        self.check(self.nonnull(r), stk[:d - 1])
        self.put(d - 1, OBJ, r)

    def store_attr_obj(self, ins, stk: tuple) -> None:
        em, b = self.em, self.em.b
        d = len(stk)
        name = self.q[ins.arg]
        o = self.get(d - 1, stk[-1])
        v = self.own_value(stk[-2], self.get(d - 2, stk[-2]))
        rest = stk[:d - 2]
        self.check_owned(self.nonnull(v), [o, v], rest)  # o: owned by the popped stack slot
        key = em.obj(name)
        zero = ir.Constant(I32, 0)
        def slow():  # the sandbox's setattr: None, or NULL with the error set
            r = self.vcall(self.helpers_obj[2], [o, key, v])
            em.xdecref(r)
            return self.nonnull(r)

        if is_plain_attr(name):
            ok = self.either(self.direct_type(o),
                             lambda: b.icmp_signed("==", em.call("PyObject_SetAttr", o, key, v),
                                                   zero),
                             slow, ir.IntType(1))
        else:
            ok = slow()
        em.decref(o)
        em.decref(v)
        self.check(ok, rest)

    def load_method_obj(self, ins, stk: tuple) -> None:
        """[o] -> [the guest class's function, o] or [o.name, NULL] (tier 0's rule)."""
        em, b = self.em, self.em.b
        d = len(stk)
        name = self.q[ins.arg]
        o = self.own_value(stk[-1], self.get(d - 1, stk[-1]))  # a number is boxed
        self.check_owned(self.nonnull(o), [], stk[:d - 1])
        m = self.vcall(self.helpers_obj[3], [o, em.obj(name)])
        self.check_owned(self.nonnull(m), [o], stk[:d - 1])
        is_fn = b.icmp_unsigned("!=", m, em.obj(None))
        pre = b.block
        plain = b.append_basic_block(f"meth_attr{self.pc}")
        done = b.append_basic_block(f"meth_done{self.pc}")
        b.cbranch(is_fn, done, plain)
        b.position_at_end(plain)
        em.decref(m)  # None
        r = self.get_attr(o, name)
        em.decref(o)
        self.check(self.nonnull(r), stk[:d - 1])
        null = em.obj(NULL)
        em.incref(null)
        plain_end = b.block
        b.branch(done)
        b.position_at_end(done)
        fn = b.phi(P)
        fn.add_incoming(m, pre)
        fn.add_incoming(r, plain_end)
        self_ = b.phi(P)
        self_.add_incoming(o, pre)
        self_.add_incoming(null, plain_end)
        self.put(d - 1, OBJ, fn)
        self.put(d, OBJ, self_)

    def call_method_obj(self, nargs: int, stk: tuple) -> None:
        """[fn, self or NULL, args...] -> fn(self, *args) or fn(*args)."""
        em, b = self.em, self.em.b
        d = len(stk)
        base = d - nargs - 2
        fn = self.get(base, OBJ)
        self_ = self.get(base + 1, OBJ)
        arg_types = stk[base + 2:]
        args = [self.get(base + 2 + i, t) for i, t in enumerate(arg_types)]
        bound = b.append_basic_block(f"bound{self.pc}")
        plain = b.append_basic_block(f"plain{self.pc}")
        join = b.append_basic_block(f"mcalled{self.pc}")
        b.cbranch(b.icmp_unsigned("==", self_, em.obj(NULL)), plain, bound)
        b.position_at_end(bound)
        r1 = self.invoke_any(fn, (OBJ, *arg_types), [self_, *args])
        r1_end = b.block
        b.branch(join)
        b.position_at_end(plain)
        r2 = self.invoke_any(fn, arg_types, args)
        r2_end = b.block
        b.branch(join)
        b.position_at_end(join)
        r = b.phi(P)
        r.add_incoming(r1, r1_end)
        r.add_incoming(r2, r2_end)
        self.release_call(fn, (OBJ, *arg_types), [self_, *args])
        self.check(self.nonnull(r), stk[:base])
        self.put(base, OBJ, r)

    def invoke_any(self, fnobj, arg_types, args):
        """A call of any object: a guest function through its call slot, else
        PyObject_Vectorcall. The result (or NULL)."""
        b = self.em.b
        join = b.append_basic_block(f"anycall{self.pc}")
        incoming = []
        if self.slot_offsets is not None:
            incoming.append(self.slot_call(fnobj, arg_types, args, self.slot_offsets))
            b.branch(join)
            b.position_at_end(self.slot_miss)
        incoming.append(self.generic_call(fnobj, arg_types, args))
        b.branch(join)
        b.position_at_end(join)
        return self.em.phi(incoming)

    def build_slice(self, n: int, stk: tuple) -> None:
        """slice(start, stop[, step]) as tier 0's ``_slice(a, b, c)`` (None for no step)."""
        em = self.em
        parts, rest = self.pop_owned(n, stk)
        none = em.obj(None)
        r = em.call("PySlice_New", *parts, *([none] if n == 2 else []))
        for v in parts:
            em.decref(v)
        self.check(self.nonnull(r), rest)
        self.put(len(rest), OBJ, r)

    def raise_obj(self, n: int, stk: tuple) -> None:
        """``raise x`` / ``raise x from y``: the helper raises what tier 0's raise_obj /
        raise_from make of them; the error path gives it this frame's traceback entry."""
        em = self.em
        parts, rest = self.pop_owned(n, stk)
        r = self.vcall(self.helpers_obj[4], parts)  # never returns a value
        em.xdecref(r)
        for v in parts:
            em.decref(v)
        self.check(i1(False), rest)
        em.b.unreachable()

    # ---- iteration and len() ----------------------------------------------------------
    def get_iter_obj(self, stk: tuple) -> None:
        """[o] -> [NULL, iter(o), -, -] (MicroPython's iter_buf layout, as tier 0's)."""
        em = self.em
        d = len(stk)
        o = self.get(d - 1, stk[-1])
        it = em.call("PyObject_GetIter", o)
        em.decref(o)
        self.check(self.nonnull(it), stk[:d - 1])
        self.put(d, OBJ, it)

    def for_iter_obj(self, ins, stk: tuple) -> None:
        """next(it) pushed, or at the end (NULL, no error) the loop's exit with it released;
        an error the iterator raised leaves from here."""
        em, b = self.em, self.em.b
        d = len(stk)
        it = self.get(d - 3, OBJ)
        v = em.call("PyIter_Next", it)
        body = b.append_basic_block(f"next{ins.offset}")
        end = b.append_basic_block(f"iter_end{ins.offset}")
        b.cbranch(self.nonnull(v), body, end)
        b.position_at_end(end)
        self.check(b.icmp_unsigned("==", em.call("PyErr_Occurred"), ir.Constant(P, None)), stk)
        em.decref(it)
        b.branch(self.blocks[ins.target])
        b.position_at_end(body)
        self.put(d, OBJ, v)
        b.branch(self.blocks[ins.offset + ins.size])

    def call_len_obj(self, stk: tuple) -> None:
        """len(o) of any object: PyObject_Size (what the builtin does)."""
        em, b = self.em, self.em.b
        d = len(stk)
        o = self.get(d - 1, stk[-1])
        n = em.call("PyObject_Size", o)
        em.decref(o)
        self.check(b.icmp_signed(">=", n, i64(0)), stk[:d - 2])
        self.put(d - 2, INT, n)

    # ---- items -------------------------------------------------------------------------
    def build_list(self, n: int, stk: tuple) -> None:
        """[items...] -> a new list owning them (PyList_SetItem steals each reference)."""
        em = self.em
        items, rest = self.pop_owned(n, stk)
        lst = em.call("PyList_New", i64(n))
        self.check_owned(self.nonnull(lst), items, rest)
        for i, v in enumerate(items):
            em.call("PyList_SetItem", lst, i64(i), v)
        self.put(len(rest), "list[obj]", lst)

    def load_subscr_obj(self, stk: tuple) -> None:
        em = self.em
        d = len(stk)
        o = self.get(d - 2, stk[-2])
        k = self.own_value(stk[-1], self.get(d - 1, stk[-1]))
        rest = stk[:d - 2]
        self.check_owned(self.nonnull(k), [o, k], rest)
        r = em.call("PyObject_GetItem", o, k)
        self.refined(r, SUBSCR, o, k)
        em.decref(o)
        em.decref(k)
        self.check(self.nonnull(r), rest)
        self.put(d - 2, OBJ, r)

    def store_subscr_obj(self, stk: tuple) -> None:
        em, b = self.em, self.em.b
        d = len(stk)
        v = self.own_value(stk[-3], self.get(d - 3, stk[-3]))
        o = self.get(d - 2, stk[-2])
        k = self.own_value(stk[-1], self.get(d - 1, stk[-1]))
        rest = stk[:d - 3]
        self.check_owned(self.nonnull(v, k), [v, o, k], rest)
        c = em.call("PyObject_SetItem", o, k, v)
        for x in (v, o, k):
            em.decref(x)
        self.check(b.icmp_signed("==", c, ir.Constant(I32, 0)), rest)


OBJECT_SHARE = 4  # 1 in this many instructions an object operation: -O0 back end


def object_heavy(code, types) -> bool:
    """Whether at least 1 in OBJECT_SHARE of the typed instructions operate on objects (C-API
    calls, where an optimising back end buys next to nothing): decided from the types, before
    any IR, since the cache index keys on it."""
    n = k = 0
    for ins in code.rc.instructions:
        state = types.before.get(ins.offset)
        if state is None:
            continue
        n += 1
        name, off, stk = ins.info.name, ins.offset, state[1]
        if (off in types.generic_items or off in types.generic_methods
                or off in types.generic_iters or name in ("STORE_ATTR", "BUILD_LIST",
                                                         "BUILD_SLICE", "LOAD_CONST_STRING")
                or (name == "LOAD_ATTR" and off not in types.attrs)
                or (name == "CALL_FUNCTION" and getattr(types.calls.get(off), "kind", "") == "call")
                or (name == "CALL_METHOD" and getattr(types.calls.get(off), "kind", "") == "method")
                or (name in ("BINARY_OP_MULTI", "UNARY_OP_MULTI")
                    and any(t not in NUMBERS for t in stk[-2 if name[0] == "B" else -1:]))):
            k += 1
    return k * OBJECT_SHARE >= n


def raise_now(exc, cause=_NO_CAUSE, vm=None):
    """RAISE_OBJ / RAISE_FROM: raise what tier 0 raises (``runtime.raise_obj`` /
    ``raise_from``)."""
    from jitvm.runtime import raise_from, raise_obj

    raise raise_obj(exc) if cause is _NO_CAUSE else raise_from(exc, cause, vm)


def object_helpers(vm) -> tuple:
    """The Python callables compiled object code calls: (refine, getattr, setattr,
    guest_method, raise_now), in this order (the lowering and the cache index refer to them
    by position)."""
    return (refine, vm.sandbox.getattr, vm.sandbox.setattr, guest_method, vm.raise_now)

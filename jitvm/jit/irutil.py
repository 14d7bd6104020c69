"""IR building blocks shared by the lowering: C-API declarations, object constants,
reference counts, boxing and unboxing.

Python objects the code needs (the fallback, helpers, type objects, dict keys) are external
symbols ``jitvm_ref<k>`` (k: the object's index in ``refs``), never addresses: the linker
binds each to its object's address (``engine.link``), so the IR and the object code are the
same in every process and can be cached on disk (``cache``). With the JIT's large code model
a reference is still one ``movabs`` immediate, as an address constant was. ``refs`` is held
by the builtin's ``self`` tuple, so the objects live as long as the code can run.
"""

from __future__ import annotations

from llvmlite import ir

from .engine import CAPI, COUNTDOWN_SYMBOL, LIBM, inline_refcounts, ref_symbol
from .typer import (
    BOOL,
    FLOAT,
    INT,
    IT_CUR,
    IT_IDX,
    IT_STEP,
    IT_STOP,
    LIST_APPEND,
    MATHFN,
    NONE,
    NUL,
    OBJ,
    RANGE,
    is_ref,
)

P = ir.PointerType()
I1, I8, I32, I64 = ir.IntType(1), ir.IntType(8), ir.IntType(32), ir.IntType(64)
F64 = ir.DoubleType()
VOID = ir.VoidType()
_LL = {"p": P, "i64": I64, "i32": I32, "f64": F64, "void": VOID}
class _Storage(dict):
    """The LLVM type holding a value of each tier-1 type (every reference: a pointer)."""

    def __missing__(self, t):
        if is_ref(t):
            return P
        raise KeyError(t)


STORAGE = _Storage({INT: I64, FLOAT: F64, BOOL: I1, OBJ: P, IT_CUR: I64, IT_STOP: I64,
                    IT_STEP: I64, IT_IDX: I64})
class _Constants:
    """Types with one value (no storage): None, NULL, the builtins range and len, a math
    module function."""

    def __contains__(self, t) -> bool:
        return t in (NONE, NUL, RANGE, "len", LIST_APPEND) or (type(t) is str
                                                                and t.startswith(MATHFN))


CONSTANT_KINDS = _Constants()
REF_TYPE = ir.ArrayType(I8, 0)


def i64(v: int) -> ir.Constant:
    return ir.Constant(I64, v)


def f64(v: float) -> ir.Constant:
    return ir.Constant(F64, v)


def i1(v: bool) -> ir.Constant:
    return ir.Constant(I1, int(bool(v)))


class Emitter:
    """An ir.Module with the C API declared and helpers bound to the current builder."""

    def __init__(self, name: str) -> None:
        self.module = ir.Module(name=name)
        self.b: ir.IRBuilder | None = None
        self.refs: list = []
        self._ref_ids: dict[int, ir.GlobalVariable] = {}
        self.fns = {}
        for sym, (ret, args) in CAPI.items():
            self.fns[sym] = self.declare(sym, _LL[ret], [_LL[a] for a in args])
        for sym, (_real, ret, args) in LIBM.items():
            self.fns[sym] = self.declare(sym, _LL[ret], [_LL[a] for a in args])
        self.inline_rc = inline_refcounts()
        self._strings: dict[bytes, ir.GlobalVariable] = {}

    def declare(self, name: str, ret, args) -> ir.Function:
        return ir.Function(self.module, ir.FunctionType(ret, args), name=name)

    def phi(self, incoming, ty=P):
        """A phi at the current position of the (value, block) pairs ``incoming``."""
        phi = self.b.phi(ty)
        for v, blk in incoming:
            phi.add_incoming(v, blk)
        return phi

    def cold_function(self, name: str, ret, args: list) -> ir.Function:
        """An internal, never inlined, cold function; ``self.b`` is left building its entry
        block (the caller restores its own builder)."""
        fn = ir.Function(self.module, ir.FunctionType(ret, args), name=name)
        fn.linkage = "internal"
        fn.attributes.add("noinline")
        fn.attributes.add("cold")
        self.b = ir.IRBuilder(fn.append_basic_block("entry"))
        return fn

    def fetch_error(self) -> tuple:
        """PyErr_Fetch + PyErr_NormalizeException: the three slots (type, value, traceback),
        owned references the caller releases or restores."""
        b = self.b
        slots = tuple(b.alloca(P) for _ in range(3))
        self.call("PyErr_Fetch", *slots)
        self.call("PyErr_NormalizeException", *slots)
        return slots

    def intrinsic(self, name: str, tys=(), fnty=None):
        return self.module.declare_intrinsic(name, tys, fnty)

    def call(self, name: str, *args):
        return self.b.call(self.fns[name], list(args))

    # ---- objects by address ---------------------------------------------------------------
    def obj(self, o) -> ir.GlobalVariable:
        """A constant pointer to ``o``: the external symbol ``jitvm_ref<k>``, bound to ``o``'s
        address when the module is linked; ``o`` is kept alive by the builtin."""
        g = self._ref_ids.get(id(o))
        if g is None:
            # [0 x i8]: a declaration of unknown size, so LLVM assumes nothing about the
            # object's extent (like the address constant it replaces)
            g = ir.GlobalVariable(self.module, REF_TYPE, name=ref_symbol(len(self.refs)))
            g.type = P  # an opaque pointer like every object (llvmlite types it [0 x i8]*)
            self._ref_ids[id(o)] = g
            self.refs.append(o)
        return g

    def cstring(self, text: str) -> ir.Constant:
        data = text.encode() + b"\0"
        g = self._strings.get(data)
        if g is None:
            ty = ir.ArrayType(I8, len(data))
            g = ir.GlobalVariable(self.module, ty, name=f"str{len(self._strings)}")
            g.global_constant = True
            g.linkage = "internal"
            g.initializer = ir.Constant(ty, bytearray(data))
            self._strings[data] = g
        return g.bitcast(P)

    # ---- reference counts -----------------------------------------------------------------
    def incref(self, p) -> None:
        b = self.b
        if not self.inline_rc:
            self.call("Py_IncRef", p)
            return
        n = b.load(p, typ=I64)
        b.store(b.add(n, i64(1)), p)

    def decref(self, p) -> None:
        """Py_DECREF (``p`` never NULL)."""
        b = self.b
        if not self.inline_rc:
            self.call("Py_DecRef", p)
            return
        n = b.sub(b.load(p, typ=I64), i64(1))
        b.store(n, p)
        with b.if_then(b.icmp_signed("==", n, i64(0)), likely=False):
            self.call("_Py_Dealloc", p)

    def xdecref(self, p) -> None:
        self.call("Py_DecRef", p)  # NULL-safe, off the hot paths only

    def xdecref_inline(self, p) -> None:
        """Py_XDECREF inline (hot paths)."""
        b = self.b
        with b.if_then(b.icmp_unsigned("!=", p, ir.Constant(P, None))):
            self.decref(p)

    def load_field(self, p, offset: int, ty):
        """The ``ty`` at byte ``offset`` of the object ``p`` points to."""
        b = self.b
        return b.load(b.gep(p, [i64(offset)], source_etype=I8), typ=ty)

    def ref_check(self, t: str, p):
        """i1: object ``p`` fits reference type ``t`` (its exact container type; OBJ: any)."""
        from .typer import BYTEARRAY, BYTES, container

        kind, _elem = container(t)
        if kind is not None:
            return self.is_exact(p, list if kind == "list" else tuple)
        if t == BYTEARRAY:
            return self.is_exact(p, bytearray)
        if t == BYTES:
            return self.is_exact(p, bytes)
        return i1(True)

    def type_of(self, p):
        """Py_TYPE(p): ob_type is the second word of every object header."""
        b = self.b
        return b.load(b.gep(p, [i64(1)], source_etype=P), typ=P)

    def is_exact(self, p, typ):
        return self.b.icmp_unsigned("==", self.type_of(p), self.obj(typ))

    # ---- boxing ---------------------------------------------------------------------------
    def box(self, t: str, v):
        """A new reference to the Python value of ``v`` (NULL if allocation failed)."""
        b = self.b
        if t in (INT, IT_CUR, IT_STOP, IT_STEP, IT_IDX):
            return self.call("PyLong_FromLongLong", v)
        if t == FLOAT:
            return self.call("PyFloat_FromDouble", v)
        if t == BOOL:
            r = b.select(v, self.obj(True), self.obj(False))
        elif is_ref(t):
            return v  # already an owned reference
        else:
            r = self.constant_object(t)
        self.incref(r)
        return r

    def constant_object(self, t: str):
        from jitvm.objects import NULL

        if t == NONE:
            return self.obj(None)
        if t == NUL:
            return self.obj(NULL)
        if t == RANGE:
            return self.obj(range)
        if t == "len":
            return self.obj(len)
        if t == LIST_APPEND:
            return self.obj(list.append)
        if t.startswith(MATHFN):
            from jitvm.modules import math

            return self.obj(getattr(math, t[len(MATHFN):]))
        raise AssertionError(t)

    def unbox_check(self, t: str, p, allow_bool: bool = False):
        """(ok, value): whether object ``p`` is exactly of tier-1 type ``t`` (an int that
        fits i64; with ``allow_bool`` a bool too, as 0 or 1), and its unboxed value
        (meaningful only when ok)."""
        b = self.b
        if t == BOOL:
            is_t = b.icmp_unsigned("==", p, self.obj(True))
            ok = b.or_(is_t, b.icmp_unsigned("==", p, self.obj(False)))
            return ok, is_t
        if t == FLOAT:
            ok = self.is_exact(p, float)
            cur = b.block
            conv = b.append_basic_block("unbox_f")
            done = b.append_basic_block("unboxed_f")
            b.cbranch(ok, conv, done)
            b.position_at_end(conv)
            v = self.load_field(p, 16, F64)  # PyFloatObject.ob_fval of an exact float
            b.branch(done)
            b.position_at_end(done)
            phi = b.phi(F64)
            phi.add_incoming(f64(0.0), cur)
            phi.add_incoming(v, conv)
            return ok, phi
        assert t == INT, t
        is_int = self.is_exact(p, int)
        if allow_bool:
            is_int = b.or_(is_int, self.is_exact(p, bool))
        cur = b.block
        conv = b.append_basic_block("unbox_i")
        done = b.append_basic_block("unboxed_i")
        b.cbranch(is_int, conv, done)
        b.position_at_end(conv)
        ovf = self.entry_alloca(I32, "ovf")
        v = self.call("PyLong_AsLongLongAndOverflow", p, ovf)  # exact int: only overflow
        fits = b.icmp_signed("==", b.load(ovf, typ=I32), ir.Constant(I32, 0))
        b.branch(done)
        b.position_at_end(done)
        ok = b.phi(I1)
        ok.add_incoming(i1(False), cur)
        ok.add_incoming(fits, conv)
        val = b.phi(I64)
        val.add_incoming(i64(0), cur)
        val.add_incoming(v, conv)
        return ok, val

    def entry_alloca(self, ty, name: str = ""):
        """An alloca in the current function's entry block (so mem2reg can promote it)."""
        b = self.b
        fn = b.function
        saved = b.block
        entry = fn.entry_basic_block
        if entry.instructions:
            b.position_before(entry.instructions[0])
        else:
            b.position_at_end(entry)
        slot = b.alloca(ty, name=name)
        b.position_at_end(saved)
        return slot


def countdown(module) -> "ir.GlobalVariable":
    """The process's poll countdown (jitvm.jit.engine.COUNTDOWN), declared once per module."""
    g = module.globals.get(COUNTDOWN_SYMBOL)
    if g is None:
        g = ir.GlobalVariable(module, ir.IntType(32), name=COUNTDOWN_SYMBOL)
    return g

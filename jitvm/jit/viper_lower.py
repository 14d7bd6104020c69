"""Tier 1 for viper functions: machine words in machine code (llvmlite).

A viper function whose instructions are all word operations (``jitvm.vipertype``'s plans:
arithmetic, comparisons, shifts, casts, ``ptr8/16/32`` loads and stores, branches and loops
over words, returns) compiles when its module loads, at ``--tier 1``, with 64-bit words (the
unix port's; a 32-bit board's words stay in tier 0). Its arguments are converted on entry as
MicroPython's ``mp_native_from_obj`` does for the common cases (an ``int`` that fits, a
``bool``, ``None``; a ``bytearray`` or ``bytes`` for a pointer); anything else, a zero
divisor, or a pointer outside the buffer its address came from, sends the call to the tier-0
translation (``fallback``) from the start, which is invisible: until then the function has
done nothing but arithmetic on its own words, and a store through a pointer is checked
before it is made. Pointers: the compiled code keeps each pointer argument's buffer (its
virtual base address, length and data pointer, as ``jitvm.viper.Memory`` gave them) and
checks every access against it with one unsigned compare.
"""

from __future__ import annotations

from llvmlite import ir

from ..vipertype import BOOL, INT, NONE, OBJ, PTR, PTR8, PTR16, PTR32, UINT
from .irutil import I1, I8, I32, I64, P, Emitter, countdown, i64
from .typer import INT as INT_T

I16 = ir.IntType(16)
_ITEM = {1: I8, 2: I16, 4: I32}  # a ptr8/16/32 item

WORDS = (BOOL, INT, UINT, PTR, PTR8, PTR16, PTR32, NONE)
PTRS = (PTR, PTR8, PTR16, PTR32)
_OK_PLAIN = frozenset(("LOAD_CONST_SMALL_INT", "LOAD_CONST_SMALL_INT_MULTI", "LOAD_CONST_OBJ",
                       "LOAD_CONST_TRUE", "LOAD_CONST_FALSE", "LOAD_CONST_NONE", "LOAD_FAST_N",
                       "LOAD_FAST_MULTI", "STORE_FAST_N", "STORE_FAST_MULTI", "DUP_TOP",
                       "DUP_TOP_TWO", "POP_TOP", "ROT_TWO", "ROT_THREE", "JUMP",
                       "POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE", "JUMP_IF_TRUE_OR_POP",
                       "JUMP_IF_FALSE_OR_POP"))
POLL_EVERY = 4096
BYTES_START = 40  # PyByteArrayObject.ob_start
BYTES_SVAL = 32  # PyBytesObject.ob_sval
OB_SIZE = 16


class Unsupported(Exception):
    pass


def why_not(code, typing) -> str | None:
    """Why this viper function stays in tier 0 (None: it compiles)."""
    from ..analysis import analyze

    if code.vm.viper_bits != 64:
        return "32-bit viper words run in tier 0"
    if code.cells or code.varargs or code.varkw or code.n_kwonly:
        return "cells, *args, **kw or keyword-only arguments"
    a = analyze(code)
    for ins in a.instrs:
        if ins.offset not in a.depth:
            continue
        name = ins.info.name
        plan = typing.plans.get(ins.offset)
        before = typing.before.get(ins.offset, ())
        if plan is not None:
            if plan[0] == "obj":
                return f"{name} on objects"
            continue
        if name in ("LOAD_FAST_N", "LOAD_FAST_MULTI", "STORE_FAST_N", "STORE_FAST_MULTI"):
            t = typing.local_types[ins.arg]
            if t != OBJ and t not in WORDS:
                return f"local {ins.arg} of no type"
            continue
        if name in ("POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE", "JUMP_IF_TRUE_OR_POP",
                    "JUMP_IF_FALSE_OR_POP") and before and before[-1] == OBJ:
            return "truth of an object"
        if name == "LOAD_CONST_OBJ":
            v = code.ctx.objs[ins.arg]
            if type(v) is not int:
                return "an object constant"
            continue
        if name not in _OK_PLAIN:
            return f"{name}"
    return None


class ViperLowering:
    def __init__(self, code, typing, fallback, poll, helpers: dict) -> None:
        self.helpers = helpers
        from ..analysis import analyze

        self.code = code
        self.t = typing
        self.a = analyze(code)
        self.name = f"viper_{code.name}"
        self.em = Emitter(self.name)
        self.fallback = fallback
        self.poll = poll
        self.blocks: dict[int, ir.Block] = {}
        self.n_params = code.n_pos
        fn = ir.Function(self.em.module, ir.FunctionType(P, [P, P, I64]), name=f"{self.name}_entry")
        self.entry = fn
        self.counter = countdown(self.em.module)  # shared: see jitvm.jit.engine.COUNTDOWN
        self.em.fns["PyLong_FromUnsignedLongLong"] = self.em.declare(
            "PyLong_FromUnsignedLongLong", P, [I64])

    # ---- storage: one i64 and one pointer alloca per local and stack slot -------------------
    def build(self) -> str:
        em = self.em
        fn = self.entry
        self_, args, nargs = fn.args
        b = em.b = ir.IRBuilder(fn.append_basic_block("entry"))
        n_state = self.code.n_state
        depth = max([len(v) for v in self.t.before.values()] + [0]) + 4
        self.lw = [b.alloca(I64, name=f"lw{k}") for k in range(n_state)]
        self.lp = [b.alloca(P, name=f"lp{k}") for k in range(n_state)]
        self.sw = [b.alloca(I64, name=f"sw{k}") for k in range(depth)]
        self.sp = [b.alloca(P, name=f"sp{k}") for k in range(depth)]
        # pointer arguments' buffers: virtual base, length, data pointer (per local)
        self.regions: list = []  # (vbase, length, data, writable) allocas
        slow = fn.append_basic_block("fallback")
        self.slow = slow
        self.args_ptr, self.nargs = args, nargs
        start = fn.append_basic_block("args")
        b.cbranch(b.icmp_signed("==", nargs, i64(self.n_params + 1)), start, slow)
        b.position_at_end(start)
        for i, t in enumerate(self.t.arg_types[:self.n_params]):
            o = b.load(b.gep(args, [i64(i + 1)], source_etype=P), typ=P)
            self.arg(i, t, o)
        for ins in self.a.instrs:
            if ins.offset in self.a.depth:
                self.blocks[ins.offset] = fn.append_basic_block(f"pc{ins.offset}")
        first = min(self.blocks)
        b.branch(self.blocks[first])
        for ins in self.a.instrs:
            if ins.offset not in self.blocks:
                continue
            blk = self.blocks[ins.offset]
            b.position_at_end(blk)
            self.pc = ins.offset
            self.instr(ins, len(self.t.before[ins.offset]))
            if not b.block.is_terminated:
                nxt = ins.offset + ins.size
                b.branch(self.blocks[nxt])
        # the fallback: the tier-0 translation, called with the same arguments
        b.position_at_end(slow)
        r = em.call("PyObject_Vectorcall", em.obj(self.fallback), args, nargs,
                    ir.Constant(P, None))
        b.ret(r)
        return str(em.module)

    def word_arg(self, o, signed: bool = True):
        """(ok, value) of an exact int or bool argument that fits 64 bits."""
        return self.em.unbox_check(INT_T, o, allow_bool=True)

    def arg(self, i: int, t: int, o) -> None:
        em, b = self.em, self.em.b
        if t == OBJ:
            b.store(o, self.lp[i])
            return
        if t in (INT, UINT):
            ok, v = self.word_arg(o, t == INT)
            self.guard(ok)
            b.store(v, self.lw[i])
            return
        if t == BOOL:  # True/False, None, or an int (other objects: tier 0 asks them)
            is_true = b.icmp_unsigned("==", o, em.obj(True))
            known = b.or_(is_true, b.or_(b.icmp_unsigned("==", o, em.obj(False)),
                                         b.icmp_unsigned("==", o, em.obj(None))))
            ok, v = self.word_arg(o, True)
            self.guard(b.or_(known, ok))
            val = b.select(known, b.zext(is_true, I64), b.zext(b.icmp_signed("!=", v, i64(0)), I64))
            b.store(val, self.lw[i])
            return
        # a pointer: its address (jitvm.viper.from_obj); a bytearray's or bytes' buffer is
        # remembered for checked accesses in machine code
        self.pointer_from(o, i, entry=True)
        b.store(self.lw_tmp, self.lw[i])

    def guard(self, ok) -> None:
        """Continue if ``ok``, else the fallback (nothing has happened yet that it would see)."""
        b = self.em.b
        cont = b.append_basic_block("ok")
        b.cbranch(ok, cont, self.slow)
        b.position_at_end(cont)

    # ---- instructions ------------------------------------------------------------------------
    def get(self, k: int, t: int):
        b = self.em.b
        return b.load(self.sp[k], typ=P) if t == OBJ else b.load(self.sw[k], typ=I64)

    def put(self, k: int, t: int, v) -> None:
        b = self.em.b
        if t == OBJ:
            b.store(v, self.sp[k])
        else:
            b.store(v, self.sw[k])

    def copy(self, src: int, dst: int, t: int) -> None:
        self.put(dst, t, self.get(src, t))

    def instr(self, ins, d: int) -> None:  # noqa: C901 - one case per opcode
        b = self.em.b
        stk = self.t.before[ins.offset]
        name = ins.info.name
        plan = self.t.plans.get(ins.offset)
        if plan is not None and plan[0] != "obj":
            getattr(self, "_" + plan[0])(ins, d, stk, *plan[1:])
            return
        if name in ("LOAD_CONST_SMALL_INT", "LOAD_CONST_SMALL_INT_MULTI"):
            self.put(d, INT, i64(ins.arg))
        elif name == "LOAD_CONST_OBJ":
            self.put(d, INT, i64(self.code.ctx.objs[ins.arg]))
        elif name in ("LOAD_CONST_TRUE", "LOAD_CONST_FALSE", "LOAD_CONST_NONE"):
            self.put(d, INT, i64(1 if name == "LOAD_CONST_TRUE" else 0))
        elif name in ("LOAD_FAST_N", "LOAD_FAST_MULTI"):
            t = self.t.local_types[ins.arg]
            self.put(d, t, b.load(self.lp[ins.arg], typ=P) if t == OBJ
                     else b.load(self.lw[ins.arg], typ=I64))
        elif name in ("STORE_FAST_N", "STORE_FAST_MULTI"):
            t = self.t.local_types[ins.arg]
            v = self.get(d - 1, t)
            b.store(v, self.lp[ins.arg] if t == OBJ else self.lw[ins.arg])
        elif name == "DUP_TOP":
            self.copy(d - 1, d, stk[-1])
        elif name == "DUP_TOP_TWO":
            self.copy(d - 2, d, stk[-2])
            self.copy(d - 1, d + 1, stk[-1])
        elif name == "POP_TOP":
            pass
        elif name == "ROT_TWO":
            x, y = self.get(d - 1, stk[-1]), self.get(d - 2, stk[-2])
            self.put(d - 2, stk[-1], x)
            self.put(d - 1, stk[-2], y)
        elif name == "ROT_THREE":  # a b c -> c a b
            a_, b_, c_ = (self.get(d - 3, stk[-3]), self.get(d - 2, stk[-2]),
                          self.get(d - 1, stk[-1]))
            self.put(d - 3, stk[-1], c_)
            self.put(d - 2, stk[-3], a_)
            self.put(d - 1, stk[-2], b_)
        elif name == "JUMP":
            if ins.target <= ins.offset:
                self.back_edge()
            b.branch(self.blocks[ins.target])
        elif name in ("POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE", "JUMP_IF_TRUE_OR_POP",
                      "JUMP_IF_FALSE_OR_POP"):
            v = b.icmp_unsigned("!=", self.get(d - 1, stk[-1]), i64(0))
            if ins.target <= ins.offset:
                self.back_edge()
            nxt = self.blocks[ins.offset + ins.size]
            if "TRUE" in name:
                b.cbranch(v, self.blocks[ins.target], nxt)
            else:
                b.cbranch(v, nxt, self.blocks[ins.target])
        else:
            raise Unsupported(name)

    def back_edge(self) -> None:
        """Every POLL_EVERY back edges the poll function runs (--timeout, Ctrl-C)."""
        em, b = self.em, self.em.b
        c = b.sub(b.load(self.counter, typ=I32), ir.Constant(I32, 1))
        b.store(c, self.counter)
        slow = b.append_basic_block("poll")
        done = b.append_basic_block("polled")
        b.cbranch(b.icmp_signed("<=", c, ir.Constant(I32, 0)), slow, done)
        b.position_at_end(slow)
        b.store(ir.Constant(I32, POLL_EVERY), self.counter)
        r = em.call("PyObject_Vectorcall", em.obj(self.poll), ir.Constant(P, None), i64(0),
                    ir.Constant(P, None))
        failed = b.append_basic_block("poll_failed")
        ok = b.append_basic_block("poll_ok")
        b.cbranch(b.icmp_unsigned("==", r, ir.Constant(P, None)), failed, ok)
        b.position_at_end(failed)
        b.ret(ir.Constant(P, None))  # the exception the poll raised (a timeout, Ctrl-C)
        b.position_at_end(ok)
        em.decref(r)
        b.branch(done)
        b.position_at_end(done)

    # ---- plans -------------------------------------------------------------------------------
    def _cast_name(self, ins, d, stk) -> None:
        self.put(d, INT, i64(0))

    def _cast(self, ins, d, stk, frm: int, to: int, imm: bool) -> None:
        b = self.em.b
        if frm == OBJ and to in PTRS:
            self.pointer_from(self.get(d - 1, OBJ), ins.offset)
            self.put(d - 2, to, self.lw_tmp)
        elif frm == OBJ:
            o = self.get(d - 1, OBJ)
            ok, v = self.word_arg(o, to == INT)
            if to == BOOL:
                is_true = b.icmp_unsigned("==", o, self.em.obj(True))
                known = b.or_(is_true, b.or_(b.icmp_unsigned("==", o, self.em.obj(False)),
                                             b.icmp_unsigned("==", o, self.em.obj(None))))
                self.guard(b.or_(known, ok))
                v = b.select(known, b.zext(is_true, I64),
                             b.zext(b.icmp_signed("!=", v, i64(0)), I64))
            else:
                self.guard(ok)
            self.put(d - 2, to, v)
        elif frm == NONE:
            self.put(d - 2, to, i64(0))
        else:
            self.put(d - 2, to, self.get(d - 1, frm))

    def _binop(self, ins, d, stk, op: str, lt: int, rt: int) -> None:
        b = self.em.b
        x, y = self.get(d - 2, lt), self.get(d - 1, rt)
        cmp = {"LESS": "<", "MORE": ">", "EQUAL": "==", "LESS_EQUAL": "<=", "MORE_EQUAL": ">=",
               "NOT_EQUAL": "!="}.get(op)
        if cmp is not None:
            c = (b.icmp_signed if lt == INT else b.icmp_unsigned)(cmp, x, y)
            self.put(d - 2, BOOL, b.zext(c, I64))
            return
        plain = {"ADD": b.add, "SUBTRACT": b.sub, "MULTIPLY": b.mul, "AND": b.and_, "OR": b.or_,
                 "XOR": b.xor}.get(op)
        if plain is not None:
            r = plain(x, y)
        elif op == "LSHIFT":
            r = b.shl(x, b.and_(y, i64(63)))
        elif op == "RSHIFT":
            n = b.and_(y, i64(63))
            r = b.lshr(x, n) if lt != INT else b.ashr(x, n)
        elif op in ("FLOOR_DIVIDE", "MODULO"):
            self.guard(b.icmp_signed("!=", y, i64(0)))  # a zero divisor: tier 0 raises
            minus1 = b.icmp_signed("==", y, i64(-1))
            safe_y = b.select(minus1, i64(1), y)  # INT_MIN // -1 would trap
            q = b.sdiv(x, safe_y)
            m = b.srem(x, safe_y)
            adjust = b.and_(b.icmp_signed("!=", m, i64(0)),
                            b.icmp_signed("!=", b.icmp_signed("<", m, i64(0)),
                                          b.icmp_signed("<", y, i64(0))))
            if op == "FLOOR_DIVIDE":
                q = b.select(adjust, b.sub(q, i64(1)), q)
                r = b.select(minus1, b.sub(i64(0), x), q)
            else:
                m = b.select(adjust, b.add(m, safe_y), m)
                r = b.select(minus1, i64(0), m)
        else:
            raise Unsupported(op)
        self.put(d - 2, lt, r)

    def _unop(self, ins, d, stk, op: str, t: int) -> None:
        b = self.em.b
        x = self.get(d - 1, t)
        if op == "NEGATIVE":
            x = b.sub(i64(0), x)
        elif op == "INVERT":
            x = b.xor(x, i64(-1))
        self.put(d - 1, t, x)

    # ---- pointers ----------------------------------------------------------------------------
    def region(self):
        """A new region slot (virtual base, length or -1, data pointer, writable), empty."""
        em, b = self.em, self.em.b
        slot = tuple(em.entry_alloca(ty, "region") for ty in (I64, I64, P, I1))
        saved = b.block
        entry = b.function.entry_basic_block
        b.position_before(entry.instructions[-1]) if entry.is_terminated else b.position_at_end(entry)
        b.store(i64(0), slot[0])
        b.store(i64(-1), slot[1])
        b.store(ir.Constant(P, None), slot[2])
        b.store(ir.Constant(I1, 0), slot[3])
        b.position_at_end(saved)
        self.regions.append(slot)
        return slot

    def pointer_from(self, o, pc: int, entry: bool = False) -> None:
        """The address of object ``o`` as a pointer (mp_native_from_obj) in ``self.lw_tmp``;
        a bytearray's or bytes' buffer becomes a region the accesses check against. A failure
        on entry goes to the fallback (it raises there with its traceback); later it raises."""
        em, b = self.em, self.em.b
        pair = em.entry_alloca(ir.ArrayType(P, 2), "argv2")
        b.store(o, b.gep(pair, [i64(0), ir.Constant(I32, 0)]))
        b.store(em.obj(-1 if entry else pc), b.gep(pair, [i64(0), ir.Constant(I32, 1)]))
        r = em.call("PyObject_Vectorcall", em.obj(self.helpers["address"]),
                    b.bitcast(pair, P), i64(2), ir.Constant(P, None))
        failed = b.icmp_unsigned("==", r, ir.Constant(P, None))
        bad = b.append_basic_block("addr_failed")
        good = b.append_basic_block("addr_ok")
        b.cbranch(failed, bad, good)
        b.position_at_end(bad)
        if entry:
            em.call("PyErr_Clear")
            b.branch(self.slow)
        else:
            b.ret(ir.Constant(P, None))
        b.position_at_end(good)
        ok, v = self.word_arg(r, False)
        em.decref(r)
        self.lw_tmp = v
        is_ba = em.is_exact(o, bytearray)
        is_b = em.is_exact(o, bytes)
        slot = self.region()
        with b.if_then(b.or_(is_ba, is_b)):
            b.store(v, slot[0])
            b.store(em.load_field(o, OB_SIZE, I64), slot[1])
            b.store(b.select(is_ba, em.load_field(o, BYTES_START, P),
                             b.gep(o, [i64(BYTES_SVAL)], source_etype=I8)), slot[2])
            b.store(is_ba, slot[3])

    def _access(self, d_base: int, d_idx: int, size: int, store: bool):
        """(address, i1 fast, data pointer): base[index] of ``size``-byte items inside one of
        the regions (and writable, for a store)."""
        b = self.em.b
        addr = b.add(self.get(d_base, PTR8), b.mul(self.get(d_idx, INT), i64(size)))
        ok = ir.Constant(I1, 0)
        ptr = ir.Constant(P, None)
        for vbase_s, n_s, data_s, w_s in self.regions:
            off = b.sub(addr, b.load(vbase_s, typ=I64))
            lim = b.sub(b.load(n_s, typ=I64), i64(size))
            inside = b.and_(b.icmp_signed(">=", lim, i64(0)), b.icmp_unsigned("<=", off, lim))
            if store:
                inside = b.and_(inside, b.load(w_s, typ=I1))
            take = b.and_(inside, b.not_(ok))
            ptr = b.select(take, b.gep(b.load(data_s, typ=P), [off], source_etype=I8), ptr)
            ok = b.or_(ok, inside)
        return addr, ok, ptr

    def _slow(self, name: str, args: list):
        """Call helper ``name`` with boxed int arguments and the pc; NULL returns NULL."""
        em, b = self.em, self.em.b
        arr = em.entry_alloca(ir.ArrayType(P, 4), "slow_args")
        boxed = []
        for k, v in enumerate(args):
            o = em.call("PyLong_FromLongLong", v)
            boxed.append(o)
            b.store(o, b.gep(arr, [i64(0), ir.Constant(I32, k)]))
        b.store(em.obj(self.pc), b.gep(arr, [i64(0), ir.Constant(I32, len(args))]))
        r = em.call("PyObject_Vectorcall", em.obj(self.helpers[name]), b.bitcast(arr, P),
                    i64(len(args) + 1), ir.Constant(P, None))
        for o in boxed:
            em.xdecref(o)
        bad = b.append_basic_block("slow_failed")
        good = b.append_basic_block("slow_ok")
        b.cbranch(b.icmp_unsigned("==", r, ir.Constant(P, None)), bad, good)
        b.position_at_end(bad)
        b.ret(ir.Constant(P, None))  # the helper raised (EFAULT) with this traceback line
        b.position_at_end(good)
        return r

    def _fast_or_slow(self, ok, tag: str):
        """Branch on ``ok`` into a fast block (the builder is left there); returns the slow
        block and the block both continue in."""
        b = self.em.b
        fast = b.append_basic_block(f"{tag}_fast")
        slow = b.append_basic_block(f"{tag}_slow")
        done = b.append_basic_block(f"{tag}_done")
        b.cbranch(ok, fast, slow)
        b.position_at_end(fast)
        return slow, done

    def _load(self, ins, d, stk, size: int) -> None:
        em, b = self.em, self.em.b
        addr, ok, p = self._access(d - 2, d - 1, size, False)
        slow, done = self._fast_or_slow(ok, "ld")
        ty = _ITEM[size]
        v = b.load(p, typ=ty)
        v.align = 1
        v = b.zext(v, I64)
        fast_end = b.block
        b.branch(done)
        b.position_at_end(slow)
        r = self._slow("load", [addr, i64(size)])
        _ok, v2 = self.word_arg(r, True)
        em.decref(r)
        slow_end = b.block
        b.branch(done)
        b.position_at_end(done)
        self.put(d - 2, INT, em.phi(((v, fast_end), (v2, slow_end)), I64))

    def _store(self, ins, d, stk, size: int) -> None:
        em, b = self.em, self.em.b
        addr, ok, p = self._access(d - 2, d - 1, size, True)
        value = self.get(d - 3, INT)
        slow, done = self._fast_or_slow(ok, "st")
        ty = _ITEM[size]
        st = b.store(b.trunc(value, ty), p)
        st.align = 1
        b.branch(done)
        b.position_at_end(slow)
        r = self._slow("store", [addr, i64(size), value])
        em.decref(r)
        b.branch(done)
        b.position_at_end(done)

    def _return(self, ins, d, stk, vt: int) -> None:
        em, b = self.em, self.em.b
        ret = self.t.ret
        if vt == NONE:
            if ret == OBJ:
                r = em.obj(None)
                em.incref(r)
                b.ret(r)
                return
            v = i64(0)
        elif vt == OBJ:
            r = self.get(d - 1, OBJ)
            em.incref(r)
            b.ret(r)
            return
        else:
            v = self.get(d - 1, vt)
        if ret == BOOL:
            r = b.select(b.icmp_unsigned("!=", v, i64(0)), em.obj(True), em.obj(False))
            em.incref(r)
            b.ret(r)
        elif ret == INT:
            b.ret(em.call("PyLong_FromLongLong", v))
        else:
            b.ret(em.call("PyLong_FromUnsignedLongLong", v))


def compile_viper(code, typing):
    """The builtin running ``code`` in machine code, or (None, reason)."""
    import time

    from . import JitInfo, _remember
    from .cache import canonical_ir, canonical_symbol
    from .deopt import poll
    from .engine import compile_module

    t0 = time.perf_counter()
    why = why_not(code, typing)
    if why is not None:
        _remember(code, JitInfo(name=code.name, compiled=False, reason=f"viper: {why}"))
        return None, why
    fallback = code.translated
    helpers = viper_helpers(code)
    low = ViperLowering(code, typing, fallback, poll, helpers)
    try:
        text = canonical_ir(low.build(), low.name)
    except Unsupported as e:
        _remember(code, JitInfo(name=code.name, compiled=False, reason=f"viper: {e}"))
        return None, str(e)
    fn, cached = compile_module(text, canonical_symbol(f"{low.name}_entry", low.name),
                                code.name, tuple(low.em.refs), full=True,
                                keep=(fallback, poll, *helpers.values()))
    info = JitInfo(name=code.name, compiled=True)
    info.ir = text
    info.cached = cached
    info.compile_ms = (time.perf_counter() - t0) * 1000
    from ..vipertype import type_name

    info.types = "(" + ", ".join(f"{n}: {type_name(t)}" for n, t in
                                 zip(code.arg_names, typing.arg_types)) + \
        f") -> {type_name(typing.ret)} [viper]"
    _remember(code, info)
    return fn, None


def viper_helpers(code) -> dict:
    """The Python slow paths of a compiled viper function: a pointer's address from an
    object, and loads and stores outside the regions its code checks (jitvm.viper.Memory;
    a stray address raises OSError(EFAULT) with this function's traceback line)."""
    from ..viper import from_obj
    from .deopt import Raiser

    memory = code.vm.viper_memory()
    raiser = Raiser(code)
    mask = (1 << 64) - 1

    def address(o, pc):
        try:
            return from_obj(o, PTR8, 64, memory)
        except BaseException as e:  # noqa: BLE001 - re-raised in the guest's form
            if pc < 0:
                raise
            raiser(e, pc)

    def load(addr, size, pc):
        try:
            return memory.load(addr & mask, size)
        except BaseException as e:  # noqa: BLE001
            raiser(e, pc)

    def store(addr, size, value, pc):
        try:
            memory.store(addr & mask, size, value)
        except BaseException as e:  # noqa: BLE001
            raiser(e, pc)

    return {"address": address, "load": load, "store": store}

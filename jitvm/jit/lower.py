"""LLVM IR for one typed function (see ``typer``).

Layout of the module:

* ``body(G, out, params...)`` - the function with unboxed parameters; returns a new
  reference, or NULL with an exception set, or - when every return has the same number
  type - the address of the module's ``unboxed`` marker with the value stored in ``*out``
  (a direct recursive call then neither boxes nor unboxes). Locals and stack slots are
  allocas keyed by (slot, type) (a slot may hold an int here and a float there); mem2reg
  turns them into registers.
* ``entry(self, args, nargs)`` - the METH_FASTCALL builtin: checks the exact argument types
  the code was specialised for and unboxes them, else tail-calls the fallback (tier 0)
  with the same arguments.
* ``deopt_common`` / ``raise_common`` / ``poll_slow`` - shared cold paths calling the
  Python helpers of ``jitvm.jit.deopt``.

Every guard (overflow, zero divisor, a global that is not what was assumed, a call result of
an unexpected type, an unbound local) leaves through a deopt block that boxes the live
locals and the value stack at that instruction and resumes tier 0 there.

Guard-stress mode (``deopt.stress_mode``) tests those exits: each guard site gets a private
i1 global "failed once"; the guard also fails while it is clear, and the way out sets it, so
every site deoptimises the first time it is reached (once per compiled function). The
entry's type check likewise sends the second call to the fallback. Without stress mode
none of this is emitted: the IR is the same as if it did not exist.
"""

from __future__ import annotations

import itertools

from llvmlite import ir

from . import arith
from .deopt import pack, stress_mode
from .engine import dict_version_offset
from .irutil import CONSTANT_KINDS, I1, I8, I32, I64, STORAGE, Emitter, P, countdown, i1, i64
from .lower_calls import CallLowering
from .lower_items import ItemLowering, _stored_refs
from .lower_objects import ObjectLowering
from .typer import (
    BOOL,
    FLOAT,
    INT,
    IT_CUR,
    IT_IDX,
    IT_STEP,
    IT_STOP,
    LIST_APPEND,
    NONE,
    NUL,
    NUMBERS,
    OBJ,
    RANGE_ARGS,
    container,
    is_ref,
)

POLL_EVERY = 4096  # back edges and direct calls between two polls (a poll costs ~50 ns)
_serial = itertools.count(1)


class Lowering(CallLowering, ItemLowering, ObjectLowering):
    def __init__(self, code, analysis, types, *, fallback, deopt, raiser, poll, func=None,
                 globals0=None, objects=(), fast_cg=False):
        self.code = code
        self.a = analysis
        self.t = types
        self.func = func
        self.name = f"jit{next(_serial)}"
        self.em = em = Emitter(self.name)
        if fast_cg:  # code made of C-API calls: reference counts by call (smaller IR, ~same speed)
            em.inline_rc = False
        self.q = code.ctx.qstr_text
        self.helpers = (fallback, deopt, raiser, poll)
        self.helpers_obj = objects  # lower_objects.object_helpers
        self.fallback, self.deopt_fn, self.raiser, self.poll_fn = self.helpers
        params = [STORAGE[t] for _kind, _k, t in types.params]
        self.body = ir.Function(em.module, ir.FunctionType(P, [P, P] + params),
                                name=f"{self.name}_body")
        self.body.linkage = "internal"
        # returns of one number type leave the value in *out and return this marker
        self.ret = types.ret if types.ret in (INT, FLOAT, BOOL) else None
        marker = ir.GlobalVariable(em.module, I64, name=f"{self.name}_unboxed")
        marker.linkage = "internal"
        marker.initializer = i64(0)
        self.unboxed = marker
        self.entry_name = f"{self.name}_entry"
        self.entry = ir.Function(em.module, ir.FunctionType(P, [P, P, I64]), name=self.entry_name)
        self.counter = countdown(em.module)  # shared: jitvm.interrupt can make it poll now
        self.slots: dict = {}
        self.dict_tag = dict_version_offset()
        self.n_caches = 0
        self.deopt_blocks: dict = {}
        self.shared_deopts: dict = {}  # frame shape -> (block, phi of the offset object)
        self.shared_errors: dict = {}  # stack slots holding references -> (block, phi)
        self.blocks: dict[int, ir.Block] = {}
        self.live_cache: dict = {}
        self.pc = 0
        self.n_locals = types.n_locals
        # a call: the callee's globals (call slot) + self (method) + its arguments; helpers: 4
        self.max_args = max([c.nargs + 2 for c in types.calls.values()] + [4, types.tuples])
        self.globals0 = globals0  # the globals at compile time
        from .engine import call_slot_offsets

        self.slot_offsets = call_slot_offsets()
        self.slot_miss = None
        self.arr_size = 2 + self.n_locals + analysis.max_depth + 1
        self.stress = stress_mode(code.vm)
        # locals that hold a reference somewhere: each has one pointer slot, NULL when empty
        self.ref_locals = {k for loc, _stk in types.before.values()
                           for k, t in enumerate(loc) if t is not None and is_ref(t)}
        self.ref_locals |= {k for kind, k, t in types.params if kind == "l" and is_ref(t)}
        self.ref_locals |= _stored_refs(analysis, types)
        self.stress_sites = 0  # guard sites given a "failed once" flag (stress mode)

    # ---- module --------------------------------------------------------------------------
    def build(self) -> str:
        self._deopt_common()
        self._raise_common()
        self._poll()
        self._body()
        self._entry()
        return str(self.em.module)

    def _deopt_common(self):
        """deopt_common(arr, n): call Deopt(*arr[:n]) and release the n owned references."""
        em = self.em
        fn = self.deopt_common = em.cold_function(f"{self.name}_deopt", P, [P, I64])
        arr, n = fn.args
        b = em.b
        # a failed box (MemoryError) left NULL in the array: skip the call, keep the error
        has_null = self._any_null(arr, n)
        r_slot = b.alloca(P)
        b.store(ir.Constant(P, None), r_slot)
        with b.if_then(b.not_(has_null)):
            b.store(em.call("PyObject_Vectorcall", em.obj(self.deopt_fn), arr, n,
                            ir.Constant(P, None)), r_slot)
        self._loop(n, lambda i: em.xdecref(b.load(b.gep(arr, [i], source_etype=P), typ=P)))
        b.ret(b.load(r_slot, typ=P))

    def _any_null(self, arr, n):
        b = self.em.b
        flag = b.alloca(I1)
        b.store(i1(False), flag)

        def visit(i):
            v = b.load(b.gep(arr, [i], source_etype=P), typ=P)
            is_null = b.icmp_unsigned("==", v, ir.Constant(P, None))
            b.store(b.or_(b.load(flag, typ=I1), is_null), flag)
        self._loop(n, visit)
        return b.load(flag, typ=I1)

    def _loop(self, n, visit):
        b = self.em.b
        pre = b.block
        head = b.append_basic_block("loop")
        body = b.append_basic_block("loop_body")
        done = b.append_basic_block("loop_done")
        b.branch(head)
        b.position_at_end(head)
        i = b.phi(I64)
        i.add_incoming(i64(0), pre)
        b.cbranch(b.icmp_signed("<", i, n), body, done)
        b.position_at_end(body)
        visit(i)
        i.add_incoming(b.add(i, i64(1)), b.block)
        b.branch(head)
        b.position_at_end(done)

    def _raise_common(self):
        """raise_common(pc_obj): fetch the pending exception and re-raise it through Raiser."""
        em = self.em
        fn = self.raise_common = em.cold_function(f"{self.name}_raise", ir.VoidType(), [P])
        b = em.b
        t, v, tb = em.fetch_error()
        exc = b.load(v, typ=P)
        with b.if_then(b.icmp_unsigned("!=", exc, ir.Constant(P, None))):
            tbv = b.load(tb, typ=P)
            with b.if_then(b.icmp_unsigned("!=", tbv, ir.Constant(P, None))):
                em.call("PyException_SetTraceback", exc, tbv)
            args = b.alloca(P, size=2)
            b.store(exc, args)
            b.store(fn.args[0], b.gep(args, [i64(1)], source_etype=P))
            r = em.call("PyObject_Vectorcall", em.obj(self.raiser), args, i64(2),
                        ir.Constant(P, None))
            em.xdecref(r)  # always NULL: Raiser raises
        for p in (t, v, tb):
            em.xdecref(b.load(p, typ=P))
        b.ret_void()

    def _poll(self):
        """poll_slow() -> ok: enter the Python poll function (see deopt.py)."""
        em = self.em
        self.poll_slow = em.cold_function(f"{self.name}_poll", I1, [])
        b = em.b
        r = em.call("PyObject_Vectorcall", em.obj(self.poll_fn), ir.Constant(P, None), i64(0),
                    ir.Constant(P, None))
        failed = b.icmp_unsigned("==", r, ir.Constant(P, None))
        with b.if_then(b.not_(failed)):
            em.decref(r)
        b.ret(b.not_(failed))

    def poll_tick(self):
        """Count down; every POLL_EVERY ticks enter the poll. Returns i1 ok."""
        b = self.em.b
        c = b.sub(b.load(self.counter, typ=I32), ir.Constant(I32, 1))
        b.store(c, self.counter)
        pre = b.block
        slow = b.append_basic_block("poll")
        done = b.append_basic_block("polled")
        b.cbranch(b.icmp_signed("<=", c, ir.Constant(I32, 0)), slow, done)
        b.position_at_end(slow)
        b.store(ir.Constant(I32, POLL_EVERY), self.counter)
        ok = b.call(self.poll_slow, [])
        b.branch(done)
        b.position_at_end(done)
        phi = b.phi(I1)
        phi.add_incoming(i1(True), pre)
        phi.add_incoming(ok, slow)
        return phi

    # ---- entry ---------------------------------------------------------------------------
    def _entry(self):
        em = self.em
        fn = self.entry
        _self, args, nargs = fn.args
        em.b = b = ir.IRBuilder(fn.append_basic_block("entry"))
        fallback = fn.append_basic_block("fallback")
        check = fn.append_basic_block("check")
        n = len(self.t.entry) + len(self.t.entry_stack)
        fits = b.icmp_signed("==", nargs, i64(n + 1))
        if self.stress:  # the second call takes the fallback, as if its types did not fit
            calls = ir.GlobalVariable(em.module, I8, name=f"{self.name}_stress_calls")
            calls.linkage = "internal"
            calls.initializer = ir.Constant(I8, 0)
            c = b.load(calls, typ=I8)
            b.store(b.select(b.icmp_unsigned("<", c, ir.Constant(I8, 2)),
                             b.add(c, ir.Constant(I8, 1)), c), calls)
            fits = b.and_(fits, b.icmp_unsigned("!=", c, ir.Constant(I8, 1)))
        b.cbranch(fits, check, fallback)
        b.position_at_end(check)
        G = b.load(args, typ=P)
        values = []
        is_dict = fn.append_basic_block("globals_ok")  # lookups read G as a dict
        b.cbranch(em.is_exact(G, dict), is_dict, fallback)
        b.position_at_end(is_dict)
        n_loc = len(self.t.entry)
        for kind, k, t in self.t.params:  # the arguments: locals, then stack slots (OSR)
            o = b.load(b.gep(args, [i64(1 + k + (n_loc if kind == "s" else 0))],
                             source_etype=P), typ=P)
            if is_ref(t):  # a borrowed reference: the body takes its own
                ok, v = em.ref_check(t, o), o
            else:
                ok, v = em.unbox_check(INT if t in (IT_CUR, IT_STOP, IT_STEP, IT_IDX) else t, o)
            nxt = fn.append_basic_block(f"arg{k}")
            b.cbranch(ok, nxt, fallback)
            b.position_at_end(nxt)
            values.append(v)
        out = em.entry_alloca(I64 if self.ret is None else STORAGE[self.ret], "out")
        r = b.call(self.body, [G, out] + values)
        if self.ret is not None:
            with b.if_then(b.icmp_unsigned("==", r, self.unboxed)):
                b.ret(em.box(self.ret, b.load(out, typ=STORAGE[self.ret])))
        b.ret(r)
        b.position_at_end(fallback)  # another type, a big int, another count: tier 0
        b.ret(em.call("PyObject_Vectorcall", em.obj(self.fallback), args, nargs,
                      ir.Constant(P, None)))

    # ---- body ----------------------------------------------------------------------------
    def _body(self):
        em = self.em
        fn = self.body
        em.b = b = ir.IRBuilder(fn.append_basic_block("entry"))
        self.G, self.out = fn.args[0], fn.args[1]
        self.arr = b.alloca(P, size=self.arr_size, name="deopt_arr")
        self.call_arr = b.alloca(P, size=self.max_args, name="call_arr")
        entry = self.t.entry
        for k in range(self.n_locals):  # every local starts unbound but the parameters
            b.store(i1(k < len(entry) and entry[k] is not None), self.slot("f", k, BOOL))
        for k in sorted(self.ref_locals):  # a local's object: NULL when it holds none
            b.store(ir.Constant(P, None), self.ref_slot(k))
        for i, (kind, k, t) in enumerate(self.t.params):
            v = fn.args[i + 2]
            if is_ref(t):
                em.incref(v)  # the entry passed a borrowed reference
            b.store(v, self.slot(kind, k, t))
        for blk in self.a.blocks:
            if blk.reachable and blk.start in self.t.before:
                self.blocks[blk.start] = fn.append_basic_block(f"bc{blk.start}")
        b.branch(self.blocks[self.t.start])
        for bi in self.a.rpo:
            blk = self.a.blocks[bi]
            if blk.start not in self.blocks:
                continue
            b.position_at_end(self.blocks[blk.start])
            if bi in self.a.loops:
                self.pc = blk.start
                self.check(self.poll_tick(), self.t.before[blk.start][1])
            for ins in blk.instrs:
                self.pc = ins.offset
                self.instr(ins, *self.t.before[ins.offset])
            if not b.block.is_terminated:
                b.branch(self.blocks[blk.end])

    def slot(self, kind: str, k: int, t: str):
        """The alloca of local (kind "l") or stack slot ("s") k holding type t; every
        reference type of a slot shares one pointer (so paths that join as OBJ agree), and a
        local's reference is its ``ref_slot`` whatever its type."""
        if is_ref(t):
            if kind == "l":
                return self.ref_slot(k)
            t = "ref"
        key = (kind, k, t)
        s = self.slots.get(key)
        if s is None:
            ty = P if t == "ref" else STORAGE[t]
            s = self.slots[key] = self.em.entry_alloca(ty, f"{kind}{k}_{t}")
        return s

    def ref_slot(self, k: int):
        key = ("r", k)
        s = self.slots.get(key)
        if s is None:
            s = self.slots[key] = self.em.entry_alloca(P, f"r{k}")
        return s

    def release_locals(self) -> None:
        """Every way out of the body drops the references its locals hold."""
        em, b = self.em, self.em.b
        for k in sorted(self.ref_locals):
            em.xdecref_inline(b.load(self.ref_slot(k), typ=P))

    def get(self, d: int, t: str):
        if t in CONSTANT_KINDS:
            return None
        return self.em.b.load(self.slot("s", d, t), typ=STORAGE[t])

    def put(self, d: int, t: str, v) -> None:
        if t not in CONSTANT_KINDS:
            self.em.b.store(v, self.slot("s", d, t))

    def live(self, pc: int) -> frozenset:
        s = self.live_cache.get(pc)
        if s is None:
            s = self.live_cache[pc] = self.a.live_before(pc)
        return s

    # ---- leaving: deopt and errors ---------------------------------------------------------
    def guard(self, bad) -> None:
        """Deoptimise to the current instruction when ``bad`` holds."""
        b = self.em.b
        target = self.deopt_block(self.pc)
        cont = b.append_basic_block(f"ok{self.pc}")
        if self.stress:
            failed, target = self.stress_site(target)
            bad = b.or_(bad, b.not_(failed))
        b.cbranch(bad, target, cont)
        b.position_at_end(cont)

    def stress_site(self, target: ir.Block):
        """Stress mode, one guard site: (i1 "this site has failed once", a block that sets
        the flag and goes on to ``target``). The guard must also fail while the flag is clear."""
        b = self.em.b
        self.stress_sites += 1
        flag = ir.GlobalVariable(self.em.module, I1, name=f"{self.name}_stress{self.stress_sites}")
        flag.linkage = "internal"
        flag.initializer = i1(False)
        failed = b.load(flag, typ=I1)
        blk = b.append_basic_block(f"stress{self.pc}")
        with b.goto_block(blk):
            b.store(i1(True), flag)
            b.branch(target)
        return failed, blk

    def deopt_block(self, pc: int, top=None) -> ir.Block:
        """The block resuming tier 0 before ``pc`` (``top``: an owned object that replaces
        the top stack slot, for a call result of an unexpected type). Guards whose frames
        have the same shape (live locals and their types, stack types) share one block that
        boxes the values (read from their slots, so from any guard they are current); each
        guard's own block only passes its offset."""
        if top is None and pc in self.deopt_blocks:
            return self.deopt_blocks[pc]
        em, b = self.em, self.em.b
        loc, stk = self.t.before[pc]
        live = self.live(pc)
        locs = tuple((t, self.a.is_assigned(pc, k)) if t is not None and k in live else None
                     for k, t in enumerate(loc))
        if top is not None:
            blk = b.append_basic_block(f"deopt{pc}_result")
            with b.goto_block(blk):
                self._emit_deopt(em.obj(pc), locs, stk, top)
            return blk
        shared = self.shared_deopts.get((locs, stk))
        if shared is None:
            blk = b.append_basic_block("deopt_shared")
            with b.goto_block(blk):
                pc_phi = b.phi(P)
                self._emit_deopt(pc_phi, locs, stk, None)
            shared = self.shared_deopts[(locs, stk)] = (blk, pc_phi)
        stub = b.append_basic_block(f"deopt{pc}")
        with b.goto_block(stub):
            b.branch(shared[0])
        shared[1].add_incoming(em.obj(pc), stub)
        self.deopt_blocks[pc] = stub
        return stub

    def _emit_deopt(self, pc_obj, locs: tuple, stk: tuple, top) -> None:
        em, b = self.em, self.em.b
        values = [self.G, pc_obj]
        for v in values:
            em.incref(v)
        for k, lt in enumerate(locs):
            values.append(self.box_local(k, *lt) if lt is not None else self.const_ref(NUL))
        for d, t in enumerate(stk):
            if top is not None and d == len(stk) - 1:
                values.append(top)
            elif is_ref(t):
                values.append(self.get(d, t))  # the reference moves into the array
            elif t in CONSTANT_KINDS:
                values.append(self.const_ref(t))
            else:
                values.append(em.box(t, self.get(d, t)))
        for i, v in enumerate(values):
            b.store(v, b.gep(self.arr, [i64(i)], source_etype=P))
        self.release_locals()  # the array holds references of its own
        b.ret(b.call(self.deopt_common, [self.arr, i64(len(values))]))

    def const_ref(self, t: str):
        v = self.em.constant_object(t)
        self.em.incref(v)
        return v

    def box_local(self, k: int, t: str, assigned: bool):
        """A new reference to local k's value (jitvm's NULL while unbound, unless
        ``assigned``: bound on every path here)."""
        em, b = self.em, self.em.b
        v = b.load(self.slot("l", k, t), typ=STORAGE[t])

        def boxed_copy():
            if is_ref(t):  # a new reference for the array; the local keeps its own
                em.incref(v)
                return v
            return em.box(t, v)

        if assigned:
            return boxed_copy()
        bound = b.load(self.slot("f", k, BOOL), typ=I1)
        with b.if_else(bound) as (then, otherwise):
            with then:
                boxed = boxed_copy()
                then_blk = b.block
            with otherwise:
                null = self.const_ref(NUL)
                else_blk = b.block
        phi = b.phi(P)
        phi.add_incoming(boxed, then_blk)
        phi.add_incoming(null, else_blk)
        return phi

    def check(self, ok, stack: tuple) -> None:
        """Continue when ``ok``, else release ``stack``'s objects and raise from here."""
        em, b = self.em, self.em.b
        refs = tuple(d for d, t in enumerate(stack) if is_ref(t))  # the slots to release
        shared = self.shared_errors.get(refs)
        if shared is None:  # one raising block per set of stack slots holding references
            blk = b.append_basic_block("err_shared")
            with b.goto_block(blk):
                pc_phi = b.phi(P)
                for d in refs:
                    em.decref(self.get(d, OBJ))
                self.release_locals()
                b.call(self.raise_common, [pc_phi])
                b.ret(ir.Constant(P, None))
            shared = self.shared_errors[refs] = (blk, pc_phi)
        fail = b.append_basic_block(f"err{self.pc}")
        cont = b.append_basic_block(f"cont{self.pc}")
        b.cbranch(ok, cont, fail)
        b.position_at_end(fail)
        b.branch(shared[0])
        shared[1].add_incoming(em.obj(self.pc), fail)
        b.position_at_end(cont)

    # ---- instructions ----------------------------------------------------------------------
    def stack_instr(self, n: str, stk: tuple) -> bool:
        """POP_TOP, DUP_TOP(_TWO), ROT_TWO/THREE: move values (references counted)."""
        em = self.em
        d = len(stk)
        if n == "POP_TOP":
            if is_ref(stk[-1]):
                em.decref(self.get(d - 1, stk[-1]))
        elif n in ("DUP_TOP", "DUP_TOP_TWO"):
            k = 1 if n == "DUP_TOP" else 2
            for i in range(k):
                t = stk[d - k + i]
                v = self.get(d - k + i, t)
                if is_ref(t):
                    em.incref(v)
                self.put(d + i, t, v)
        elif n in ("ROT_TWO", "ROT_THREE"):
            k = 2 if n == "ROT_TWO" else 3
            values = [self.get(d - k + i, stk[i - k]) for i in range(k)]
            order = [k - 1, *range(k - 1)]  # the top goes under the others
            for i, j in enumerate(order):
                self.put(d - k + i, stk[j - k], values[j])
        else:
            return False
        return True

    def instr(self, ins, loc: tuple, stk: tuple) -> None:
        em, b = self.em, self.em.b
        n, a = ins.info.name, ins.arg
        d = len(stk)
        nxt = ins.offset + ins.size
        if self.object_instr(ins, stk) or self.stack_instr(n, stk):
            return
        if n == "LOAD_CONST_OBJ":  # a number (object_instr took any other constant)
            v = self.code.ctx.objs[a]
            t = FLOAT if type(v) is float else INT
            self.put(d, t, ir.Constant(STORAGE[t], v))
        elif n in ("LOAD_CONST_SMALL_INT", "LOAD_CONST_SMALL_INT_MULTI"):
            self.put(d, INT, i64(a))
        elif n in ("LOAD_CONST_TRUE", "LOAD_CONST_FALSE"):
            self.put(d, BOOL, i1(n == "LOAD_CONST_TRUE"))
        elif n in ("LOAD_CONST_NONE", "LOAD_NULL"):
            pass
        elif n in ("LOAD_FAST_N", "LOAD_FAST_MULTI"):
            t = loc[a]
            if not self.a.is_assigned(ins.offset, a):
                self.guard(b.not_(b.load(self.slot("f", a, BOOL), typ=I1)))  # NameError in tier 0
            v = b.load(self.slot("l", a, t), typ=STORAGE[t])
            if is_ref(t):
                em.incref(v)
            self.put(d, t, v)
        elif n in ("STORE_FAST_N", "STORE_FAST_MULTI"):
            t = stk[-1]
            if t == NONE:  # a reference to None (the typer made the local an object)
                v = em.obj(None)
                em.incref(v)
                t = OBJ
            else:
                v = self.get(d - 1, t)
            if a in self.t.boxed and not is_ref(t):  # a local of several types: boxed
                v = em.box(t, v)
                self.check(b.icmp_unsigned("!=", v, ir.Constant(P, None)), stk[:-1])
                t = OBJ
            if a in self.ref_locals:  # drop the object the local held (if any)
                old = b.load(self.ref_slot(a), typ=P)
                b.store(v if is_ref(t) else ir.Constant(P, None), self.ref_slot(a))
                em.xdecref_inline(old)
            if not is_ref(t):
                b.store(v, self.slot("l", a, t))
            b.store(i1(True), self.slot("f", a, BOOL))
        elif n == "LOAD_GLOBAL":
            self.load_global(self.q[a], d, stk)
        elif n == "CALL_FUNCTION":
            site = self.t.calls[ins.offset]
            if site.kind == "range":
                self.call_range(site, stk)
            elif site.kind == "len_obj":
                self.call_len_obj(stk)
            elif site.kind == "len":
                self.call_len(stk)
            elif site.kind == "math":
                self.call_math(stk, method=False)
            else:
                self.call(site, stk, nxt)
        elif n == "GET_ITER_STACK" and ins.offset in self.t.generic_iters:
            self.get_iter_obj(stk)
        elif n == "FOR_ITER" and tuple(stk[-4:]) == (NUL, OBJ, NUL, NUL):
            self.for_iter_obj(ins, stk)
        elif n == "GET_ITER_STACK":
            if stk[-1] != RANGE_ARGS:  # a list or tuple: [NUL, the sequence, index 0, NUL]
                self.put(d, stk[-1], self.get(d - 1, stk[-1]))
                self.put(d + 1, IT_IDX, i64(0))
            # range(): the call already stored (cur, stop, step) in the iterator's slots
        elif n == "FOR_ITER":
            if stk[-2] == IT_IDX:
                self.for_iter_seq(ins, stk)
            else:
                self.for_iter(ins, d)
        elif n == "LOAD_METHOD" and stk[-1] != OBJ and container(stk[-1])[0] == "list":
            # list.append: [the method (a constant), the list] - the list's reference moves up
            self.put(d, stk[-1], self.get(d - 1, stk[-1]))
        elif n in ("LOAD_ATTR", "LOAD_METHOD"):
            self.module_attr(ins, stk)
        elif n == "CALL_METHOD" and stk[-3] == LIST_APPEND:
            self.list_append(stk)
        elif n == "CALL_METHOD":
            self.call_math(stk)
        elif n == "LOAD_SUBSCR":
            self.load_subscr(stk, nxt)
        elif n == "STORE_SUBSCR":
            self.store_subscr(stk)
        elif n == "BINARY_OP_MULTI":
            ta, tb = stk[-2], stk[-1]
            x, y = self.get(d - 2, ta), self.get(d - 1, tb)
            r_t, r = arith.binary(em, a, ta, x, tb, y, self.guard)
            self.put(d - 2, r_t, r)
        elif n == "UNARY_OP_MULTI":
            r_t, r = arith.unary(em, a, stk[-1], self.get(d - 1, stk[-1]), self.guard)
            self.put(d - 1, r_t, r)
        elif n == "BUILD_TUPLE":  # the items (boxed) go to the host's tuple()
            types = stk[len(stk) - a:]
            items = [self.get(d - a + i, t) for i, t in enumerate(types)]
            r, _blk = self.generic_call(em.obj(pack), types, items)
            for t, v in zip(types, items):
                if is_ref(t):
                    em.decref(v)
            self.check(b.icmp_unsigned("!=", r, ir.Constant(P, None)), stk[:d - a])
            self.put(d - a, OBJ, r)
        elif n == "JUMP":
            b.branch(self.blocks[ins.target])
        elif n in ("POP_JUMP_IF_TRUE", "POP_JUMP_IF_FALSE", "JUMP_IF_TRUE_OR_POP",
                   "JUMP_IF_FALSE_OR_POP"):
            if stk[-1] in NUMBERS:
                c = arith.truth(em, stk[-1], self.get(d - 1, stk[-1]))
            else:  # POP_JUMP_IF_* on an object (the typer keeps *_OR_POP to numbers)
                c = self.truth_obj(stk[-1], stk)
            jump, stay = self.blocks[ins.target], self.blocks[nxt]
            if "FALSE" in n:
                b.cbranch(c, stay, jump)
            else:
                b.cbranch(c, jump, stay)
        elif n == "RETURN_VALUE":
            if stk[-1] == self.ret:
                b.store(self.get(d - 1, stk[-1]), self.out)
                self.release_locals()
                b.ret(self.unboxed)
            else:
                r = em.box(stk[-1], self.get(d - 1, stk[-1]))
                self.release_locals()
                b.ret(r)
        else:  # pragma: no cover - the typer accepts only the opcodes above
            raise AssertionError(n)

    def for_iter(self, ins, d: int) -> None:
        """Yield cur while it is before stop; the next cur saturates at stop on overflow
        (the exact next value is past any i64 stop)."""
        b = self.em.b
        cur = self.get(d - 3, IT_CUR)
        stop, step = self.get(d - 2, IT_STOP), self.get(d - 1, IT_STEP)
        up = b.icmp_signed(">", step, i64(0))
        more = b.select(up, b.icmp_signed("<", cur, stop), b.icmp_signed(">", cur, stop))
        body = b.append_basic_block(f"iter{ins.offset}")
        b.cbranch(more, body, self.blocks[ins.target])
        b.position_at_end(body)
        r = b.sadd_with_overflow(cur, step)
        self.put(d - 3, IT_CUR, b.select(b.extract_value(r, 1), stop, b.extract_value(r, 0)))
        self.put(d, INT, cur)
        b.branch(self.blocks[ins.offset + ins.size])

"""Lowering of global lookups and calls (a mixin of ``lower.Lowering``).

A global is looked up in G, then in the builtins, with the module's own qstr object as the
key (identity match); on CPython 3.11 each site remembers its last hit with G's version
tag. ``range`` is guarded to be the builtin. Calls of the function itself go straight to
its body with unboxed arguments and result; other calls box their arguments and use
``PyObject_Vectorcall``, and their result is unboxed after a type check (a mismatch
deoptimises after the call, with the result on the stack).
"""

from __future__ import annotations

from llvmlite import ir

from . import arith
from .irutil import F64, I32, I64, STORAGE, P, i1, i64
from .typer import FLOAT, IT_CUR, IT_STEP, IT_STOP, MATHFN, MODULE, NONE, OBJ, is_ref


class CallLowering:
    """Needs from the class it is mixed into: em, G, pc, t, func, code, ret, unboxed, body,
    call_arr, name, dict_tag, n_caches, stress, get/put, guard, stress_site, check,
    deopt_block, poll_tick."""

    def load_global(self, name: str, d: int, stk: tuple) -> None:
        """G[name], else builtins[name]; `range` must be the builtin (else deopt), other
        names push a new reference (a missing name deopts: tier 0 raises NameError). The
        key is the module's own qstr object, the one its STORE_NAME/STORE_GLOBAL used, so
        the lookup matches by identity, not by comparing text."""
        em, b = self.em, self.em.b
        key = em.obj(name)
        null = ir.Constant(P, None)
        v = self.cached_get(key, stk)
        pre = b.block
        look = b.append_basic_block("builtins")
        done = b.append_basic_block("found")
        b.cbranch(b.icmp_unsigned("==", v, null), look, done)
        b.position_at_end(look)
        v2 = self.dict_get(em.obj(self.code.vm.builtins), key, stk)
        look_end = b.block
        b.branch(done)
        b.position_at_end(done)
        phi = em.phi(((v, pre), (v2, look_end)))
        if name in ("range", "len"):  # typed RANGE / LEN: only the identity matters
            self.guard(b.icmp_unsigned("!=", phi, em.obj(range if name == "range" else len)))
            return
        t = self.t.globals_typed.get(self.pc)
        if t is not None and t.startswith(MATHFN):  # `from math import sqrt`: that function
            self.guard(b.icmp_unsigned("!=", phi, em.constant_object(t)))
            return
        self.guard(b.icmp_unsigned("==", phi, null))
        t = self.t.globals_typed.get(self.pc, OBJ)
        if t.startswith(MODULE):  # the module the global held when compiled
            self.guard(b.icmp_unsigned("!=", phi, em.obj(self.globals0[name])))
        elif t != OBJ:  # a list, tuple or bytearray, as when compiled (else tier 0 goes on)
            self.guard(b.not_(em.ref_check(t, phi)))
        em.incref(phi)
        self.put(d, t, phi)

    def module_attr(self, ins, stk: tuple) -> None:
        """LOAD_ATTR of a number or LOAD_METHOD of a math function on a module (typed so by
        the typer from the values when compiled; the module's dict is read at each load and
        the value checked, else tier 0 goes on)."""
        em, b = self.em, self.em.b
        d = len(stk)
        mod = self.globals0[stk[-1][len(MODULE):]]
        attr = self.q[ins.arg]
        v = self.cached_get(em.obj(attr), stk, em.obj(mod.__dict__))
        self.guard(b.icmp_unsigned("==", v, ir.Constant(P, None)))
        if ins.info.name == "LOAD_METHOD":  # the very function typed (a constant from here)
            self.guard(b.icmp_unsigned("!=", v, em.obj(mod.__dict__[attr])))
            em.decref(self.get(d - 1, stk[-1]))
            return
        t = self.t.attrs[ins.offset][2]
        ok, x = em.unbox_check(t, v)
        self.guard(b.not_(ok))
        em.decref(self.get(d - 1, stk[-1]))
        self.put(d - 1, t, x)

    def call_math(self, stk: tuple, method: bool = True) -> None:
        """math.f(x) (``method``: CALL_METHOD's [f, NULL, x]; else CALL_FUNCTION's [f, x]) as
        the C library computes it; MicroPython's domain rule (a NaN result from a non-NaN
        argument, an infinite one from a finite argument) deoptimises, so tier 0 raises the
        error."""
        em, b = self.em, self.em.b
        d = len(stk)
        base = d - (3 if method else 2)
        fn = stk[base][len(MATHFN):]
        x = arith.to_float(em, stk[-1], self.get(d - 1, stk[-1]))
        r = em.call(f"jitvm_{fn}", x)
        nan_r = b.fcmp_unordered("uno", r, r)
        nan_x = b.fcmp_unordered("uno", x, x)
        inf = ir.Constant(F64, float("inf"))
        inf_r = b.fcmp_ordered("==", em.call("jitvm_fabs", r), inf)
        inf_x = b.fcmp_ordered("==", em.call("jitvm_fabs", x), inf)
        self.guard(b.or_(b.and_(nan_r, b.not_(nan_x)), b.and_(inf_r, b.not_(inf_x))))
        self.put(base, FLOAT, r)

    def cached_get(self, key, stk: tuple, dct=None):
        """dct[key] (G's by default) or NULL, remembered per site with the dict's version tag
        (3.11): every mutation of a dict gives it a new, never reused tag, so an equal (dict,
        tag) pair means the same contents and the cached borrowed value is still the dict's."""
        b = self.em.b
        dct = self.G if dct is None else dct
        if self.dict_tag is None:
            return self.dict_get(dct, key, stk)
        self.n_caches += 1
        c_dict, c_tag, c_val = (self.global_cell(f"g{self.n_caches}_{what}", ty)
                                for what, ty in (("dict", P), ("tag", I64), ("val", P)))
        tag = b.load(b.gep(dct, [i64(self.dict_tag)], source_etype=ir.IntType(8)), typ=I64)
        hit = b.and_(b.icmp_unsigned("==", b.load(c_dict, typ=P), dct),
                     b.icmp_unsigned("==", b.load(c_tag, typ=I64), tag))
        cached = b.load(c_val, typ=P)
        pre = b.block
        miss = b.append_basic_block("gmiss")
        done = b.append_basic_block("ghit")
        b.cbranch(hit, done, miss)
        b.position_at_end(miss)
        v = self.dict_get(dct, key, stk)
        with b.if_then(b.icmp_unsigned("!=", v, ir.Constant(P, None))):
            b.store(dct, c_dict)
            b.store(tag, c_tag)
            b.store(v, c_val)
        miss_end = b.block
        b.branch(done)
        b.position_at_end(done)
        phi = b.phi(P)
        phi.add_incoming(cached, pre)
        phi.add_incoming(v, miss_end)
        return phi

    def global_cell(self, what: str, ty):
        g = ir.GlobalVariable(self.em.module, ty, name=f"{self.name}_{what}")
        g.linkage = "internal"
        g.initializer = ir.Constant(ty, None)
        return g

    def dict_get(self, dct, key, stk: tuple):
        """A borrowed reference or NULL; a key comparison that raised leaves from here."""
        em, b = self.em, self.em.b
        v = em.call("PyDict_GetItemWithError", dct, key)
        missing = b.icmp_unsigned("==", v, ir.Constant(P, None))
        with b.if_then(missing, likely=False):
            self.check(b.icmp_unsigned("==", em.call("PyErr_Occurred"), ir.Constant(P, None)), stk)
        return v

    def call_range(self, site, stk: tuple) -> None:
        b = self.em.b
        d = len(stk)
        base = d - site.nargs - 1
        args = [arith.to_int(self.em, stk[base + 1 + i], self.get(base + 1 + i, stk[base + 1 + i]))
                for i in range(site.nargs)]
        if site.nargs == 1:
            start, stop, step = i64(0), args[0], i64(1)
        elif site.nargs == 2:
            start, stop, step = args[0], args[1], i64(1)
        else:
            start, stop, step = args
            self.guard(b.icmp_signed("==", step, i64(0)))  # ValueError from tier 0
        self.put(base + 1, IT_CUR, start)
        self.put(base + 2, IT_STOP, stop)
        self.put(base + 3, IT_STEP, step)

    def call(self, site, stk: tuple, nxt: int) -> None:
        """A call of a global's value: the function itself entered directly with unboxed
        arguments (and result) when the global still holds it, else PyObject_Vectorcall on
        boxed arguments with the result unboxed after a type check."""
        em, b = self.em, self.em.b
        d = len(stk)
        base = d - site.nargs - 1
        fnobj = self.get(base, OBJ)
        arg_types = stk[base + 1:]
        args = [self.get(base + 1 + i, t) for i, t in enumerate(arg_types)]
        done = b.append_basic_block(f"after{self.pc}")
        join = b.append_basic_block(f"called{self.pc}")
        incoming = []
        if self.func is not None and site.is_self and tuple(arg_types) == self.t.entry:
            fast = b.append_basic_block(f"direct{self.pc}")
            slow = b.append_basic_block(f"generic{self.pc}")
            b.cbranch(b.icmp_unsigned("==", fnobj, em.obj(self.func)), fast, slow)
            b.position_at_end(fast)
            r, value = self.direct_call(args, site.result)
            if value is not None:  # the result came unboxed
                b.position_at_end(value[1])
                self.release_call(fnobj, arg_types, args)
                self.put(base, site.result, value[0])
                b.branch(done)
                b.position_at_end(r[1])
            incoming.append(r)
            b.branch(join)
            b.position_at_end(slow)
        incoming.append((self.invoke_any(fnobj, arg_types, args), b.block))
        b.branch(join)
        b.position_at_end(join)
        r = b.phi(P)
        for v, blk in incoming:
            r.add_incoming(v, blk)
        self.release_call(fnobj, arg_types, args)
        self.check(b.icmp_unsigned("!=", r, ir.Constant(P, None)), stk[:base])
        if site.result == OBJ:
            self.put(base, OBJ, r)
        elif is_ref(site.result):  # a container of the speculated type, else tier 0 goes on
            ok = em.ref_check(site.result, r)
            cont = b.append_basic_block(f"typed{self.pc}")
            target = self.deopt_block(nxt, top=r)
            if self.stress:
                failed, target = self.stress_site(target)
                ok = b.and_(ok, failed)
            b.cbranch(ok, cont, target)
            b.position_at_end(cont)
            self.put(base, site.result, r)
        else:
            ok, v = em.unbox_check(site.result, r)
            cont = b.append_basic_block(f"unboxed{self.pc}")
            target = self.deopt_block(nxt, top=r)  # another type: tier 0 goes on
            if self.stress:
                failed, target = self.stress_site(target)
                ok = b.and_(ok, failed)
            b.cbranch(ok, cont, target)
            b.position_at_end(cont)
            em.decref(r)
            self.put(base, site.result, v)
        b.branch(done)
        b.position_at_end(done)

    def release_call(self, fnobj, arg_types, args) -> None:
        self.em.decref(fnobj)
        for t, v in zip(arg_types, args):
            if is_ref(t):
                self.em.decref(v)

    def direct_call(self, args, want: str):
        """body(G0, out, args) under the recursion limit, polling like a back edge.
        Returns ((object or NULL, its block), (unboxed value, its block) or None)."""
        em, b = self.em, self.em.b
        null = ir.Constant(P, None)
        polled = self.poll_tick()
        pre = b.block
        enter = b.append_basic_block("enter")
        go = b.append_basic_block("entered")
        done = b.append_basic_block("returned")
        b.cbranch(polled, enter, done)
        b.position_at_end(enter)
        depth_ok = b.icmp_signed("==", em.call("Py_EnterRecursiveCall", em.cstring(" in jitvm")),
                                 ir.Constant(I32, 0))
        b.cbranch(depth_ok, go, done)
        b.position_at_end(go)
        out = em.entry_alloca(I64 if self.ret is None else STORAGE[self.ret], "ret")
        r = b.call(self.body, [em.obj(self.func.globals), out] + list(args))
        em.call("Py_LeaveRecursiveCall")
        value = None
        if self.ret is not None:
            unboxed = b.icmp_unsigned("==", r, self.unboxed)
            v = b.load(out, typ=STORAGE[self.ret])
            if self.ret == want:
                vblk = b.append_basic_block("unboxed_result")
                obj = b.append_basic_block("object_result")
                b.cbranch(unboxed, vblk, obj)
                value = (v, vblk)
                b.position_at_end(obj)
            else:  # the caller wants an object (or another type: boxed, then deopt)
                boxed = b.append_basic_block("box_result")
                joined = b.append_basic_block("boxed_result")
                here = b.block
                b.cbranch(unboxed, boxed, joined)
                b.position_at_end(boxed)
                rb = em.box(self.ret, v)
                bblk = b.block
                b.branch(joined)
                b.position_at_end(joined)
                phi = b.phi(P)
                phi.add_incoming(r, here)
                phi.add_incoming(rb, bblk)
                r = phi
        tail = b.block
        b.branch(done)
        b.position_at_end(done)
        phi = b.phi(P)
        phi.add_incoming(null, pre)
        phi.add_incoming(null, enter)
        phi.add_incoming(r, tail)
        return (phi, b.block), value

    def slot_call(self, fnobj, arg_types, args, off: dict):
        """When ``fnobj`` is a guest function with no closure whose call slot takes this many
        arguments: ``code.direct(f.globals, *args)`` (what the translation does; the slot
        holds the translation or machine code), its fields read at their fixed offsets
        (``engine.call_slot_offsets``). Returns (result or NULL, block); leaves
        ``self.slot_miss`` as the block to continue with for any other callee."""
        from jitvm.interp import Code
        from jitvm.objects import Function

        em, b = self.em, self.em.b
        miss = self.slot_miss = b.append_basic_block(f"vcall{self.pc}")

        def step(ok, name):
            nxt = b.append_basic_block(f"{name}{self.pc}")
            b.cbranch(ok, nxt, miss)
            b.position_at_end(nxt)

        def field(p, name):
            return em.load_field(p, off[name], P)

        step(em.is_exact(fnobj, Function), "is_fn")
        closed = field(fnobj, "closed")
        step(b.and_(em.is_exact(closed, tuple),
                    b.icmp_signed("==", em.load_field(closed, 16, I64), i64(0))), "no_cells")
        code = field(fnobj, "code")
        step(em.is_exact(code, Code), "is_code")
        # direct_n: a small int, one object per value in CPython (compared by identity)
        step(b.icmp_unsigned("==", field(code, "direct_n"), em.obj(len(args))), "fits")
        direct = field(code, "direct")
        step(b.icmp_unsigned("!=", direct, em.obj(None)), "has_slot")
        em.incref(direct)  # the call may replace the slot (tier-up): keep it alive meanwhile
        r, _end = self.generic_call(direct, arg_types, args, first=field(fnobj, "globals"))
        em.decref(direct)
        return r, b.block

    def generic_call(self, fnobj, arg_types, args, first=None):
        em, b = self.em, self.em.b
        boxed = []
        base = 0
        if first is not None:  # a leading argument (borrowed): the call slot's globals
            b.store(first, self.call_arr)
            base = 1
        for i, (t, v) in enumerate(zip(arg_types, args), base):
            if is_ref(t):
                item = v  # borrowed: the caller releases it after the call
            elif t == NONE:
                item = em.obj(None)
            else:
                item = em.box(t, v)
                boxed.append(item)
            b.store(item, b.gep(self.call_arr, [i64(i)], source_etype=P))
        null = ir.Constant(P, None)
        bad = i1(False)
        for v in boxed:
            bad = b.or_(bad, b.icmp_unsigned("==", v, null))
        pre = b.block
        go = b.append_basic_block("vcall")
        done = b.append_basic_block("vcalled")
        b.cbranch(bad, done, go)
        b.position_at_end(go)
        r = em.call("PyObject_Vectorcall", fnobj, self.call_arr, i64(len(args) + base), null)
        b.branch(done)
        b.position_at_end(done)
        phi = b.phi(P)
        phi.add_incoming(null, pre)
        phi.add_incoming(r, go)
        for v in boxed:
            em.xdecref(v)
        return phi, b.block

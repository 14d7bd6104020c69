"""Lowering of items and lengths of lists, tuples and bytearrays (a mixin of
``lower.Lowering``).

The typer has given the container an exact type (``list[E]``, ``tuple[E]``, ``bytearray``),
checked when the reference entered the code (an argument, a call's result). An index is
normalised as Python does (negative counts from the end); one out of range deoptimises, so
tier 0 raises its own IndexError. A list or tuple item is checked against the speculated
item type E (a number is unboxed, a container's exact type checked; a mismatch
deoptimises before the instruction, nothing consumed yet). Storing into a list boxes the
value and releases the item it replaces; a bytearray takes ints 0..255 (others deoptimise:
tier 0's ValueError). Offsets are those of CPython's object layouts on 64-bit hosts
(``engine.host_supported``): ob_size at 16, a list's ob_item pointer at 24, a tuple's
items from 24, a bytearray's ob_start at 40, a bytes object's bytes from 32.
"""

from __future__ import annotations

from llvmlite import ir

from . import arith
from .irutil import I8, I32, I64, P, i64
from .typer import BYTE_STRINGS, BYTEARRAY, INT, IT_IDX, NONE, OBJ, container, is_ref

OB_SIZE = 16
LIST_ITEMS = 24  # PyListObject.ob_item (a pointer to the items)
TUPLE_ITEMS = 24  # PyTupleObject.ob_item (the items themselves)
BYTES_START = 40  # PyByteArrayObject.ob_start
BYTES_SVAL = 32  # PyBytesObject.ob_sval (the bytes themselves)


def _stored_refs(analysis, types) -> set:
    """Locals some STORE_FAST gives a reference (or None) to."""
    out = set()
    for ins in analysis.instrs:
        if ins.info.name in ("STORE_FAST_N", "STORE_FAST_MULTI"):
            state = types.before.get(ins.offset)
            if state is not None and state[1] and (is_ref(state[1][-1]) or state[1][-1] == NONE):
                out.add(ins.arg)
    return out


class ItemLowering:
    """Needs from the class it is mixed into: em, get/put, guard, check."""

    def index_in(self, c, idx_t: str, idx):
        """The index normalised against ``len(c)``, after a guard that it is in range."""
        b = self.em.b
        i = arith.to_int(self.em, idx_t, idx)
        size = self.em.load_field(c, OB_SIZE, I64)
        j = b.select(b.icmp_signed("<", i, i64(0)), b.add(i, size), i)
        self.guard(b.icmp_unsigned(">=", j, size))  # also j < 0: tier 0 raises IndexError
        return j

    def item_pointer(self, cont_t: str, c, j):
        b = self.em.b
        kind, _elem = container(cont_t)
        if kind == "list":
            items = self.em.load_field(c, LIST_ITEMS, P)
        else:
            items = b.gep(c, [i64(TUPLE_ITEMS)], source_etype=I8)
        return b.gep(items, [j], source_etype=P)

    def owned(self, d: int, t: str, stk: tuple):
        """A reference owned by the caller to the value in stack slot d: the slot's own when
        it holds one, else a new one (a boxed number; a failed allocation raises from here)."""
        em, b = self.em, self.em.b
        if is_ref(t):
            return self.get(d, t)
        if t == NONE:
            v = em.obj(None)
            em.incref(v)
            return v
        v = em.box(t, self.get(d, t))
        self.check(b.icmp_unsigned("!=", v, ir.Constant(P, None)), stk)
        return v

    def typed_item(self, t: str, item):
        """A borrowed item as speculated type ``t``: a number unboxed after a check of its
        exact type, a reference (new) after a check of its container type; a mismatch
        deoptimises."""
        em, b = self.em, self.em.b
        if is_ref(t):
            if t != OBJ:
                self.guard(b.not_(em.ref_check(t, item)))
            em.incref(item)
            return item
        ok, v = em.unbox_check(t, item)
        self.guard(b.not_(ok))
        return v

    def load_subscr(self, stk: tuple, nxt: int) -> None:
        em, b = self.em, self.em.b
        d = len(stk)
        cont_t, idx_t = stk[-2], stk[-1]
        c = self.get(d - 2, cont_t)
        j = self.index_in(c, idx_t, self.get(d - 1, idx_t))
        if cont_t in BYTE_STRINGS:
            data = (em.load_field(c, BYTES_START, P) if cont_t == BYTEARRAY
                    else b.gep(c, [i64(BYTES_SVAL)], source_etype=I8))
            t = INT
            v = b.zext(b.load(b.gep(data, [j], source_etype=I8), typ=I8), I64)
        else:
            t = container(cont_t)[1]
            v = self.typed_item(t, b.load(self.item_pointer(cont_t, c, j), typ=P))
        em.decref(c)
        self.put(d - 2, t, v)

    def store_subscr(self, stk: tuple) -> None:
        em, b = self.em, self.em.b
        d = len(stk)
        val_t, cont_t, idx_t = stk[-3], stk[-2], stk[-1]
        c = self.get(d - 2, cont_t)
        j = self.index_in(c, idx_t, self.get(d - 1, idx_t))
        if cont_t == BYTEARRAY:
            v = arith.to_int(em, val_t, self.get(d - 3, val_t))
            self.guard(b.icmp_unsigned(">", v, i64(255)))  # tier 0 raises ValueError
            data = em.load_field(c, BYTES_START, P)
            b.store(b.trunc(v, I8), b.gep(data, [j], source_etype=I8))
        else:
            new = self.owned(d - 3, val_t, stk)  # moves into the list
            ptr = self.item_pointer(cont_t, c, j)
            old = b.load(ptr, typ=P)
            b.store(new, ptr)
            em.xdecref_inline(old)
        em.decref(c)

    def call_len(self, stk: tuple) -> None:
        em = self.em
        d = len(stk)
        c = self.get(d - 1, stk[-1])
        n = em.load_field(c, OB_SIZE, I64)
        em.decref(c)
        self.put(d - 2, INT, n)

    def for_iter_seq(self, ins, stk: tuple) -> None:
        """The next item of a list or tuple while the index is below its length (read at
        every turn, as the host's iterator does), else leave the loop dropping the sequence.
        An item of another type than speculated deoptimises before FOR_ITER (tier 0 gets a
        host iterator at that index)."""
        em, b = self.em, self.em.b
        d = len(stk)
        cont_t = stk[-3]
        c = self.get(d - 3, cont_t)
        i = self.get(d - 2, IT_IDX)
        size = em.load_field(c, OB_SIZE, I64)
        body = b.append_basic_block(f"item{ins.offset}")
        done = b.append_basic_block(f"items_done{ins.offset}")
        b.cbranch(b.icmp_signed("<", i, size), body, done)
        b.position_at_end(done)
        em.decref(c)
        b.branch(self.blocks[ins.target])
        b.position_at_end(body)
        t = container(cont_t)[1]
        v = self.typed_item(t, b.load(self.item_pointer(cont_t, c, i), typ=P))
        self.put(d - 2, IT_IDX, b.add(i, i64(1)))
        self.put(d, t, v)
        b.branch(self.blocks[ins.offset + ins.size])

    def list_append(self, stk: tuple) -> None:
        """list.append(x): PyList_Append (what the method does), the list released after."""
        em, b = self.em, self.em.b
        d = len(stk)
        lst = self.get(d - 2, stk[-2])
        item = self.owned(d - 1, stk[-1], stk)
        ok = b.icmp_signed("==", em.call("PyList_Append", lst, item), ir.Constant(I32, 0))
        em.decref(item)  # the list took its own reference
        em.decref(lst)
        self.check(ok, stk[:d - 2])

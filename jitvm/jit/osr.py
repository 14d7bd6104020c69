"""On-stack replacement into tier 1: a loop that runs long in a function's Python translation
continues in machine code compiled from its loop header.

A translation that counts toward tier 1 (``jitvm.translate``) checks every ``period``-th turn
of each loop header (the check costs ~15 ns a turn) and calls ``Osr(G, pc, locals())``:

* the first time at a header, the frame's values are typed (``type_of_value`` per local; a
  range iterator on the value stack becomes its three words, a list or tuple iterator its sequence
  and index) and the function is compiled
  from that header for those types (``jitvm.jit.compile_osr``; on the compile thread when
  hot functions compile there), and the loop goes on in the translation;
* once the code is there, the frame's values are passed to its entry, which checks their
  types as a call entry checks arguments: if they fit, the rest of the function runs as
  machine code and its result is the translation's; if not, ``NOPE`` comes back and the
  translation goes on. Guards inside deoptimise to tier 0 as usual (``deopt.Deopt``).

A header whose code deoptimises ``MAX_DEOPTS`` times, or that tier 1 refused, is not tried
again.
"""

from __future__ import annotations

from jitvm.objects import NULL

NOPE = object()  # "no machine code for this frame here": the translation goes on
PENDING = object()  # being compiled
MAX_DEOPTS = 100
_RANGE_ITER = type(iter(range(0)))
_SEQ_ITERS = (type(iter([])), type(iter(())))


class Osr:
    """On-stack replacement for one function's translation (see the module's text)."""

    __slots__ = ("code", "entries", "n_locals", "on_refused")

    def __init__(self, code, n_locals: int, on_refused=None) -> None:
        self.code = code
        self.n_locals = n_locals
        self.entries: dict = {}  # header pc -> entry builtin, PENDING, or None (refused)
        self.on_refused = on_refused  # on_refused(pc, again): the header will never be entered

    def __call__(self, G, pc: int, frame_locals: dict):
        e = self.entries.get(pc, NOPE)
        if e is None:  # refused, and the loop still runs: stop offering (see ``refused``)
            if self.on_refused is not None:
                self.on_refused(pc, True)
            return NOPE
        if e is PENDING:
            return NOPE
        try:
            values = self.values(frame_locals, pc)
        except MemoryError:  # the guest's heap is full: tier 0 goes on (and will say so)
            return NOPE
        if values is None:  # an iterator or object on the stack tier 1 does not take
            self.refused(pc)
            return NOPE
        if e is NOPE:
            from jitvm.limits import outside_budget

            with outside_budget():  # compiling is the host's work, not the guest's heap
                self.request(G, pc, values)
            e = self.entries.get(pc)  # compiled at once when compiles are synchronous
            if e is None or e is PENDING:
                return NOPE
        try:
            return e(G, *values[0], *values[1])
        except BaseException as exc:
            try:
                exc._jitvm_tb_code = self.code  # the compiled code added this frame's line
            except AttributeError:
                pass
            raise

    def values(self, lv: dict, pc: int):
        """(locals, stack) of the translation's frame at loop header ``pc``, a range
        iterator as its three words (cur, stop, step); None if an iterator is of another kind."""
        locs = [lv.get(f"l{i}", NULL) for i in range(self.n_locals)]
        depth = self.code.translated_depth.get(pc, 0)
        stk = []
        iters = []  # where a range iterator's three words start in stk
        k = 0
        while k < depth:
            v = lv.get(f"s{k}", NULL)
            if type(v) is _RANGE_ITER and k + 2 < depth:
                _it, (rng,), index = v.__reduce__()
                iters.append((len(stk), "range"))
                stk += [rng.start + index * rng.step, rng.stop, rng.step]
                k += 3  # the two slots after it are padding (MicroPython's iter_buf)
                continue
            if type(v) in _SEQ_ITERS and k + 2 < depth:
                state = v.__reduce__()
                if len(state) < 3:
                    return None  # exhausted: the loop is about to end anyway
                iters.append((len(stk), "seq"))
                stk += [state[1][0], state[2], NULL]  # (the sequence, the index, -)
                k += 3
                continue
            if v is not NULL and v is not None and type(v) not in (int, float, bool):
                return None  # another object on the stack: tier 1 does not take it
            stk.append(v)
            k += 1
        return locs, stk, tuple(iters)

    def refused(self, pc: int) -> None:
        """``on_refused(pc, again)``: the translation offers this header again only after many
        more turns (``again`` False), and drops the offer from its code when it does (True):
        rewriting the translation costs ~1.5 ms, worth it only for a loop that keeps running."""
        self.entries[pc] = None
        if self.on_refused is not None:
            self.on_refused(pc, False)

    def request(self, G, pc: int, values) -> None:
        from . import compile_osr

        self.entries[pc] = PENDING
        code = self.code

        def install(fn) -> None:
            self.entries[pc] = fn

        def on_max_deopts(_code) -> None:
            self.entries[pc] = None

        fn = compile_osr(code, pc, G, *values, fallback=_nope,
                         on_max_deopts=on_max_deopts, install=install)
        if fn is None:
            self.refused(pc)
        elif fn is not True:
            self.entries[pc] = fn


def _nope(G, *values):
    """The entry's fallback: the frame's values do not have the types compiled for."""
    return NOPE

"""One bytecode analysis per function, for the Python translator and the llvmlite tier.

``analyze(code)`` walks a function once: basic blocks with normal and exceptional edges,
the value-stack depth and the exception-block stack before every instruction, loops
(dominator-based), liveness of locals, and the locals definitely bound at each instruction.

Stack effects and flow kinds come from ``jitvm.opdefs``. Depths: an except/finally handler starts one slot
above its block's outside depth (the exception, None or an unwind marker), a with handler
three (``__exit__``, NULL, that value). Exception blocks are tracked as the VM keeps them:
SETUP_* pushes one, POP_EXCEPT_JUMP and END_FINALLY pop one, UNWIND_JUMP pops those it
leaves; a block stays pushed while its handler runs and then catches nothing (MicroPython's
``exc_sp->handler <= ip``). Returns and unwind jumps run the finally/with handlers they
leave, whose END_FINALLY goes on to the next one or the target (all normal edges).
Inconsistent code raises ``NotTranslatable``.
"""

from __future__ import annotations

from .opdefs import ENDS_BLOCK, NO_FALLTHROUGH, SETUP_KIND, Flow, by_flow, stack_effect

__all__ = ["Analysis", "Block", "Handler", "NotTranslatable", "analyze", "analyze_instructions",
           "effects"]

COND_POP = by_flow(Flow.BRANCH)
COND_KEEP = by_flow(Flow.BRANCH_KEEP)
RAISES = by_flow(Flow.RAISE)
LOAD_FAST = frozenset(("LOAD_FAST_N", "LOAD_FAST_MULTI"))
STORE_FAST = frozenset(("STORE_FAST_N", "STORE_FAST_MULTI"))
FAST_OPS = LOAD_FAST | STORE_FAST | {"DELETE_FAST"}
DEREF_OPS = frozenset(("LOAD_DEREF", "STORE_DEREF", "DELETE_DEREF"))
_EFFECT_MEMO: dict[tuple, tuple[int, int]] = {}


class NotTranslatable(Exception):
    """The bytecode does not have the shape the analysis needs (inconsistent depths...)."""


def effects(ins) -> tuple[int, int]:
    """(pops, pushes) on the fall-through edge (``jitvm.opdefs``), memoised."""
    key = (ins.info.name, ins.arg, ins.extra)
    e = _EFFECT_MEMO.get(key)
    if e is None:
        e = stack_effect(ins)
        if len(_EFFECT_MEMO) < 8192:  # keys: opcode, argument, extra byte
            _EFFECT_MEMO[key] = e
    return e


class Handler:
    """An exception block: pushed by the SETUP_* at ``setup``, handler at ``target``.
    Immutable and compared by value (exception-block stacks are compared along paths)."""

    __slots__ = ("setup", "target", "kind", "depth", "_key")

    def __init__(self, setup: int, target: int, kind: str, depth: int) -> None:
        self.setup = setup
        self.target = target
        self.kind = kind  # "except", "finally" or "with"
        self.depth = depth  # value-stack depth outside the block (what an unwind jump returns to)
        self._key = (setup, target, kind, depth)

    def __eq__(self, other) -> bool:
        return type(other) is Handler and self._key == other._key

    def __hash__(self) -> int:
        return hash(self._key)

    @property
    def entry_depth(self) -> int:
        """The stack depth at the handler's first instruction."""
        return self.depth + (3 if self.kind == "with" else 1)

    @property
    def is_finally(self) -> bool:
        """Run by returns and unwind jumps that leave it (finally and with blocks)."""
        return self.kind != "except"

    def __repr__(self) -> str:
        return f"{self.kind}@{self.target}"


class Block:
    """A basic block. Edges are block indices; unreachable blocks have none."""

    __slots__ = ("index", "start", "end", "instrs", "reachable", "depth", "catcher", "succs",
                 "exc_succs", "preds", "exc_preds", "live_in", "live_out", "assigned_in")

    def __init__(self, index: int, start: int, end: int, instrs: list, reachable: bool,
                 depth: int | None = None, catcher: Handler | None = None) -> None:
        self.index = index
        self.start = start  # offset of the first instruction
        self.end = end  # offset just past the last instruction
        self.instrs = instrs
        self.reachable = reachable
        self.depth = depth  # stack depth at entry
        self.catcher = catcher  # where an exception raised in this block goes
        self.succs: list[int] = []  # normal successors (jumps, fall-through, unwinds)
        self.exc_succs: list[int] = []  # handler blocks an exception may enter
        self.preds: list[int] = []
        self.exc_preds: list[int] = []
        self.live_in: frozenset = frozenset()
        self.live_out: frozenset = frozenset()
        self.assigned_in: frozenset | None = None  # definitely-assigned locals at entry

    @property
    def last(self):
        return self.instrs[-1]

    def __repr__(self) -> str:
        return f"B{self.index}@{self.start}"


def _catcher(stack: tuple, off: int) -> Handler | None:
    """The innermost block that catches an exception raised at ``off`` (not an active one)."""
    for h in reversed(stack):
        if h.target > off:
            return h
    return None


def _pop_block(stack: tuple, ins) -> tuple:
    if not stack:
        raise NotTranslatable(f"{ins.info.name} with no exception block at {ins.offset}")
    return stack[:-1]


def _unwind_state(ins, stack: tuple) -> tuple[int, int, tuple]:
    """(target, depth, exception stack) where an UNWIND_JUMP lands."""
    n = ins.extra & 0x7F
    if n == 0 or n > len(stack):
        raise NotTranslatable("unwind jump out of unknown blocks")
    d = stack[-n].depth
    return ins.target, (d - 4 if ins.extra & 0x80 else d), stack[:-n]


def _step(ins, d: int, stack: tuple, work: list):
    """The fall-through state after ``ins`` (or None); other successors go on ``work``."""
    n = ins.info.name
    pops, pushes = effects(ins)
    if pops > d:
        raise NotTranslatable(f"stack underflow at {ins.offset}")
    nd = d - pops + pushes
    nxt, t = ins.offset + ins.size, ins.target
    if n == "JUMP":
        return t, nd, stack
    if n == "POP_EXCEPT_JUMP":
        return t, nd, _pop_block(stack, ins)
    if n in SETUP_KIND:
        kind = SETUP_KIND[n]
        h = Handler(ins.offset, t, kind, d - 1 if kind == "with" else d)
        inner = stack + (h,)
        work.append((t, h.entry_depth, inner))
        return nxt, nd, inner
    if n == "UNWIND_JUMP":
        work.append(_unwind_state(ins, stack))
        return None
    if n == "END_FINALLY":
        return nxt, nd, _pop_block(stack, ins)
    if n in COND_POP:
        work.append((t, nd, stack))
    elif n in COND_KEEP:
        work.append((t, d, stack))
    elif n == "FOR_ITER":
        work.append((t, d - 4, stack))
    elif n in NO_FALLTHROUGH:
        return None
    return nxt, nd, stack


def _flow(instrs, by_off: dict) -> tuple[dict, dict]:
    """Stack depth and exception-block stack before every reachable instruction."""
    depth: dict[int, int] = {}
    blocks: dict[int, tuple] = {}
    work: list = [(0, 0, ())]
    while work:
        off, d, stack = work.pop()
        while True:
            if off in depth:
                if depth[off] != d:
                    raise NotTranslatable(f"stack depth mismatch at {off}")
                if blocks[off] != stack:
                    raise NotTranslatable(f"exception stack mismatch at {off}")
                break
            k = by_off.get(off)
            if k is None:
                raise NotTranslatable(f"no instruction at {off}")
            depth[off] = d
            blocks[off] = stack
            state = _step(instrs[k], d, stack, work)
            if state is None:
                break
            off, d, stack = state
    return depth, blocks


def _route(stack: tuple, here: int, cont: tuple):
    """The first finally/with handler a return (``cont`` = ("ret",)) or an unwind jump
    (("jump", target, blocks left)) runs from ``here``, and what it goes on with after."""
    k = len(stack) if cont[0] == "ret" else cont[2]
    for j in range(k):
        h = stack[-1 - j]
        if h.is_finally and h.target > here:  # an active one is cancelled instead
            return h, (cont if cont[0] == "ret" else ("jump", cont[1], k - 1 - j))
    return None, None


def _unwind_succs(instrs, depth: dict, excs: dict) -> dict[int, set]:
    """Normal successors of RETURN_VALUE, UNWIND_JUMP and END_FINALLY along unwinds."""
    ends: dict[int, list] = {}  # finally handler -> the END_FINALLYs that close its block
    out: dict[int, set] = {}
    work = []
    for ins in instrs:
        off, n = ins.offset, ins.info.name
        if off not in depth:
            continue
        if n == "END_FINALLY":
            ends.setdefault(excs[off][-1].target, []).append(off)
        elif n in ("RETURN_VALUE", "UNWIND_JUMP"):
            cont = ("ret",) if n == "RETURN_VALUE" else ("jump", ins.target, ins.extra & 0x7F)
            h, rest = _route(excs[off], off, cont)
            out[off] = {h.target} if h else ({ins.target} if n == "UNWIND_JUMP" else set())
            if h:
                work.append((h.target, rest))
    seen = set()
    while work:
        item = work.pop()
        if item in seen:
            continue
        seen.add(item)
        target, cont = item
        for e in ends.get(target, ()):
            h, rest = _route(excs[e][:-1], e, cont)
            dest = h.target if h else (cont[1] if cont[0] == "jump" else None)
            if dest is not None:
                out.setdefault(e, set()).add(dest)
            if h:
                work.append((h.target, rest))
    return out


def _split(instrs, depth: dict, excs: dict) -> list[Block]:
    """Cut the instructions into blocks (unreachable runs form blocks of their own)."""
    leaders = {0}
    for ins in instrs:
        if ins.offset in depth:
            if ins.target is not None:
                leaders.add(ins.target)
            if ins.info.name in ENDS_BLOCK:
                leaders.add(ins.offset + ins.size)
    blocks: list[Block] = []
    key = None
    for ins in instrs:
        off = ins.offset
        reach = off in depth
        new_key = (reach, _catcher(excs[off], off) if reach else None)
        if not blocks or off in leaders or new_key != key:
            blocks.append(Block(len(blocks), off, off, [], reach, depth.get(off), new_key[1]))
            key = new_key
        b = blocks[-1]
        b.instrs.append(ins)
        b.end = off + ins.size
    return blocks


def _link(blocks: list[Block], excs: dict, unwinds: dict) -> None:
    """Fill successors and predecessors of the reachable blocks."""
    start = {b.start: b.index for b in blocks}
    for b in blocks:
        if not b.reachable:
            continue
        ins = b.last
        n, t = ins.info.name, ins.target
        if n in ("JUMP", "POP_EXCEPT_JUMP"):
            offs = [t]
        elif n in COND_POP or n in COND_KEEP or n == "FOR_ITER":
            offs = [b.end, t]
        elif n in ("RETURN_VALUE", "UNWIND_JUMP"):
            offs = sorted(unwinds.get(ins.offset, ()))
        elif n in RAISES:
            offs = []
        elif n == "END_FINALLY" and not excs[ins.offset][-1].is_finally:
            offs = []  # the end of an except handler: no clause matched, it re-raises
        else:
            offs = [b.end] + sorted(unwinds.get(ins.offset, set()) - {b.end})
        b.succs = list(dict.fromkeys(start[o] for o in offs))
        b.exc_succs = [start[b.catcher.target]] if b.catcher else []
    for b in blocks:
        for s in b.succs:
            blocks[s].preds.append(b.index)
        for s in b.exc_succs:
            blocks[s].exc_preds.append(b.index)


def _rpo(blocks: list[Block]) -> list[int]:
    """Reachable blocks in reverse post-order over all edges, from block 0."""
    seen, post = {0}, []
    stack = [(0, iter(blocks[0].succs + blocks[0].exc_succs))]
    while stack:
        b, it = stack[-1]
        s = next((s for s in it if s not in seen), None)
        if s is None:
            stack.pop()
            post.append(b)
        else:
            seen.add(s)
            stack.append((s, iter(blocks[s].succs + blocks[s].exc_succs)))
    return post[::-1]


def _prune(blocks: list[Block], rpo: list[int]) -> None:
    """Blocks the entry cannot reach lose their edges (the fall-through of an except
    handler's END_FINALLY has a stack depth but is never taken)."""
    live = set(rpo)
    for b in blocks:
        if b.index not in live:
            b.reachable, b.succs, b.exc_succs = False, [], []
        b.preds = [p for p in b.preds if p in live]
        b.exc_preds = [p for p in b.exc_preds if p in live]


def _dominators(blocks: list[Block], rpo: list[int]) -> dict[int, int]:
    """Immediate dominators (Cooper, Harvey and Kennedy's iteration)."""
    pos = {b: i for i, b in enumerate(rpo)}
    idom = {rpo[0]: rpo[0]}

    def meet(a: int, b: int) -> int:
        while a != b:
            while pos[a] > pos[b]:
                a = idom[a]
            while pos[b] > pos[a]:
                b = idom[b]
        return a

    changed = True
    while changed:
        changed = False
        for b in rpo[1:]:
            preds = [p for p in blocks[b].preds + blocks[b].exc_preds if p in idom]
            new = preds[0]
            for p in preds[1:]:
                new = meet(p, new)
            if idom.get(b) != new:
                idom[b] = new
                changed = True
    return idom


def _loops(blocks: list[Block], rpo: list[int], idom: dict) -> tuple[list, dict]:
    """Back edges (u, header) and the natural loop body of each header."""
    def dominates(h: int, u: int) -> bool:
        while u != h and idom[u] != u:
            u = idom[u]
        return u == h

    back = [(u, s) for u in rpo for s in blocks[u].succs + blocks[u].exc_succs
            if dominates(s, u)]
    loops: dict[int, set] = {}
    for u, h in back:
        body = loops.setdefault(h, {h})
        work = [u]
        while work:
            x = work.pop()
            if x not in body:
                body.add(x)
                work.extend(blocks[x].preds + blocks[x].exc_preds)
    return back, {h: frozenset(body) for h, body in sorted(loops.items())}


def _use_def(b: Block, cells: frozenset) -> tuple[int, int]:
    """Bit masks of the locals a block reads before writing, and writes. DELETE_FAST reads
    the binding (it raises when unbound) and then unbinds it."""
    use = kill = 0
    for ins in b.instrs:
        n, a = ins.info.name, ins.arg
        if a in cells:
            continue
        if (n in LOAD_FAST or n == "DELETE_FAST") and not kill >> a & 1:
            use |= 1 << a
        if n in STORE_FAST or n == "DELETE_FAST":
            kill |= 1 << a
    return use, kill


def _mask_set(mask: int) -> frozenset:
    return frozenset(i for i in range(mask.bit_length()) if mask >> i & 1)


def _or_all(masks) -> int:
    out = 0
    for m in masks:
        out |= m
    return out


def _liveness(blocks: list[Block], rpo: list[int], cells: frozenset) -> None:
    """live_in = use | (live_out over normal edges - def) | live_in of exception handlers."""
    ud = {b: _use_def(blocks[b], cells) for b in rpo}
    live = dict.fromkeys(rpo, 0)
    changed = True
    while changed:
        changed = False
        for b in reversed(rpo):
            blk = blocks[b]
            use, kill = ud[b]
            new = (use | (_or_all(live[s] for s in blk.succs) & ~kill)
                   | _or_all(live[s] for s in blk.exc_succs))
            if new != live[b]:
                live[b] = new
                changed = True
    for b in rpo:
        blk = blocks[b]
        blk.live_in = _mask_set(live[b])
        blk.live_out = _mask_set(_or_all(live[s] for s in blk.succs + blk.exc_succs))


def _assign_step(mask: int, ins, cells: frozenset) -> int:
    n, a = ins.info.name, ins.arg
    if n in STORE_FAST and a not in cells:
        return mask | 1 << a
    if n == "DELETE_FAST" and a not in cells:
        return mask & ~(1 << a)
    return mask


def _assignment(blocks: list[Block], rpo: list[int], entry: int, cells: frozenset) -> dict:
    """Forward must-analysis: the locals bound on every path to each block's entry. An
    exception edge carries what holds at every instruction of its block (entry minus the
    locals deleted in it)."""
    width = max([ins.arg + 1 for b in rpo for ins in blocks[b].instrs
                 if ins.info.name in STORE_FAST] + [entry.bit_length()])
    full = (1 << width) - 1
    state_in: dict[int, int] = {}
    out: dict[int, int] = {}
    exc_out: dict[int, int] = {}
    changed = True
    while changed:
        changed = False
        for b in rpo:
            blk = blocks[b]
            m = entry if b == 0 else full
            for p in blk.preds:
                m &= out.get(p, full)
            for p in blk.exc_preds:
                m &= exc_out.get(p, full)
            if state_in.get(b) == m:
                continue
            state_in[b] = m
            deleted = 0
            for ins in blk.instrs:
                m = _assign_step(m, ins, cells)
                if ins.info.name == "DELETE_FAST":
                    deleted |= 1 << ins.arg
            new = (m, state_in[b] & ~deleted)
            if (out.get(b), exc_out.get(b)) != new:
                out[b], exc_out[b] = new
                changed = True
    return state_in


class Analysis:
    """The analysis of one function; offsets are bytecode offsets, blocks are indices into
    ``blocks``. ``depth`` and ``exc_stack`` hold every instruction the flow walk reaches, which
    includes the never-taken fall-through of an except handler's END_FINALLY; the blocks
    the entry reaches along edges are ``reachable``, and only theirs are in ``assigned``.

    Fields: ``name``; ``instrs``; ``n_state`` (the prelude's state size, locals + stack, when
    known); ``n_params`` (parameter slots 0..n_params-1, bound at entry); ``cells`` (slots
    holding cells: always bound, always live, not in the sets below); ``locals`` (the other
    slots the function reads, writes or takes as parameters); ``blocks``; ``block_of``
    (offset -> block index); ``depth`` (stack depth before each instruction); ``exc_stack``
    (offset -> active exception blocks, outermost first); ``handlers`` (every exception
    block, in setup order); ``rpo`` (reachable blocks in reverse post-order); ``idom``
    (immediate dominator of each reachable block; the entry's is itself); ``back_edges``
    ((block, loop header block) pairs); ``loops`` (loop header block -> the blocks of its
    natural loop); ``assigned`` (offset -> locals definitely bound before it); ``max_depth``.
    """

    def __init__(self, **fields) -> None:
        self.max_depth = 0
        self.__dict__.update(fields)

    @property
    def loop_headers(self) -> list[int]:
        """Offsets of the loop headers (targets of back edges in the dominator sense)."""
        return [self.blocks[h].start for h in self.loops]

    @property
    def back_jump_targets(self) -> list[int]:
        """Targets of jumps to an earlier-or-same offset (the translator's OSR entry points)."""
        return sorted({i.target for i in self.instrs if i.target is not None
                       and i.target <= i.offset and i.offset in self.depth})

    def block_at(self, offset: int) -> Block:
        return self.blocks[self.block_of[offset]]

    def catcher(self, offset: int) -> Handler | None:
        """The exception block an exception raised at ``offset`` goes to (None: the caller)."""
        return _catcher(self.exc_stack[offset], offset)

    def is_assigned(self, offset: int, slot: int) -> bool:
        """Whether local ``slot`` is bound on every path to ``offset`` (no unbound check)."""
        return slot in self.assigned.get(offset, ())

    def live_before(self, offset: int) -> frozenset:
        """Locals whose value may still be read after control reaches ``offset``."""
        b = self.block_at(offset)
        live = set().union(*(self.blocks[s].live_in for s in b.succs))
        exc = set().union(*(self.blocks[s].live_in for s in b.exc_succs))
        for ins in reversed(b.instrs):
            n, a = ins.info.name, ins.arg
            if a not in self.cells:
                if n in STORE_FAST:
                    live.discard(a)
                elif n in LOAD_FAST or n == "DELETE_FAST":
                    live.add(a)
            live |= exc
            if ins.offset == offset:
                return frozenset(live)
        raise KeyError(offset)

    def __repr__(self) -> str:
        reach = sum(b.reachable for b in self.blocks)
        return (f"<Analysis {self.name}: {len(self.instrs)} instrs, {len(self.blocks)} blocks "
                f"({reach} reachable), max depth {self.max_depth}, {len(self.loops)} loops, "
                f"{len(self.handlers)} handlers>")

    def dump(self) -> str:
        """A listing: one header line per block, then its instructions with depth and the
        active exception blocks (``*`` marks one whose handler is running)."""
        lines = [repr(self)]
        for b in self.blocks:
            lines.append(_block_line(self, b))
            for ins in b.instrs:
                lines.append(_instr_line(self, ins))
        return "\n".join(lines)


def _sets(s) -> str:
    return "{" + ",".join(map(str, sorted(s))) + "}"


def _bs(label: str, ids, always: bool = False) -> list[str]:
    return [label + (",".join(f"B{i}" for i in ids) or "-")] if ids or always else []


def _block_line(a: Analysis, b: Block) -> str:
    head = f"B{b.index} [{b.start}..{b.end})"
    if not b.reachable:
        return head + " unreachable"
    parts = [head, f"d={b.depth}", *_bs("-> ", b.succs, True), *_bs("exc-> ", b.exc_succs),
             *_bs("<- ", b.preds, True), *_bs("exc<- ", b.exc_preds),
             *_bs("loop ", sorted(a.loops.get(b.index, ()))),
             f"live {_sets(b.live_in)}->{_sets(b.live_out)} bound {_sets(b.assigned_in)}"]
    return " ".join(parts)


def _instr_line(a: Analysis, ins) -> str:
    off = ins.offset
    arg = "" if ins.arg is None or ins.target is not None else f" {ins.arg}"
    tgt = f" ->{ins.target}" if ins.target is not None else ""
    extra = f" +{ins.extra:#x}" if ins.extra is not None else ""
    d = a.depth.get(off)
    stack = " ".join(f"{h!r}{'*' if h.target <= off else ''}" for h in a.exc_stack.get(off, ()))
    text = f"  {off:5d} {'-' if d is None else d:>3} {ins.info.name}{arg}{tgt}{extra}"
    return text + (f"  [{stack}]" if stack else "")


def analyze(code) -> Analysis:
    """Analyse a bytecode function: an ``mpy.model.RawCode`` with its prelude and decoded
    instructions, or any object with such a RawCode as ``.rc`` (jitvm's ``Code``)."""
    cached = getattr(code, "__dict__", {}).get("_analysis")  # a Code's, computed once
    if cached is not None:
        return cached
    rc = getattr(code, "rc", code)
    p = rc.prelude
    if p is None:
        raise NotTranslatable("no bytecode prelude")
    flags = p.scope_flags
    n_params = p.n_pos_args + p.n_kwonly_args + int(bool(flags & 0x04)) + int(bool(flags & 0x02))
    a = analyze_instructions(rc.instructions, n_state=p.n_state, n_params=n_params,
                             cells=tuple(p.cells), name=rc.name)
    if rc is not code:  # the translation, tier 1 and on-stack replacement read the same one
        code._analysis = a
    return a


def analyze_instructions(instrs, *, n_state: int | None = None, n_params: int = 0,
                         cells=(), name: str = "?") -> Analysis:
    """Analyse a decoded instruction list (``mpy.bytecode.Instruction``s, first at offset 0).
    ``n_params`` parameter slots (closed-over cells included) are bound at entry; ``cells``
    are the prelude's cell locals (slots used by *_DEREF count as cells too)."""
    if not instrs:
        raise NotTranslatable("no instructions")
    by_off = {ins.offset: k for k, ins in enumerate(instrs)}
    depth, excs = _flow(instrs, by_off)
    blocks = _split(instrs, depth, excs)
    _link(blocks, excs, _unwind_succs(instrs, depth, excs))
    rpo = _rpo(blocks)
    _prune(blocks, rpo)
    idom = _dominators(blocks, rpo)
    back, loops = _loops(blocks, rpo, idom)
    cell_set = frozenset(cells) | {i.arg for i in instrs if i.info.name in DEREF_OPS}
    fast = {i.arg for i in instrs if i.info.name in FAST_OPS}
    _liveness(blocks, rpo, cell_set)
    entry = _or_all(1 << s for s in set(range(n_params)) | cell_set)
    state_in = _assignment(blocks, rpo, entry, cell_set)
    assigned = _per_instruction(blocks, state_in, cell_set)
    handlers = sorted({h for st in excs.values() for h in st}, key=lambda h: h.setup)
    return Analysis(
        name=name, instrs=instrs, n_state=n_state, n_params=n_params, cells=cell_set,
        locals=frozenset((fast | set(range(n_params))) - cell_set), blocks=blocks,
        block_of={ins.offset: b.index for b in blocks for ins in b.instrs}, depth=depth,
        exc_stack=excs, handlers=handlers, rpo=rpo, idom=idom, back_edges=back, loops=loops,
        assigned=assigned, max_depth=max(depth.values()))


def _per_instruction(blocks: list[Block], state_in: dict, cells: frozenset) -> dict:
    """Definitely-bound sets before every reachable instruction (cells always bound)."""
    memo: dict[int, frozenset] = {}
    out: dict[int, frozenset] = {}
    for b in blocks:
        if b.index not in state_in:
            continue
        m = state_in[b.index]
        for ins in b.instrs:
            s = memo.get(m)
            if s is None:
                s = memo[m] = _mask_set(m)
            out[ins.offset] = s
            m = _assign_step(m, ins, cells)
        b.assigned_in = out[b.start]
    return out

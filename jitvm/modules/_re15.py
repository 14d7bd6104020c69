"""MicroPython's regex dialect (re1.5): pattern checks, program layout and a backtracking matcher.

MicroPython compiles a pattern into a byte program whose jump offsets are signed bytes, so a
pattern whose groups or repeated items are too long is refused ("regex too complex"), as are
more than 63 groups or 127 entries in a class. Matching is a recursive backtracker whose depth
is bounded by the C stack: a loop over something that can match nothing (`(a*)*`) or a very
long greedy run raises RuntimeError. This module reproduces those limits with its own layout
rules and an explicit-stack matcher; `Program.host` is an equivalent host bytes pattern used
whenever the depth bound shows the host engine gives the same answer (it is much faster).
"""

from __future__ import annotations

import re as _host_re

# The unix port's C stack holds 988 nested matcher frames at module level (measured on the
# real binary with `.*` and `(a)*`); deeper nesting raises RuntimeError.
MAX_DEPTH = 989
# Its pattern compiler recurses once per group: 824 nested groups overflow at module level.
MAX_NESTING = 823

_NAMED = frozenset(b"dDsSwW")
# CircuitPython's re1.5 turns these escapes into control characters (lib/re1.5 unescape());
# MicroPython's takes the letter itself
_CP_UNESCAPE = {ord(k): v for k, v in zip("abfnrtv", b"\a\b\f\n\r\t\v")}
_DIGITS = frozenset(range(0x30, 0x3A))
_SPACE = frozenset(b" \t\n\v\f\r")
_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_ALL = frozenset(range(256))

# Program opcodes: consumers first.
CHAR, SET, BOL, EOL, JMP, SPLIT, RSPLIT, SAVE, MATCH = range(9)
_FRAME_OPS = (SPLIT, RSPLIT, SAVE)


class TooComplex(Exception):
    """The pattern does not fit MicroPython's program layout (or is malformed)."""


def _named_set(c: int) -> frozenset:
    base = {0x64: _DIGITS, 0x73: _SPACE, 0x77: _WORD}[c | 0x20]
    return base if c & 0x20 else _ALL - base


def _signed(b: int) -> int:
    return b - 256 if b >= 128 else b


def _class_set(negate: bool, pairs: list) -> frozenset:
    """Bytes a class matches; MicroPython compares class bounds as signed chars."""
    members: set[int] = set()
    for lo, hi in pairs:
        if hi is None:
            members |= _named_set(lo)
        else:
            slo, shi = _signed(lo), _signed(hi)
            members.update(b for b in range(256) if slo <= _signed(b) <= shi)
    return frozenset(_ALL - members if negate else members)


def _check(ok: bool) -> None:
    if not ok:
        raise TooComplex


class _Parser:
    """Recursive-descent parse into nodes, checking MicroPython's layout limits on the way.

    Nodes: ('char', c), ('set', frozenset, size), ('bol',), ('eol',),
    ('group', index or None, branches), ('repeat', op, lazy, node); a branch is a node list.
    """

    def __init__(self, pat: bytes, unescape: dict | None = None) -> None:
        self.pat = pat
        self.unescape = unescape or {}  # CircuitPython's control-character escapes
        self.groups = 0
        self.over_limit = False  # a jump or count that does not fit: reported at the level's end
        self.nesting = 0

    def limit(self, ok: bool) -> None:
        """A layout limit: like MicroPython, parsing goes on (deeper nesting can still overflow
        the stack) and the level fails when it ends."""
        if not ok:
            self.over_limit = True

    def alternation(self, i: int) -> tuple[list, int, int]:
        """Parse up to ')' or the end; return (branches, byte size, index)."""
        pat = self.pat
        branches: list[list] = []
        items: list = []
        size = 0  # bytes of the current branch
        before = 0  # bytes of the earlier branches with their split/jump pairs
        last: int | None = None  # size of the item a repeat would apply to
        while i < len(pat) and pat[i] != 0x29:
            c = pat[i]
            if c in b"?*+":
                _check(last is not None)
                lazy = pat[i + 1 : i + 2] == b"?"
                self.limit(last <= {0x3F: 127, 0x2A: 124, 0x2B: 126}[c])
                size += 4 if c == 0x2A else 2
                items.append(("repeat", c, lazy, items.pop()))
                last = None
                i += 2 if lazy else 1
                continue
            if c == 0x7C:
                if branches:
                    self.limit(size <= 127)  # the previous '|' jumps over this branch
                self.limit(before + size + 2 <= 127)
                branches.append(items)
                before += size + 4
                items, size, last = [], 0, None
                i += 1
                continue
            node, item_size, i = self.item(i)
            items.append(node)
            size += item_size
            last = None if node[0] in ("bol", "eol") else item_size
        if branches:
            self.limit(size <= 127)
        _check(not self.over_limit)
        branches.append(items)
        return branches, before + size, i

    def item(self, i: int) -> tuple[tuple, int, int]:
        pat = self.pat
        c = pat[i]
        if c == 0x5C:
            _check(i + 1 < len(pat))  # trailing backslash
            esc = pat[i + 1]
            if esc in _NAMED:
                return ("set", _named_set(esc), 2), 2, i + 2
            return ("char", self.unescape.get(esc, esc)), 2, i + 2
        if c == 0x2E:
            return ("set", _ALL, 1), 1, i + 1
        if c == 0x5E:
            return ("bol",), 1, i + 1
        if c == 0x24:
            return ("eol",), 1, i + 1
        if c == 0x5B:
            return self.char_class(i + 1)
        if c == 0x28:
            return self.group(i)
        return ("char", c), 2, i + 1

    def char_class(self, i: int) -> tuple[tuple, int, int]:
        pat = self.pat
        negate = pat[i : i + 1] == b"^"
        i += negate
        pairs: list = []
        while True:
            _check(i < len(pat))
            c = pat[i]
            if c == 0x5D:  # the first ']' closes the class
                break
            if c == 0x5C:
                i += 1
                _check(i < len(pat))
                c = pat[i]
                if c in _NAMED:
                    pairs.append((c, None))
                    i += 1
                    continue
                c = self.unescape.get(c, c)  # a range's far end stays as written, as in re1.5
            if pat[i + 1 : i + 2] == b"-" and pat[i + 2 : i + 3] != b"]":
                _check(i + 2 < len(pat))  # a range running into the end of the pattern
                pairs.append((c, pat[i + 2]))
                i += 3
            else:
                pairs.append((c, c))
                i += 1
        self.limit(len(pairs) <= 127)
        size = 2 + 2 * len(pairs)
        return ("set", _class_set(negate, pairs), size), size, i + 1

    def group(self, i: int) -> tuple[tuple, int, int]:
        capture = self.pat[i + 1 : i + 3] != b"?:"
        index = None
        if capture:
            self.groups += 1
            index = self.groups
            self.limit(2 * index + 1 <= 127)
        else:
            i += 2
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise RuntimeError("maximum recursion depth exceeded")
        branches, size, i = self.alternation(i + 1)
        self.nesting -= 1
        _check(i < len(self.pat))  # no matching ')'
        return ("group", index, branches), size + (4 if capture else 0), i + 1


def _host_set(members: frozenset) -> bytes:
    if not members:
        return rb"(?!)"
    if members == _ALL:
        return rb"[\x00-\xff]"
    ranges: list[bytes] = []
    run: list[int] = []
    for b in sorted(members):
        if run and b == run[-1] + 1:
            run.append(b)
            continue
        if run:
            ranges.append(_range_text(run[0], run[-1]))
        run = [b]
    ranges.append(_range_text(run[0], run[-1]))
    return b"[" + b"".join(ranges) + b"]"


def _range_text(lo: int, hi: int) -> bytes:
    text = b"\\x%02x" % lo
    return text if lo == hi else text + b"-\\x%02x" % hi


def _host_text(branches: list) -> bytes:
    return b"|".join(b"".join(_host_node(n) for n in branch) for branch in branches)


def _host_node(node: tuple) -> bytes:
    kind = node[0]
    if kind == "char":
        return _host_re.escape(bytes([node[1]]))
    if kind == "set":
        return _host_set(node[1])
    if kind == "bol":
        return rb"\A"
    if kind == "eol":
        return rb"\Z"
    if kind == "group":
        return (b"(" if node[1] else b"(?:") + _host_text(node[2]) + b")"
    _, op, lazy, inner = node
    return b"(?:" + _host_node(inner) + b")" + bytes([op]) + (b"?" if lazy else b"")


class _Emitter:
    """Lay out nodes as a program of (op, arg) pairs in MicroPython's order of trial."""

    def __init__(self) -> None:
        self.code: list[list] = []

    def emit(self, op: int, arg: object = None) -> int:
        self.code.append([op, arg])
        return len(self.code) - 1

    def branches(self, branches: list) -> None:
        # One split per '|', nested as MicroPython nests them: the first branch is tried
        # first, under every split; each branch but the last jumps to the end.
        splits = [self.emit(SPLIT) for _ in branches[1:]]
        jumps = []
        for k, branch in enumerate(branches):
            if k:
                self.code[splits[-k]][1] = len(self.code)
            for node in branch:
                self.node(node)
            if k < len(branches) - 1:
                jumps.append(self.emit(JMP))
        for j in jumps:
            self.code[j][1] = len(self.code)

    def node(self, node: tuple) -> None:
        kind = node[0]
        if kind == "char":
            self.emit(CHAR, node[1])
        elif kind == "set":
            self.emit(SET, node[1])
        elif kind == "bol":
            self.emit(BOL)
        elif kind == "eol":
            self.emit(EOL)
        elif kind == "group":
            if node[1]:
                self.emit(SAVE, 2 * node[1])
            self.branches(node[2])
            if node[1]:
                self.emit(SAVE, 2 * node[1] + 1)
        else:
            self.repeat(node)

    def repeat(self, node: tuple) -> None:
        _, op, lazy, inner = node
        start = len(self.code)
        if op == 0x2B:  # '+': the body, then a split back to it
            self.node(inner)
            self.emit(SPLIT if lazy else RSPLIT, start)
            return
        split = self.emit(RSPLIT if lazy else SPLIT)
        self.node(inner)
        if op == 0x2A:
            self.emit(JMP, start)
        self.code[split][1] = len(self.code)


class Program:
    """A checked pattern: its group count, host pattern and own program."""

    __slots__ = ("anchored_pc", "code", "groups", "host", "width")

    def __init__(self, pattern: bytes) -> None:
        pattern = pattern.split(b"\0", 1)[0]  # MicroPython reads the pattern as a C string
        from jitvm.modules import _hw

        parser = _Parser(pattern, _CP_UNESCAPE if _hw.flavor() == "circuitpython" else None)
        branches, _, end = parser.alternation(0)
        if end < len(pattern):  # a ')' without its '('
            raise ValueError("error in regex")
        self.groups = parser.groups
        em = _Emitter()
        # Search = try here, else skip a byte and retry (as MicroPython's prefix does).
        em.emit(RSPLIT, 3)
        em.emit(SET, _ALL)
        em.emit(JMP, 0)
        self.anchored_pc = em.emit(SAVE, 0)
        em.branches(branches)
        em.emit(SAVE, 1)
        em.emit(MATCH)
        self.code = [tuple(ins) for ins in em.code]
        self.width = _frames_between_bytes(self.code)
        self.host = None
        if self.width is not None:
            try:
                self.host = _host_re.compile(_host_text(branches))
            except (_host_re.error, RecursionError, OverflowError):
                self.host = None

    def host_is_exact(self, length: int) -> bool:
        """Whether the host engine answers as MicroPython would on `length` bytes: no loop
        can spin without consuming, and the deepest possible nesting stays under the limit."""
        return self.host is not None and 1 + (length + 1) * self.width < MAX_DEPTH


def _successors(code: list, pc: int) -> tuple:
    op, arg = code[pc]
    if op == JMP:
        return (arg,)
    if op in (SPLIT, RSPLIT):
        return (pc + 1, arg)
    if op in (SAVE, BOL, EOL):
        return (pc + 1,)
    return ()  # consumers and MATCH end a byte-free stretch


def _frames_between_bytes(code: list) -> int | None:
    """Most matcher frames a path can open without consuming a byte, or None if some loop
    can go round without consuming (then the matcher recurses without bound)."""
    best: dict[int, int] = {}
    active: set[int] = set()
    for root in range(len(code)):
        if root in best:
            continue
        active.add(root)
        todo = [(root, iter(_successors(code, root)))]
        while todo:  # depth-first, without host recursion (patterns can be long)
            pc, rest = todo[-1]
            nxt = next(rest, None)
            if nxt is None:
                todo.pop()
                active.discard(pc)
                after = [best[s] for s in _successors(code, pc)]
                best[pc] = max(after, default=0) + (code[pc][0] in _FRAME_OPS)
            elif nxt in active:
                return None
            elif nxt not in best:
                active.add(nxt)
                todo.append((nxt, iter(_successors(code, nxt))))
    return max(best.values(), default=0)


def run(prog: Program, data: bytes, begin: int, end: int, anchored: bool) -> list | None:
    """Match like MicroPython's recursive backtracker; return capture offsets or None."""
    code = prog.code
    caps: list = [None] * (2 * prog.groups + 2)
    stack: list = []  # ('alt', pc, sp) choice points and ('save', slot, old) undo records
    pc = prog.anchored_pc if anchored else 0
    sp = begin
    limit = MAX_DEPTH - 2
    while True:
        op, arg = code[pc]
        if op == CHAR:
            ok = sp < end and data[sp] == arg
            pc, sp = pc + 1, sp + 1
        elif op == SET:
            ok = sp < end and data[sp] in arg
            pc, sp = pc + 1, sp + 1
        elif op == JMP:
            pc = arg
            continue
        elif op == MATCH:
            return caps
        elif op == BOL or op == EOL:
            ok = sp == (0 if op == BOL else end)
            pc += 1
        else:
            if len(stack) >= limit:
                raise RuntimeError("maximum recursion depth exceeded")
            if op == SAVE:
                stack.append((False, arg, caps[arg]))
                caps[arg] = sp
                pc += 1
            elif op == SPLIT:
                stack.append((True, arg, sp))
                pc += 1
            else:
                stack.append((True, pc + 1, sp))
                pc = arg
            continue
        if ok:
            continue
        while stack:
            is_alt, a, b = stack.pop()
            if is_alt:
                pc, sp = a, b
                break
            caps[a] = b
        else:
            return None

"""``@micropython.viper`` and ``@micropython.native`` functions, from their source.

mpy-cross turns these functions into machine code for MicroPython's runtime, which jitvm cannot
run, and its bytecode carries no annotations. So jitvm compiles the source with the emitter
decorators blanked (same line numbers) and keeps, beside the ``.mpy``, what the compiler
dropped: a side table naming each such function (by its place in the raw-code tree), its
emitter, its argument and return types and its locals' names (:func:`emitter_table`). When the
module loads, ``jitvm.vipertype`` types each viper function's bytecode as MicroPython's native
emitter does (its ``ViperTypeError``s are the module's compile errors) and
``jitvm.vipertrans`` translates it with machine-word semantics.

Pointers: a ``ptr8/16/32`` value is an address in a virtual address space where each guest
buffer that was cast to a pointer (or passed as a pointer argument) gets a range
(:class:`Memory`); every load and store checks the address against that buffer, so a stray
address is a guest ``OSError(EFAULT)``, never a host read or write.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import OrderedDict

EMITTERS = ("native", "viper")
TABLE_VERSION = 1  # side tables of another version are made again (jitvm.compiler's cache)
_DECORATOR = re.compile(rb"^[ \t]*@[ \t]*micropython[ \t]*\.[ \t]*(native|viper)\b", re.M)
_DECORATOR_LINE = re.compile(rb"^[ \t]*@[ \t]*micropython[ \t]*\.[ \t]*(native|viper)[ \t]*(#.*)?$",
                             re.M)

# mpy bytes -> side table, for the .mpy files this process compiled or found in the cache
TABLES: dict[bytes, dict] = {}
_MAX_TABLES = 256


def has_emitter_decorators(source: bytes) -> bool:
    return b"micropython" in source and _DECORATOR.search(source) is not None


def register(mpy: bytes, table: dict | None) -> bytes:
    if table:
        if len(TABLES) >= _MAX_TABLES:
            TABLES.pop(next(iter(TABLES)))
        TABLES[mpy] = table
    return mpy


# ---- the side table (from the source) ---------------------------------------------------

class _Spec:
    """One decorated function found in the source."""

    def __init__(self, node, emitter: str) -> None:
        self.node = node
        self.emitter = emitter
        self.name = node.name
        self.first = min([node.lineno] + [d.lineno for d in node.decorator_list])
        self.last = node.end_lineno or node.lineno
        self.decorators = [d for d in node.decorator_list if _emitter_of(d)]


def _emitter_of(d) -> str | None:
    import ast

    if (isinstance(d, ast.Attribute) and isinstance(d.value, ast.Name)
            and d.value.id == "micropython" and d.attr in EMITTERS):
        return d.attr
    return None


def _specs(source: bytes):
    """The decorated functions of ``source``, or None when Python's parser cannot read it
    (mpy-cross then says why, or the functions run as plain bytecode)."""
    import ast

    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            kinds = [k for k in map(_emitter_of, node.decorator_list) if k]
            if kinds:
                out.append(_Spec(node, kinds[-1]))
    return out


def strip_decorators(source: bytes, specs) -> bytes:
    """``source`` with the emitter decorators' lines blanked (line numbers unchanged)."""
    lines = source.split(b"\n")
    for s in specs:
        for d in s.decorators:
            for n in range(d.lineno - 1, (d.end_lineno or d.lineno)):
                lines[n] = b""
    return b"\n".join(lines)


def _annotation(node, errors: list) -> int:
    """A viper annotation's type (compile.c's compile_viper_type_annotation)."""
    import ast

    from .vipertype import OBJ, TYPES

    if node is None:
        return OBJ
    if isinstance(node, ast.Name):
        t = TYPES.get(node.id)
        if t is None:
            errors.append(("ViperTypeError", f"unknown type '{node.id}'", node.lineno))
            return OBJ
        return t
    errors.append(("SyntaxError", "annotation must be an identifier", node.lineno))
    return OBJ


def local_names(fn) -> list[str]:
    """The function's locals in MicroPython's numbering: parameters (positional, keyword-only,
    ``*args``, ``**kw``), then the others in the order the compiler first meets them."""
    import ast

    a = fn.args
    params = [x.arg for x in a.posonlyargs + a.args + a.kwonlyargs]
    if a.vararg:
        params.append(a.vararg.arg)
    if a.kwarg:
        params.append(a.kwarg.arg)
    declared: set = set()
    stored: set = set()
    order: list[str] = []

    def see(name: str, store: bool) -> None:
        if name not in order:
            order.append(name)
        if store:
            stored.add(name)

    def visit(node) -> None:  # noqa: C901 - evaluation order, one case per construct
        if isinstance(node, (ast.Global, ast.Nonlocal)):
            declared.update(node.names)
        elif isinstance(node, ast.Name):
            see(node.id, not isinstance(node.ctx, ast.Load))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for d in node.decorator_list:
                visit(d)
            if isinstance(node, ast.ClassDef):
                for b in node.bases + [k.value for k in node.keywords]:
                    visit(b)
            else:
                for d in node.args.defaults + [k for k in node.args.kw_defaults if k]:
                    visit(d)
            see(node.name, True)
        elif isinstance(node, ast.Lambda):
            for d in node.args.defaults + [k for k in node.args.kw_defaults if k]:
                visit(d)
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            visit(node.generators[0].iter)  # the rest is the comprehension's own scope
        elif isinstance(node, ast.Assign):
            visit(node.value)
            for t in node.targets:
                visit(t)
        elif isinstance(node, ast.AnnAssign):
            if node.value is not None:
                visit(node.value)
                visit(node.target)
        elif isinstance(node, ast.NamedExpr):
            visit(node.value)
            visit(node.target)
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            visit(node.iter)
            visit(node.target)
            for s in node.body + node.orelse:
                visit(s)
        elif isinstance(node, ast.ExceptHandler):
            if node.type is not None:
                visit(node.type)
            if node.name:
                see(node.name, True)
            for s in node.body:
                visit(s)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for al in node.names:
                if al.name != "*":
                    see(al.asname or al.name.split(".")[0], True)
        else:
            for child in ast.iter_child_nodes(node):
                visit(child)

    for stmt in fn.body:
        visit(stmt)
    locals_ = [n for n in order if n in stored and n not in declared and n not in params]
    return params + locals_


def _line_range(rc) -> tuple[int, int] | None:
    p = rc.prelude
    if p is None:
        return None
    lines = [ln for _, ln in p.line_table()] or [p.line_at(0)]
    return min(lines), max(lines)


def emitter_table(source: bytes, mpy_module, specs) -> dict:
    """The side table of the decorated functions of ``source`` in its compiled module:
    {"functions": {"0.1": entry}, "error": [kind, message, line] or None}."""
    from .vipertype import OBJ

    funcs: dict = {}
    error = None
    taken: set = set()
    for path, rc in _walk(mpy_module.root, ()):
        if not path:
            continue
        span = _line_range(rc)
        if span is None:
            continue
        # the function's last line lies in the definition (its first entry may sit a line
        # or two above the def, on the blanked decorators); the innermost such definition
        fits = [(s.last - s.first, i) for i, s in enumerate(specs)
                if i not in taken and s.name == rc.name and s.first <= span[1] <= s.last
                and span[0] >= s.first - 3]
        for _, i in sorted(fits)[:1]:
            s = specs[i]
            taken.add(i)
            errors: list = []
            entry = {"emitter": s.emitter, "line": s.node.lineno}
            if s.emitter == "viper":
                a = s.node.args
                named = a.posonlyargs + a.args + a.kwonlyargs
                types = [_annotation(x.annotation, errors) for x in named]
                types += [OBJ] * (int(a.vararg is not None) + int(a.kwarg is not None))
                entry["args"] = types
                entry["ret"] = _annotation(s.node.returns, errors)
                entry["locals"] = local_names(s.node)
            if errors and error is None:
                error = list(errors[0])
            funcs[".".join(map(str, path))] = entry
            break
    return {"version": TABLE_VERSION, "functions": funcs, "error": error}


def _walk(rc, path):
    yield path, rc
    for i, c in enumerate(rc.children):
        yield from _walk(c, path + (i,))


def compile_with_emitters(source: bytes, compile_stripped) -> tuple[bytes, dict | None]:
    """Compile ``source`` whose functions may carry emitter decorators: ``compile_stripped``
    turns source bytes into .mpy bytes. Returns (mpy bytes, side table or None)."""
    specs = _specs(source) if has_emitter_decorators(source) else []
    if specs is None:  # Python cannot parse it: blank the decorator lines, run as bytecode
        return compile_stripped(_DECORATOR_LINE.sub(b"", source)), None
    if not specs:
        return compile_stripped(source), None
    data = compile_stripped(strip_decorators(source, specs))
    from mpy import read_mpy

    table = emitter_table(source, read_mpy(data, "<viper>"), specs)
    return register(data, table), table


# ---- machine words and the pointer sandbox ----------------------------------------------

class Memory:
    """The guest buffers viper code has taken the address of, each at a range of a virtual
    address space. Bounded (least recently used out): an address of a buffer that fell out
    is stray, like any other."""

    BASE = 0x10000000
    MAX = 4096  # buffers remembered at most
    MAX_BYTES = 64 << 20  # and their bytes: the buffers stay alive while remembered

    def __init__(self) -> None:
        self.by_id: OrderedDict = OrderedDict()  # id(obj) -> (base, obj, data, bytes then)
        self.bases: list[int] = []
        self.regions: dict[int, tuple] = {}  # base -> (obj, data, writable)
        self.next = self.BASE
        self.last = None  # (base, end, obj, data, writable) of the last access
        self.bytes = 0

    def addr_of(self, obj) -> int:
        hit = self.by_id.get(id(obj))
        if hit is not None and hit[1] is obj:
            self.by_id.move_to_end(id(obj))
            return hit[0]
        data, writable = _buffer(obj)
        if data is None:
            return -1
        n = _nbytes(data)
        base = self.next
        self.next += max(4096, (2 * n + 4095) & ~4095)  # room to grow, no overlap
        while self.by_id and (len(self.by_id) >= self.MAX or self.bytes + n > self.MAX_BYTES):
            _, (old, _o, _d, size) = self.by_id.popitem(last=False)
            del self.regions[old]
            self.bases.remove(old)
            self.bytes -= size
            self.last = None
        self.bytes += n
        self.by_id[id(obj)] = (base, obj, data, n)
        self.regions[base] = (obj, data, writable)
        self.bases.append(base)  # increasing: bisect works
        return base

    def _find(self, addr: int, size: int):
        last = self.last
        if last is not None and last[0] <= addr and addr + size <= last[1]:
            return last
        k = bisect_right(self.bases, addr) - 1
        if k >= 0:
            base = self.bases[k]
            obj, data, writable = self.regions[base]
            end = base + _nbytes(data)
            if addr + size <= end:
                self.last = (base, end, obj, data, writable)
                return self.last
        raise _efault()

    def load(self, addr: int, size: int) -> int:
        base, end, _obj, data, _w = self._find(addr, size)
        o = addr - base
        if type(data) is bytearray or type(data) is bytes:
            return data[o] if size == 1 else int.from_bytes(data[o:o + size], "little")
        v = _view(data)
        return v[o] if size == 1 else int.from_bytes(bytes(v[o:o + size]), "little")

    def store(self, addr: int, size: int, value: int) -> None:
        base, end, _obj, data, writable = self._find(addr, size)
        if not writable:
            raise _efault()
        o = addr - base
        v = value & ((1 << (8 * size)) - 1)
        if size == 1 and type(data) is bytearray:
            data[o] = v
            return
        _view(data)[o:o + size] = v.to_bytes(size, "little")

    def read(self, addr: int, size: int) -> bytes:
        """``size`` bytes at ``addr``, all inside one mapped buffer (else OSError EFAULT)."""
        base, _end, _obj, data, _w = self._find(addr, size)
        o = addr - base
        return bytes(_view(data)[o:o + size])

    def write(self, addr: int, raw: bytes) -> None:
        """``raw`` stored at ``addr``, inside one mapped writable buffer (else EFAULT)."""
        base, _end, _obj, data, writable = self._find(addr, len(raw))
        if not writable:
            raise _efault()
        o = addr - base
        _view(data)[o:o + len(raw)] = raw

    def cstring(self, addr: int) -> bytes:
        """The bytes from ``addr`` up to a NUL or the end of its buffer (jitvm's copy of a
        str's bytes has no NUL after it): what a C string pointer reaches."""
        base, end, _obj, data, _w = self._find(addr, 0)
        raw = bytes(_view(data)[addr - base:end - base])
        nul = raw.find(0)
        return raw if nul < 0 else raw[:nul]

    def view(self, addr: int, size: int) -> memoryview:
        """A memoryview of ``size`` bytes at ``addr`` sharing the buffer's bytes (read-only
        when the buffer is)."""
        base, _end, _obj, data, _w = self._find(addr, size)
        o = addr - base
        return memoryview(data).cast("B")[o:o + size]


MEMORY = Memory()  # one address space per process: addresses stay unique across VMs


def _efault():
    from .gexc import GUEST_EXC

    return GUEST_EXC["OSError"](14)


def _view(data):
    return data if type(data) is bytearray else memoryview(data).cast("B")


def _nbytes(data) -> int:
    return len(data) if type(data) in (bytes, bytearray) else memoryview(data).nbytes


def _buffer(obj):
    """(the object holding the bytes, writable) of a guest buffer, or (None, False). A str
    is its UTF-8 bytes (read-only), as MicroPython's buffer protocol gives them."""
    hook = getattr(type(obj), "__jitvm_buffer__", None)
    if hook is not None:
        obj = hook(obj)
    t = type(obj)
    if t is bytearray:
        return obj, True
    if t is bytes:
        return obj, False
    if t is str:
        return obj.encode("utf-8", "surrogatepass"), False
    try:
        with memoryview(obj) as m:
            writable = not m.readonly
    except TypeError:
        return None, False
    return obj, writable


def word(v: int, bits: int, signed: bool) -> int:
    """``v`` wrapped to a machine word: signed (int) or unsigned (uint, pointers)."""
    v &= (1 << bits) - 1
    if signed and v >> (bits - 1):
        v -= 1 << bits
    return v


def from_obj(o, t: int, bits: int, memory: Memory) -> int:
    """MicroPython's mp_native_from_obj: an object as a value of viper type ``t``
    (0 object, 1 bool, 2 int, 3 uint, else a pointer: jitvm.vipertype's numbering)."""
    if t == 0:
        return o
    if t == 1:
        return bool(o)
    if t == 2 or t == 3:  # int or uint: mp_obj_get_int_truncated
        return word(_get_int(o), bits, t == 2)
    addr = memory.addr_of(o)  # a pointer: a buffer's address, else an int taken as one
    if addr >= 0:
        return addr
    return word(_get_int(o), bits, False)


def _get_int(o) -> int:
    if isinstance(o, int):
        return int(o)
    from .gexc import GUEST_EXC

    raise GUEST_EXC["TypeError"](f"can't convert {_type_name(o)} to int")


def _type_name(o) -> str:
    t = type(o)
    return getattr(t, "__name__", "object")


def source_at_hand(data: bytes, mpy_file, root=None):
    """The .py source of a .mpy that holds machine code (``mpy-cross -march=...``), when it is
    next to the file or in the root under the name the .mpy records; else None (the machine
    code then raises its clear error when called)."""
    if len(data) < 4 or data[0] not in (0x4D, 0x43) or data[2] >> 2 == 0:
        return None  # no architecture: bytecode only
    from pathlib import Path

    try:
        if data[1] == 5:
            from mpy.older import _source_file

            name = _source_file(data, str(mpy_file))
        else:
            from mpy import read_mpy

            name = read_mpy(data, str(mpy_file)).source_file
    except Exception:  # noqa: BLE001 - a damaged file gets its own error when it loads
        return None
    if not name or name.startswith("<") or not name.endswith(".py"):
        return None
    mpy_file = Path(mpy_file)
    for folder in (mpy_file.parent, Path(root) if root is not None else None):
        if folder is None:
            continue
        cand = (folder / name)
        try:
            cand = cand.resolve()
            if root is not None and Path(root).resolve() not in (cand, *cand.parents) \
                    and mpy_file.parent.resolve() != cand.parent:
                continue  # only the program's own folder or the root
            if cand.is_file():
                return cand
        except OSError:
            continue
    return None

"""Viper functions in tier 0: the Python translation with machine-word semantics.

A viper function is typed when its module loads (``jitvm.vipertype``, MicroPython's native
emitter's rules; a type clash is the module's ``ViperTypeError``) and translated at once: the
ordinary translation (``jitvm.translate``), except where the plan of an instruction says a
value is a machine word. A word is a Python int held in its type's range (``int`` signed,
``uint`` and pointers unsigned, ``bool`` any word), so an object made from one (a call's
argument, a return, a store into an object) is the int itself; operators wrap to the word
size (``vm.viper_bits``: 64 as the unix port, 32 as a 32-bit board), shifts take their count
as the target does, ``//`` and ``%`` are Python's on signed words, and ``ptr8/16/32`` loads and
stores go through ``jitvm.viper.Memory``, which checks every address.
"""

from __future__ import annotations

from .emitters import EMITTERS, S
from .translate import _Translation
from .vipertype import BOOL, INT, NONE, OBJ, UINT, ViperCompileError, type_function


class ViperTranslation(_Translation):
    def __init__(self, code, a, typing) -> None:
        super().__init__(code, a)
        self.counting = False  # tier 1 does not take viper code: no counters, no OSR
        self.osr_at = frozenset()
        self.typing = typing
        self.plans = typing.plans
        bits = self.bits = code.vm.viper_bits
        self.M = (1 << bits) - 1
        self.H = 1 << (bits - 1)
        memory = code.vm.viper_memory()
        from .viper import from_obj

        self.ns["_o2n"] = lambda o, t: from_obj(o, t, bits, memory)
        self.ns["_ld"] = memory.load
        self.ns["_st"] = memory.store
        self.ns["_fdiv"] = _floor_divide
        self.ns["_fmod"] = _modulo

    # ---- hooks of _Translation -------------------------------------------------------------
    def entry_lines(self) -> list[str]:
        return [f"        l{i} = {self.from_object(f'l{i}', t)}"
                for i, t in enumerate(self.typing.arg_types) if t != OBJ]

    def from_object(self, v: str, t: int) -> str:
        """An object as a word of type ``t``: inline for an int already in range."""
        if t == INT:
            return f"{v} if _type({v}) is int and {-self.H} <= {v} < {self.H} else _o2n({v}, {t})"
        if t == UINT:
            return f"{v} if _type({v}) is int and 0 <= {v} <= {self.M} else _o2n({v}, {t})"
        if t == BOOL:
            return f"{v} if {v} is True or {v} is False else _o2n({v}, {t})"
        return f"_o2n({v}, {t})"

    def instr(self, ins, d: int) -> None:
        plan = self.plans.get(ins.offset)
        if plan is None:
            EMITTERS[ins.info.name](self, ins, d)
            return
        kind = plan[0]
        getattr(self, "_" + kind)(ins, d, *plan[1:])

    # ---- words -----------------------------------------------------------------------------
    def wrap(self, expr: str, t: int) -> str:
        if t == INT:
            return f"((({expr}) + {self.H}) & {self.M}) - {self.H}"
        return f"({expr}) & {self.M}"

    def signed(self, v: str, t: int) -> str:
        return v if t != UINT else self.wrap(v, INT)

    # ---- plans -----------------------------------------------------------------------------
    def _obj(self, ins, d, conv) -> None:
        for k, slot in conv:
            s = S(k)
            if slot.t == BOOL:
                self.emit(f"{s} = {s} != 0")
            elif slot.t == NONE and slot.cast == -1:  # a local typed None reads as 0
                self.emit(f"{s} = 0 if {s} is None else {s}")
            elif slot.t == UINT and slot.imm:  # MP_OBJ_NEW_SMALL_INT of the immediate
                self.emit(f"{s} = {self.wrap(s, INT)}")
        EMITTERS[ins.info.name](self, ins, d)

    def _cast_name(self, ins, d) -> None:
        self.emit(f"{S(d)} = None")

    def _cast(self, ins, d, frm: int, to: int, imm: bool) -> None:
        dst, src = S(d - 2), S(d - 1)
        if frm == OBJ:
            self.emit(f"{dst} = {self.from_object(src, to)}")
        elif frm == NONE:
            self.emit(f"{dst} = 0")
        elif to == INT:
            self.emit(f"{dst} = {self.wrap(src, INT)}")
        elif to == BOOL:
            self.emit(f"{dst} = {src}")
        else:
            self.emit(f"{dst} = {self.wrap(src, UINT)}")

    def _binop(self, ins, d, op: str, lt: int, rt: int) -> None:
        a, b = S(d - 2), S(d - 1)
        sym = {"LESS": "<", "MORE": ">", "EQUAL": "==", "LESS_EQUAL": "<=", "MORE_EQUAL": ">=",
               "NOT_EQUAL": "!=", "ADD": "+", "SUBTRACT": "-", "MULTIPLY": "*", "AND": "&",
               "OR": "|", "XOR": "^"}.get(op)
        if op in ("LESS", "MORE", "EQUAL", "LESS_EQUAL", "MORE_EQUAL", "NOT_EQUAL"):
            self.emit(f"{a} = {a} {sym} {b}")
        elif sym is not None:
            self.emit(f"{a} = {self.wrap(f'{a} {sym} {b}', lt)}")
        elif op == "LSHIFT":
            self.emit(f"{a} = {self.wrap(f'{a} << ({b} & {self.bits - 1 if self.bits == 64 else 255})', lt)}")
        elif op == "RSHIFT":
            self.emit(f"{a} = {a} >> ({b} & {self.bits - 1 if self.bits == 64 else 255})")
        elif op == "FLOOR_DIVIDE":
            self.emit(f"{a} = {self.wrap(f'_fdiv({a}, {self.signed(b, rt)})', INT)}")
        elif op == "MODULO":
            self.emit(f"{a} = {self.wrap(f'_fmod({a}, {self.signed(b, rt)})', INT)}")
        else:  # the typer raised for every other operator
            raise ViperCompileError("NotImplementedError", f"binary op {op}")

    def _unop(self, ins, d, op: str, t: int) -> None:
        s = S(d - 1)
        if op == "NEGATIVE":
            self.emit(f"{s} = {self.wrap(f'-{s}', t)}")
        elif op == "INVERT":
            self.emit(f"{s} = {self.wrap(f'~{s}', t)}")

    def _load(self, ins, d, size: int) -> None:
        base, idx = S(d - 2), S(d - 1)
        addr = self.wrap(f"{base} + {idx}" + (f" * {size}" if size > 1 else ""), UINT)
        v = f"_ld({addr}, {size})"
        if size * 8 >= self.bits:  # a full word read: an int of the word size
            v = self.wrap(v, INT)
        self.emit(f"{base} = {v}")

    def _store(self, ins, d, size: int) -> None:
        value, base, idx = S(d - 3), S(d - 2), S(d - 1)
        addr = self.wrap(f"{base} + {idx}" + (f" * {size}" if size > 1 else ""), UINT)
        self.emit(f"_st({addr}, {size}, {value})")

    def _return(self, ins, d, vt: int) -> None:
        s = S(d - 1)
        ret = self.typing.ret
        if vt == NONE:
            self.emit(f"{s} = {'None' if ret == OBJ else 'False' if ret == BOOL else '0'}")
        elif ret == BOOL:
            self.emit(f"{s} = {s} != 0")
        EMITTERS["RETURN_VALUE"](self, ins, d)

    def _delete(self, ins, d) -> None:
        self.emit(f"l{ins.arg} = None")


def _floor_divide(a: int, b: int) -> int:
    if b == 0:
        from .gexc import GUEST_EXC

        raise GUEST_EXC["ZeroDivisionError"]("divide by zero")
    return a // b


def _modulo(a: int, b: int) -> int:
    if b == 0:
        from .gexc import GUEST_EXC

        raise GUEST_EXC["ZeroDivisionError"]("divide by zero")
    return a % b


# ---- loading a module with viper functions --------------------------------------------------

class _Where:
    """A traceback entry for a compile error: file, line and function, as MicroPython's."""

    def __init__(self, file: str, line: int, name: str) -> None:
        self.source_file = file
        self.line = line
        self.name = name

    def line_at(self, _pc) -> int:
        return self.line


def _compile_error(kind: str, message: str, where: _Where | None):
    from .gexc import GUEST_EXC

    e = GUEST_EXC[kind](message)
    if where is not None:
        e._jitvm_tb = [(where, 0)]
    return e


def prepare(module_code, table: dict) -> None:
    """Type and translate the viper functions of a module that just loaded (its compile
    errors are raised here, before any of its code runs) and mark the native ones."""
    from .analysis import analyze

    err = table.get("error")
    if err:
        kind, message, line = err
        raise _compile_error(kind, message, _Where(module_code.source_file, line, "<module>"))
    paths = sorted(((tuple(int(x) for x in k.split(".")), v) for k, v in table["functions"].items()),
                   key=lambda pv: (len(pv[0]), pv[0]))  # the compiler's order of scopes
    bits = module_code.vm.viper_bits
    for path, entry in paths:
        code = module_code
        try:
            for i in path:
                code = code.child(i)
        except IndexError:
            continue
        if getattr(code, "rc", None) is None or code.rc.prelude is None:
            continue
        code.viper = entry
        if entry.get("emitter") != "viper":  # native: tier 1 takes it at its first call
            code.jit_at = 0
            continue
        n = code.n_pos + code.n_kwonly + int(code.varargs) + int(code.varkw)
        args = list(entry.get("args", []))[:n]
        args += [OBJ] * (n - len(args))
        try:
            typing = type_function(code.rc, code.ctx.qstr_text, code.ctx.objs, args,
                                   entry.get("ret", OBJ), entry.get("locals", []), bits,
                                   analyze(code))
        except ViperCompileError as e:
            where = None
            if e.offset is not None:
                where = _Where(code.source_file, code.line_at(e.offset), code.name)
            raise _compile_error(e.kind, e.message, where) from None
        code.viper_typing = typing
        code.translate()
        if code.translated is None:
            raise _compile_error("NotImplementedError", "viper function jitvm cannot translate",
                                 _Where(code.source_file, entry.get("line", 0), code.name))
        if module_code.vm.tier >= 1:
            _tier1(code, typing)


def _tier1(code, typing) -> None:
    """Machine code for a viper function made of word operations (jitvm.jit.viper_lower),
    in its call slot with the translation behind it."""
    from . import jit

    if not jit.enabled():
        return
    import time

    from .jit.viper_lower import compile_viper
    from .limits import outside_budget

    t0 = time.perf_counter()
    with outside_budget():
        fn, why = compile_viper(code, typing)
    log = code.vm.jit_log
    if fn is None:
        if log is not None:
            log(f"jit: {code.name} [viper]: not compiled: {why}")
        return
    if log is not None:
        log(f"jit: {code.name} [viper]: compiled in {(time.perf_counter() - t0) * 1000:.1f} ms")
    code.tier0_direct = code.translated
    code.translated = fn
    if code.direct is not None:
        code.direct = fn

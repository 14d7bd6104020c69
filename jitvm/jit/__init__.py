"""Tier 1: hot guest functions compiled to machine code with llvmlite.

``compile_function(code, args, fallback=...)`` types the function from the arguments of the
call that made it hot (``typer``), lowers the typed subset to LLVM IR (``lower``, ``arith``)
and links it in the process's LLJIT (``engine``). The result is a builtin with the call-slot
signature ``fn(G, *params)``: it checks that the arguments have the types it was compiled
for and otherwise calls ``fallback`` (the tier-0 entry) with the same arguments; mid-body
guards resume tier 0 at the failing instruction (``deopt``). Functions outside the subset
are not compiled: the result is None and ``jit_info(code).reason`` says why.

Importing this package does not import llvmlite; the first compile does (~60 ms).
Set ``JITVM_NO_JIT=1`` to turn tier 1 off. Object code is cached on disk (``cache``): a
later run compiling the same IR links it without optimising (``JITVM_NO_CACHE=1``: off).
"""

from __future__ import annotations

import os
import sys
import time
import weakref
from dataclasses import dataclass, field
from types import FunctionType as _FunctionType

__all__ = ["JitInfo", "compile_function", "enabled", "jit_info", "jit_infos", "tier0_entry"]


@dataclass
class JitInfo:
    """What tier 1 did with one function (for ``jitvm jit --ir`` and ``--jit-log``)."""

    name: str
    compiled: bool
    reason: str | None = None  # why it was not compiled
    types: str | None = None  # "(n: int) -> int"
    entry: tuple | None = None  # parameter types compiled for
    ret: str | None = None  # the single type every return has (else "obj")
    ir: str | None = None  # the IR as generated
    full: bool = True  # LLVM's O2 pipeline (else the light one)
    cached: bool = False  # the object code came from the on-disk cache
    compile_ms: float = 0.0
    deopt: object = None  # the Deopt helper: .count, .last_pc
    typing: object = field(default=None, repr=False)  # typer.Types (per-instruction types)
    refs: tuple = ()  # what each jitvm_ref<k> symbol of the IR stands for (short texts)
    code: object = field(default=None, repr=False)  # a weak reference to the Code
    _opt: tuple = field(default=(), repr=False)  # (optimised IR, assembly), made on demand

    @property
    def deopts(self) -> int:
        return self.deopt.count if self.deopt is not None else 0

    @property
    def opt_ir(self) -> str | None:
        """The IR after optimisation (optimised again from ``ir`` on demand: the same
        pipeline on the same text gives the module whose object code runs)."""
        return self._optimised()[0]

    @property
    def asm(self) -> str | None:
        """The machine code (assembly) of the optimised module."""
        return self._optimised()[1]

    def _optimised(self) -> tuple:
        if not self._opt:
            if self.ir is None or not self.compiled:
                return (None, None)
            from .engine import engine

            eng = engine()
            mod = eng.optimize(self.ir, self.full)
            self._opt = (str(mod), eng.emit_assembly(mod))
        return self._opt

    def summary(self) -> str:
        if not self.compiled:
            return f"{self.name}: not compiled: {self.reason}"
        how = " (cached)" if self.cached else ""
        return f"{self.name}{self.types}: compiled in {self.compile_ms:.1f} ms{how}"


_INFO: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
FULL_OPT_LIMIT = 150  # instructions up to which LLVM's O2 pipeline runs (else a light one)
MAX_INSTRUCTIONS = 800  # longer functions stay in tier 0 (~1 s and ~60 MB to compile at 800)


def enabled() -> bool:
    return not os.environ.get("JITVM_NO_JIT")


def jit_info(code) -> JitInfo | None:
    """The last compile attempt for ``code`` (None if tier 1 never looked at it)."""
    return _INFO.get(code)


def jit_infos() -> list[JitInfo]:
    """The last compile attempt of every live function tier 1 looked at, in the order of
    their first attempts (``jitvm jit`` lists them)."""
    return list(_INFO.values())


def compile_function(code, args: tuple, *, fallback, log=None, func=None, globals_=None,
                     max_deopts=None, on_max_deopts=None):
    """A builtin ``fn(G, *params)`` running ``code`` as machine code specialised for the
    exact types of ``args``, or None (reason in ``jit_info(code)``, and passed to ``log``).

    ``fallback(G, *params)`` runs the function in tier 0; the builtin calls it when the
    arguments do not fit. ``func`` (the guest Function whose code this is; else the one
    ``globals_`` holds under the function's name) lets calls of the function by its global
    name enter the machine code directly, with unboxed arguments and result.
    ``on_max_deopts(code)`` is called once when guards have failed ``max_deopts`` times.
    """
    t0 = time.perf_counter()
    info = JitInfo(name=getattr(code, "name", "?"), compiled=False)
    try:
        info.code = weakref.ref(code)
    except TypeError:
        pass
    fn = None
    if func is None and globals_ is not None:
        func = globals_.get(getattr(code, "name", None))
    try:
        fn = _compile(code, tuple(args), fallback, func, info, (max_deopts, on_max_deopts))
    except Exception as e:  # noqa: BLE001 - a lowering bug or an LLVM error: stay in tier 0
        from .typer import NotCompilable

        # the engine module (ctypes, llvmlite) is imported only once the typer accepted one
        engine = sys.modules.get(__name__ + ".engine")
        known = isinstance(e, NotCompilable) or (engine is not None
                                                 and isinstance(e, engine.Unsupported))
        info.reason = str(e) if known else f"internal error: {e!r}"
        fn = None
    info.compile_ms = (time.perf_counter() - t0) * 1e3
    info.compiled = fn is not None
    try:
        _INFO[code] = info
    except TypeError:
        pass
    if log is not None:
        log(f"jit: {info.summary()}")
    return fn


def _compile(code, args: tuple, fallback, func, info: JitInfo, limit: tuple):
    from .typer import NotCompilable, type_of_value

    if not enabled():
        raise NotCompilable("tier 1 is off (JITVM_NO_JIT)")
    if getattr(code, "rc", None) is None or getattr(code, "vm", None) is None:
        raise NotCompilable("not a bytecode function")
    if len(args) != code.n_pos:
        raise NotCompilable(f"called with {len(args)} of {code.n_pos} positional arguments")
    n_ins = len(code.rc.instructions)
    if n_ins > MAX_INSTRUCTIONS:
        raise NotCompilable(f"too long for tier 1 ({n_ins} instructions > {MAX_INSTRUCTIONS})")
    entry = tuple(type_of_value(a) for a in args)
    for i, t in enumerate(entry):
        if t is None:
            raise NotCompilable(f"argument {i} is {type(args[i]).__name__}, not int/float/bool "
                                f"(or an int beyond 64 bits)")
    from jitvm.analysis import NotTranslatable, analyze
    from jitvm.objects import Function

    from .typer import IT_CUR, infer

    try:
        analysis = analyze(code)
    except NotTranslatable as e:
        raise NotCompilable(f"analysis: {e}") from None
    if func is not None and (type(func) is not Function or func.code is not code or func.closed):
        func = None  # direct self-calls need the very function object the global holds
    types = infer(code, analysis, entry, predict=_predictor(func))
    info.types = types.describe(code)
    info.typing = types
    # llvmlite is imported only now: a function the typer refuses costs no LLVM start-up
    from .cache import canonical_ir, canonical_symbol
    from .deopt import Deopt, Raiser, poll
    from .engine import compile_module
    from .lower import Lowering

    info.entry = entry
    info.ret = types.ret
    iters = {pc: tuple(i for i, t in enumerate(stk) if t == IT_CUR)
             for pc, (_loc, stk) in types.before.items() if IT_CUR in stk}
    deopt = info.deopt = Deopt(code, types.n_locals, iters, func, *limit)
    low = Lowering(code, analysis, types, fallback=fallback, deopt=deopt, raiser=Raiser(code),
                   poll=poll, func=func)
    # one fixed module name: the IR text is then the same in every run (the cache's key)
    info.ir = canonical_ir(low.build(), low.name)
    info.full = n_ins <= FULL_OPT_LIMIT
    info.refs = tuple(_ref_text(o) for o in low.em.refs)
    fn, info.cached = compile_module(info.ir, canonical_symbol(low.entry_name, low.name),
                                     code.name, tuple(low.em.refs), full=info.full,
                                     keep=low.helpers)
    return fn


def _ref_text(o) -> str:
    """A short description of an object the code uses (for ``jitvm jit``; never a repr of
    a container or of a guest object, which could be long or run guest code)."""
    if o is None or type(o) in (bool, int, float, str):
        text = repr(o)
        return text if len(text) <= 40 else text[:37] + "..."
    if isinstance(o, type):
        return f"<class {o.__name__}>"
    try:
        name = getattr(o, "__name__", None) or getattr(getattr(o, "code", None), "name", None)
    except Exception:  # noqa: BLE001 - an odd attribute: the type's name is enough
        name = None
    return f"<{type(o).__name__} {name}>" if isinstance(name, str) else f"<{type(o).__name__}>"


def _predictor(func):
    """predict(name, arg_types): the result type to speculate for a call of global ``name``
    with arguments of these types - the return type of a guest function compiled for them,
    else the one its own inference gives (callees are typed a few levels deep). A wrong
    guess costs a deoptimisation after the call, never a wrong result."""
    from jitvm.analysis import NotTranslatable, analyze
    from jitvm.interp import Code
    from jitvm.objects import Function

    from .typer import NUMBERS, OBJ, NotCompilable, infer

    if func is None:
        return None
    G = func.globals
    active: set = set()

    def predict(name, arg_types) -> str:
        v = G.get(name)
        if type(v) is not Function or v.closed or type(v.code) is not Code:
            return OBJ
        code = v.code
        info = _INFO.get(code)
        if info is not None and info.compiled and info.entry == arg_types and info.ret in NUMBERS:
            return info.ret
        if (code in active or len(active) > 3 or code.n_pos != len(arg_types)
                or any(t not in NUMBERS for t in arg_types)):
            return OBJ
        active.add(code)
        try:
            ret = infer(code, analyze(code), arg_types, predict=predict).ret
        except (NotCompilable, NotTranslatable):
            ret = OBJ
        finally:
            active.discard(code)
        return ret if ret in NUMBERS else OBJ

    return predict


def tier0_entry(code, func=None):
    """A callable ``fn(G, *params)`` running ``code`` in tier 0 (its Python translation when
    it has one, else the frame interpreter): the fallback for a compiled entry."""
    tr = code.translated
    if tr is not None and type(tr) is _FunctionType:  # not a compiled entry already installed
        return tr
    from jitvm.interp import Frame

    execute = code.vm.execute
    tail = code.null_tail

    def run(G, *params):
        return execute(Frame(code, func, G, None, [*params, *tail]))

    return run

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
from types import FunctionType as _FunctionType

__all__ = ["JitInfo", "compile_function", "compile_in_background", "compile_osr", "enabled", "jit_info",
           "jit_infos", "preload", "refuse", "shutdown", "tier0_entry"]


class JitInfo:
    """What tier 1 did with one function (for ``jitvm jit --ir`` and ``--jit-log``).
    A plain class: importing this package stays cheap (the translation imports it)."""

    def __init__(self, name: str, compiled: bool, reason: str | None = None) -> None:
        self.name = name
        self.compiled = compiled
        self.reason = reason  # why it was not compiled
        self.types: str | None = None  # "(n: int) -> int"
        self.entry: tuple | None = None  # parameter types compiled for
        self.ret: str | None = None  # the single type every return has (else "obj")
        self._ir: str | None = None  # the IR as generated
        self.make_ir = None  # generates it again (a compile that linked cached code skipped it)
        self.full = True  # LLVM's O2 pipeline (else the light one)
        self.fast_cg = False  # the back end at -O0 (code made mostly of C-API calls)
        self.cached = False  # the object code came from the on-disk cache
        self.compile_ms = 0.0
        self.deopt = None  # the Deopt helper: .count, .last_pc
        self.typing = None  # typer.Types (per-instruction types)
        self.refs: tuple = ()  # what each jitvm_ref<k> symbol of the IR stands for
        self.code = None  # a weak reference to the Code
        self._opt: tuple = ()  # (optimised IR, assembly), made on demand

    def __repr__(self) -> str:
        return f"JitInfo({self.summary()!r})"

    @property
    def ir(self) -> str | None:
        """The IR as generated (made again on demand when the object code came from the
        cache's index: the same inputs give the same text)."""
        if self._ir is None and self.make_ir is not None:
            make, self.make_ir = self.make_ir, None
            self._ir = make()
        return self._ir

    @ir.setter
    def ir(self, text: str | None) -> None:
        self._ir = text

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
            from .engine import LIGHT_PIPELINE, OBJECT_PIPELINE, engine

            eng = engine()
            mod = eng.optimize(self.ir, self.full,
                               OBJECT_PIPELINE if self.fast_cg else LIGHT_PIPELINE)
            self._opt = (str(mod), eng.emit_assembly(mod, self.fast_cg))
        return self._opt

    def summary(self) -> str:
        if not self.compiled:
            return f"{self.name}: not compiled: {self.reason}"
        how = " (cached)" if self.cached else ""
        return f"{self.name}{self.types}: compiled in {self.compile_ms:.1f} ms{how}"


_INFO: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_OSR_INFO: list = []  # on-stack replacement entries compiled or refused (NAME@PC)
# instructions up to which LLVM's O2 pipeline runs (else the light one): on the benchmark
# programs O2 gave the same run times as the light pipeline for 25-35% more compile time
# (bm_mandelbrot's OSR entry 89 ms -> 59 ms), so only tiny functions get it
FULL_OPT_LIMIT = 24
MAX_INSTRUCTIONS = 800  # longer functions stay in tier 0 (~1 s and ~60 MB to compile at 800)
# more local slots than this: tier 0 (every guard's way out boxes the live locals, so the IR
# grows as guards x locals: 300 locals took 0.8 s to compile, 12 s in guard-stress mode)
MAX_LOCALS = 100


def enabled() -> bool:
    return not os.environ.get("JITVM_NO_JIT")


def compile_in_background(vm) -> bool:
    """Whether hot functions of ``vm`` compile on the compile thread while tier 0 goes on:
    only with ``JITVM_JIT_BACKGROUND=1`` (not with ``--jit-threshold 0`` or in guard-stress
    mode). Off by default, because measured slower: most of a compile is Python (building
    the IR, linking) which shares the GIL with the guest, so the guest loses about as much
    time as a compile at the hot call costs, and the machine code arrives about twice as
    late (bm_mandelbrot 0.18 s in the background, 0.08 s compiling at once, 0.16 s tier 0)."""
    if os.environ.get("JITVM_JIT_BACKGROUND", "") in ("", "0") or vm.jit_threshold == 0:
        return False
    stress = getattr(vm, "jit_stress", None)
    if stress is None:
        stress = os.environ.get("JITVM_JIT_STRESS", "") not in ("", "0")
    return not stress


def refuse(code, reason: str) -> None:
    """Record that tier 1 will not compile ``code`` (tier 0 stops offering it)."""
    code.jit_tried = True
    _remember(code, JitInfo(name=getattr(code, "name", "?"), compiled=False, reason=reason))


def jit_info(code) -> JitInfo | None:
    """The last compile attempt for ``code`` (None if tier 1 never looked at it)."""
    return _INFO.get(code)


def jit_infos() -> list[JitInfo]:
    """The last compile attempt of every live function tier 1 looked at, in the order of
    their first attempts (``jitvm jit`` lists them)."""
    return list(_INFO.values()) + list(_OSR_INFO)


def compile_function(code, args: tuple, *, fallback, log=None, func=None, globals_=None,
                     max_deopts=None, on_max_deopts=None, install=None):
    """A builtin ``fn(G, *params)`` running ``code`` as machine code specialised for the
    exact types of ``args``, or None (reason in ``jit_info(code)``, and passed to ``log``).

    ``fallback(G, *params)`` runs the function in tier 0; the builtin calls it when the
    arguments do not fit. ``func`` (the guest Function whose code this is; else the one
    ``globals_`` holds under the function's name) lets calls of the function by its global
    name enter the machine code directly, with unboxed arguments and result.
    ``on_max_deopts(code)`` is called once when guards have failed ``max_deopts`` times.

    With ``install``, the compile goes on in the background (``background``): the typer runs
    now (a refusal is known at once and costs no thread), the IR and LLVM's work on the
    compile thread while the guest goes on in tier 0, and ``install(fn)`` is called from that
    thread with the builtin when it is ready. The result is then True when the compile was
    queued, None when refused.
    """
    t0 = time.perf_counter()
    info = JitInfo(name=getattr(code, "name", "?"), compiled=False)
    try:
        info.code = weakref.ref(code)
    except TypeError:
        pass
    if func is None and globals_ is not None:
        func = globals_.get(getattr(code, "name", None))
    finish = _guarded(info, lambda: _prepare(code, tuple(args), fallback, func, info,
                                              (max_deopts, on_max_deopts), globals_))
    return _complete(info, finish, t0, log, code, install)


def _complete(info: JitInfo, finish, t0: float, log, code, install):
    """Run ``finish`` (lower, optimise, link) now, or on the compile thread with
    ``install(fn)`` called there (True is returned then); ``code`` None: an OSR entry."""
    if finish is not None and install is not None:
        preload()  # every import on this thread: two threads importing at once can clash
        info.compile_ms = (time.perf_counter() - t0) * 1e3
        _remember(code, info)

        def job():
            fn = _finished(info, finish, time.perf_counter(), log, code)
            if fn is not None:
                install(fn)

        background().submit(job)
        return True
    fn = _guarded(info, finish) if finish is not None else None
    return _finished(info, lambda: fn, t0, log, code)


def compile_osr(code, pc: int, G: dict, locs: list, stack: list, iters: tuple = (), *, fallback,
                on_max_deopts=None, install=None):
    """On-stack replacement (``osr``): a builtin ``fn(G, *locals, *stack)`` running ``code``
    from loop header ``pc`` as machine code specialised for the types of these values (a
    range iterator given as its three words, a list or tuple iterator as its sequence and
    index; ``iters``: (position, "range" or "seq") of each), or None. Its fallback takes the same
    arguments. ``install``: as for ``compile_function`` (background when the vm's policy
    says so). Logged as ``NAME@PC``."""
    vm = code.vm
    t0 = time.perf_counter()
    info = JitInfo(name=f"{getattr(code, 'name', '?')}@{pc}", compiled=False)
    log = vm.jit_log
    finish = _guarded(info, lambda: _prepare_osr(code, pc, G, locs, stack, iters, fallback,
                                                  info, on_max_deopts))
    if install is not None and not compile_in_background(vm):
        install = None
    return _complete(info, finish, t0, log, None, install)


def _prepare_osr(code, pc, G, locs, stack, iters, fallback, info: JitInfo, on_max_deopts):
    from jitvm.analysis import NotTranslatable, analyze
    from jitvm.objects import NULL, Function

    from .subset import first_untyped, static_refusal
    from .typer import (
        IT_CUR,
        IT_IDX,
        IT_STEP,
        IT_STOP,
        NONE,
        NUL,
        NotCompilable,
        infer,
        type_of_value,
    )

    if not enabled():
        raise NotCompilable("tier 1 is off (JITVM_NO_JIT)")
    why = static_refusal(code, opcodes=False)
    if why is not None:
        raise NotCompilable(why)
    try:
        analysis = analyze(code)
    except NotTranslatable as e:
        raise NotCompilable(f"analysis: {e}") from None
    why = first_untyped(code, analysis, pc)
    if why is not None:
        raise NotCompilable(why)
    live = analysis.blocks[analysis.block_of[pc]].live_in
    entry = []
    for k, v in enumerate(locs):
        t = None if v is NULL else type_of_value(v)
        if t is None and v is not NULL and k in live:
            raise NotCompilable(f"local {code.arg_names[k] if k < len(code.arg_names) else k} "
                                f"is {type(v).__name__} at the loop header")
        entry.append(t if k in live else None)
    st = []
    k = 0
    kinds = dict(iters)
    while k < len(stack):
        v = stack[k]
        if kinds.get(k) == "range":  # a range iterator's (cur, stop, step)
            st += [IT_CUR, IT_STOP, IT_STEP]
            k += 3
            continue
        if kinds.get(k) == "seq":  # a list or tuple iterator's (sequence, index, -)
            st += [type_of_value(v), IT_IDX, NUL]
            k += 3
            continue
        t = NUL if v is NULL else NONE if v is None else type_of_value(v)
        if t is None:
            raise NotCompilable(f"a {type(v).__name__} on the value stack at the loop header")
        st.append(t)
        k += 1
    func = G.get(code.name)
    if type(func) is not Function or func.code is not code or func.closed:
        func = None
    types = infer(code, analysis, tuple(entry), predict=_predictor(func), start=pc,
                  stack=tuple(st), globals0=G)
    info.types = types.describe(code)
    info.typing = types
    info.entry = tuple(entry)
    info.ret = types.ret
    n_ins = _check_size(code)
    from .osr import MAX_DEOPTS

    return lambda: _lower_and_link(code, analysis, types, fallback, None, info,
                                   (MAX_DEOPTS, on_max_deopts), n_ins, G)


def _check_size(code) -> int:
    """The number of instructions, if tier 1 takes a function this size."""
    from .typer import NotCompilable

    n_ins = len(code.rc.instructions)
    if n_ins > MAX_INSTRUCTIONS:
        raise NotCompilable(f"too long for tier 1 ({n_ins} instructions > {MAX_INSTRUCTIONS})")
    if code.n_state > MAX_LOCALS:
        raise NotCompilable(f"too many state slots (locals and stack) for tier 1 "
                            f"({code.n_state} > {MAX_LOCALS})")
    return n_ins


def _guarded(info: JitInfo, step):
    """``step()``, or None with the reason in ``info`` when tier 1 refuses or fails."""
    try:
        return step()
    except Exception as e:  # noqa: BLE001 - a lowering bug or an LLVM error: stay in tier 0
        from .typer import NotCompilable

        # the engine module (ctypes, llvmlite) is imported only once the typer accepted one
        engine = sys.modules.get(__name__ + ".engine")
        known = isinstance(e, NotCompilable) or (engine is not None
                                                 and isinstance(e, engine.Unsupported))
        info.reason = str(e) if known else f"internal error: {e!r}"
        return None


def _finished(info: JitInfo, step, t0: float, log, code):
    fn = _guarded(info, step)
    info.compile_ms += (time.perf_counter() - t0) * 1e3
    info.compiled = fn is not None
    _remember(code, info)
    if log is not None:
        log(f"jit: {info.summary()}")
    return fn


def _remember(code, info: JitInfo) -> None:
    if code is None:  # on-stack replacement entries: listed apart
        if not any(i is info for i in _OSR_INFO):
            _OSR_INFO.append(info)
        return
    try:
        _INFO[code] = info
    except TypeError:
        pass


SWITCH_INTERVAL = 0.0002  # seconds: the GIL's switch interval while the compile thread works


class Background:
    """The compile thread: one job at a time, in the order queued. ctypes releases the GIL
    around every call into LLVM, so optimisation and code generation run beside the guest
    (on another core); building the IR is Python and shares the GIL with it."""

    def __init__(self) -> None:
        import queue
        import threading

        self.jobs: queue.SimpleQueue = queue.SimpleQueue()
        self.idle = threading.Event()
        self.idle.set()
        self.pending = 0
        self.lock = threading.Lock()
        self.thread = None
        self.closed = False

    def submit(self, job) -> None:
        import threading

        with self.lock:
            if self.closed:
                return
            self.pending += 1
            self.idle.clear()
            if self.thread is None:
                old = threading.stack_size()
                threading.stack_size(16 << 20)  # not the guest thread's huge stack
                try:
                    self.thread = threading.Thread(target=self._run, name="jitvm-compile",
                                                   daemon=True)
                    self.thread.start()
                except RuntimeError:  # no thread to be had: compile here and now
                    self.thread = None
                    self.pending -= 1
                    self.idle.set()
                    job()
                    return
                finally:
                    threading.stack_size(old)
        self.jobs.put(job)

    def _run(self) -> None:
        while True:
            job = self.jobs.get()
            # every call into LLVM gives the GIL up and must get it back from a guest that
            # holds it until the switch interval (5 ms) ends: dozens of such calls per compile
            # would take ~0.1 s each; a short interval while compiling avoids that convoy
            interval = sys.getswitchinterval()
            sys.setswitchinterval(SWITCH_INTERVAL)
            try:
                if not self.closed:
                    job()
            except BaseException:  # noqa: BLE001 - a job reports through its JitInfo
                pass
            finally:
                sys.setswitchinterval(interval)
                with self.lock:
                    self.pending -= 1
                    if self.pending == 0:
                        self.idle.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until every queued compile has finished; False on timeout."""
        return self.idle.wait(timeout)

    def close(self, timeout: float = 30.0) -> None:
        """Drop queued jobs and wait for the running one (LLVM must not be inside a call
        when the process exits)."""
        with self.lock:
            self.closed = True
        self.idle.wait(timeout)


_background: Background | None = None


def background() -> Background:
    global _background
    if _background is None:
        _background = Background()
    return _background


def preload() -> None:
    """Load llvmlite, create the LLJIT and import the code generator now: called when a module
    with a function tier 1 may take is loaded (``subset.may_compile``), before its code runs,
    so the first compile does not pay LLVM's start-up (~35 ms, most of it Python). A program
    with no such function never loads LLVM. (Not on another thread: Python's per-module
    import locks let two threads importing at once see a partly initialised module.)"""
    if _preloaded or not enabled():
        return
    _preloaded.append(True)
    from jitvm.limits import outside_budget

    try:
        with outside_budget():  # LLVM is the host's memory, not the guest's heap
            import json  # noqa: F401 - the cache index's format

            from . import cache, front, lower  # noqa: F401 - imported for the first compile
            from .engine import engine

            engine()
            cache._source_digest()  # the index key's digest of the code generator (~2 ms)
    except Exception:  # noqa: BLE001 - the first compile reports it (Unsupported)
        pass
    import gc

    gc.freeze()  # LLVM's and the code generator's objects live to the end: no GC pass visits them


_preloaded: list = []


def shutdown() -> None:
    """End of the run: no more compiles, the one under way finished (LLVM must not be in a
    call on another thread when the process exits)."""
    if _background is not None:
        _background.close()


def _prepare(code, args: tuple, fallback, func, info: JitInfo, limit: tuple, globals_=None):
    """Check and type the function (fast, no LLVM); returns ``finish()``, which lowers,
    optimises and links it and returns the builtin."""
    from .typer import NotCompilable, type_of_value

    if not enabled():
        raise NotCompilable("tier 1 is off (JITVM_NO_JIT)")
    if getattr(code, "rc", None) is None or getattr(code, "vm", None) is None:
        raise NotCompilable("not a bytecode function")
    if len(args) != code.n_pos:
        raise NotCompilable(f"called with {len(args)} of {code.n_pos} positional arguments")
    n_ins = _check_size(code)
    entry = tuple(type_of_value(a) for a in args)
    for i, t in enumerate(entry):
        if t is None:
            raise NotCompilable(f"argument {i} is an int beyond 64 bits")
    from jitvm.analysis import NotTranslatable, analyze
    from jitvm.objects import Function

    from .typer import infer

    try:
        analysis = analyze(code)
    except NotTranslatable as e:
        raise NotCompilable(f"analysis: {e}") from None
    if func is not None and (type(func) is not Function or func.code is not code or func.closed):
        func = None  # direct self-calls need the very function object the global holds
    G0 = func.globals if func is not None else globals_
    types = infer(code, analysis, entry, predict=_predictor(func), globals0=G0)
    info.types = types.describe(code)
    info.typing = types
    info.entry = entry
    info.ret = types.ret
    return lambda: _lower_and_link(code, analysis, types, fallback, func, info, limit, n_ins, G0)


def _lower_and_link(code, analysis, types, fallback, func, info: JitInfo, limit: tuple,
                    n_ins: int, G0=None):
    """Lower, optimise and link (or link from the cache); LLVM's memory is the host's, not the
    guest's heap budget (a failed allocation inside LLVM aborts the process)."""
    from jitvm.limits import outside_budget

    with outside_budget():
        return _lower_and_link_within(code, analysis, types, fallback, func, info, limit,
                                      n_ins, G0)


def _lower_and_link_within(code, analysis, types, fallback, func, info: JitInfo, limit: tuple,
                           n_ins: int, G0=None):
    # llvmlite is imported only now: a function the typer refuses costs no LLVM start-up
    from . import cache
    from .cache import canonical_ir, canonical_symbol
    from .deopt import Deopt, Raiser, poll
    from .engine import compile_module
    from .typer import IT_CUR, IT_IDX

    iters = {pc: tuple(i for i, t in enumerate(stk)
                       if t == IT_CUR or (t not in (IT_IDX, None) and stk[i + 1:i + 2] == (IT_IDX,)))
             for pc, (_loc, stk) in types.before.items() if IT_CUR in stk or IT_IDX in stk}
    deopt = info.deopt = Deopt(code, types.n_locals, iters, func, *limit)
    from .lower_objects import object_helpers

    helpers = (fallback, deopt, Raiser(code), poll, *object_helpers(code.vm))
    from .lower_objects import object_heavy

    info.fast_cg = object_heavy(code, types)  # light pipeline, -O0 back end: C-API calls
    info.full = n_ins <= FULL_OPT_LIMIT and not info.fast_cg
    ctx = {"helpers": helpers, "func": func, "builtins": code.vm.builtins, "globals": G0,
           "objs": code.ctx.objs}
    index = _index_key(code, types, func, info.full, G0, info.fast_cg) if cache.enabled() else None

    def lowering():
        from .lower import Lowering

        return Lowering(code, analysis, types, fallback=fallback, deopt=deopt,
                        raiser=helpers[2], poll=poll, func=func, globals0=G0,
                        objects=helpers[4:], fast_cg=info.fast_cg)

    if index is not None:  # typed like this before: link the cached object code, no IR
        fn = _from_index(index, code, ctx, info)
        if fn is not None:
            def make_ir():
                low = lowering()
                return canonical_ir(low.build(), low.name)

            info.make_ir = make_ir
            return fn
    low = lowering()
    # one fixed module name: the IR text is then the same in every run (the cache's key)
    info.ir = canonical_ir(low.build(), low.name)
    info.refs = tuple(_ref_text(o) for o in low.em.refs)
    refs = tuple(low.em.refs)
    fn, info.cached = compile_module(info.ir, canonical_symbol(low.entry_name, low.name),
                                     code.name, refs, full=info.full, keep=low.helpers,
                                     fast_cg=info.fast_cg)
    obj_key = getattr(compile_module, "last_key", None)
    if index is not None and obj_key is not None:
        from .front import describe_refs

        desc = describe_refs(refs, ctx)
        if desc is not None:
            cache.store_front(index, obj_key, desc)
    return fn


def keep_ir() -> bool:
    """Whether every compile generates its IR (``jitvm jit`` prints it): the index is not
    used then."""
    return os.environ.get("JITVM_JIT_KEEP_IR", "") not in ("", "0")


def _index_key(code, types, func, full: bool, G0, fast_cg: bool = False) -> str | None:
    if keep_ir():
        return None
    from . import cache
    from .deopt import stress_mode
    from .engine import engine
    from .front import typed_key

    return typed_key(code, types, func, full, stress_mode(code.vm),
                     cache.key("", full, engine(), fast_cg), G0)


def _from_index(index: str, code, ctx: dict, info: JitInfo):
    from . import cache
    from .cache import CANONICAL_NAME
    from .engine import link_object
    from .front import resolve_refs

    hit = cache.load_front(index)
    if hit is None:
        return None
    obj_key, desc = hit
    refs = resolve_refs(desc, ctx)
    obj = cache.load(obj_key) if refs is not None else None
    if obj is None:
        return None
    fn = link_object(obj, f"{CANONICAL_NAME}_entry", code.name, refs, ctx["helpers"])
    if fn is None:
        cache.forget(obj_key)
        return None
    info.cached = True
    info.refs = tuple(_ref_text(o) for o in refs)
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

    from .typer import NUMBERS, OBJ, NotCompilable, boxable, infer, is_ref

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
        if info is not None and info.compiled and info.entry == arg_types and (
                info.ret in NUMBERS or is_ref(info.ret)):
            return info.ret
        if (code in active or len(active) > 3 or code.n_pos != len(arg_types)
                or not all(boxable(t) for t in arg_types)):
            return OBJ
        active.add(code)
        try:
            ret = infer(code, analyze(code), arg_types, predict=predict).ret
        except (NotCompilable, NotTranslatable):
            ret = OBJ
        finally:
            active.discard(code)
        return ret if ret in NUMBERS or is_ref(ret) else OBJ

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

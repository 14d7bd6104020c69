"""The machine-code engine: one ORC LLJIT per process, C-API symbols, builtins.

llvmlite is imported here, on the first compile, never when jitvm is imported (start-up
stays light). Compiled code calls the CPython C API through symbols registered with the
linker (addresses from ``ctypes.pythonapi``), and is entered as a real builtin made with
``PyCFunction_NewEx`` and ``METH_FASTCALL`` (~28 ns a call; a ctypes function pointer costs
0.4-1 us). The builtin's ``self`` is a tuple that keeps alive everything the code refers to
by address: the linked library (its resource tracker), the ``PyMethodDef`` and its name, and
every Python object the code uses. Those objects are the symbols ``jitvm_ref<k>`` of the IR,
bound to their addresses when the library is linked, so the object code does not depend on
the process: it is what the on-disk cache (``cache``) stores, and a cache hit links it
without optimising or generating code.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
import threading
import time

METH_FASTCALL = 0x0080

NUMBER_OPS = ("Add", "Subtract", "Multiply", "MatrixMultiply", "FloorDivide", "TrueDivide",
              "Remainder", "Lshift", "Rshift", "And", "Xor", "Or")
# name -> (LLVM return type, LLVM argument types); "p" = PyObject* / pointer, "i64", "i32",
# "f64", "void". Only portable C-API functions (no struct offsets but ob_refcnt/ob_type).
CAPI = {
    "PyLong_FromLongLong": ("p", ("i64",)),
    "PyLong_AsLongLongAndOverflow": ("i64", ("p", "p")),
    "PyFloat_FromDouble": ("p", ("f64",)),
    "PyFloat_AsDouble": ("f64", ("p",)),
    "PyObject_Vectorcall": ("p", ("p", "p", "i64", "p")),
    "PyObject_GetAttr": ("p", ("p", "p")),
    "PyErr_Clear": ("void", ()),
    "PyList_Append": ("i32", ("p", "p")),
    "PyDict_GetItemWithError": ("p", ("p", "p")),
    "PyErr_Occurred": ("p", ()),
    "Py_IncRef": ("void", ("p",)),
    "Py_DecRef": ("void", ("p",)),
    "_Py_Dealloc": ("void", ("p",)),
    "Py_EnterRecursiveCall": ("i32", ("p",)),
    "Py_LeaveRecursiveCall": ("void", ()),
    "PyErr_Fetch": ("void", ("p", "p", "p")),
    "PyErr_NormalizeException": ("void", ("p", "p", "p")),
    "PyException_SetTraceback": ("i32", ("p", "p")),
    "Py_MakePendingCalls": ("i32", ()),
    # objects (jitvm.jit.lower_objects): what tier 0's Python operators do
    **{f"PyNumber_{op}": ("p", ("p", "p")) for op in NUMBER_OPS},
    **{f"PyNumber_InPlace{op}": ("p", ("p", "p")) for op in NUMBER_OPS},
    "PyNumber_Power": ("p", ("p", "p", "p")),
    "PyNumber_InPlacePower": ("p", ("p", "p", "p")),
    "PyNumber_Negative": ("p", ("p",)),
    "PyNumber_Positive": ("p", ("p",)),
    "PyNumber_Invert": ("p", ("p",)),
    "PyObject_RichCompare": ("p", ("p", "p", "i32")),
    "PySequence_Contains": ("i32", ("p", "p")),
    "PyObject_IsTrue": ("i32", ("p",)),
    "PyObject_GetItem": ("p", ("p", "p")),
    "PyObject_SetItem": ("i32", ("p", "p", "p")),
    "PyDict_Contains": ("i32", ("p", "p")),
    "PyList_New": ("p", ("i64",)),
    "PyObject_GetIter": ("p", ("p",)),
    "PyIter_Next": ("p", ("p",)),
    "PyObject_Size": ("i64", ("p",)),
    "PySlice_New": ("p", ("p", "p", "p")),
    "PyUnicode_Compare": ("i32", ("p", "p")),
    "PyList_SetItem": ("i32", ("p", "i64", "p")),
    "PyObject_SetAttr": ("i32", ("p", "p", "p")),
    "PyErr_Restore": ("void", ("p", "p", "p")),
}
# libm functions under private names: LLVM's library-call simplifier rewrites calls to
# functions it recognises by name (pow(x, 2.0) -> x*x, ...); a private name keeps the call
# exactly what CPython does.
LIBM = {"jitvm_pow": ("pow", "f64", ("f64", "f64")),
        "jitvm_fmod": ("fmod", "f64", ("f64", "f64")),
        "jitvm_floor": ("floor", "f64", ("f64",)),
        **{f"jitvm_{f}": (f, "f64", ("f64",))  # the math module's functions compiled inline
           for f in ("sqrt", "sin", "cos", "tan", "atan", "exp", "log", "fabs")}}


# for long functions: promotion to registers, folding, CSE, jump threading, dead code
LIGHT_PIPELINE = ("sroa", "instruction_combine", "simplify_cfg", "sccp", "new_gvn",
                  "instruction_combine", "jump_threading", "simplify_cfg", "loop_rotate",
                  "instruction_combine", "aggressive_dce", "dead_store_elimination",
                  "simplify_cfg")

# for code made mostly of C-API calls (compiled with the -O0 back end): registers, folding,
# dead branches; the rest of the light pipeline buys such code little for its time
OBJECT_PIPELINE = ("sroa", "instruction_combine", "simplify_cfg", "aggressive_dce")


class PyMethodDef(ctypes.Structure):
    _fields_ = [("ml_name", ctypes.c_char_p), ("ml_meth", ctypes.c_void_p),
                ("ml_flags", ctypes.c_int), ("ml_doc", ctypes.c_char_p)]


class Unsupported(Exception):
    """This host cannot run tier 1 (another object layout, llvmlite missing or failing)."""


def inline_refcounts() -> bool:
    """CPython 3.11's ob_refcnt is a plain counter at offset 0 (3.12 made some objects
    immortal): refcounts are inlined there, and go through Py_IncRef/Py_DecRef elsewhere."""
    return sys.version_info[:2] == (3, 11)


def dict_version_offset() -> int | None:
    """Offset of PyDictObject.ma_version_tag (PEP 509) where it is known to change on every
    mutation: CPython 3.11 (3.12 deprecated it). Global lookups are cached against it."""
    return 24 if sys.version_info[:2] == (3, 11) else None


def slot_offset(cls, name: str) -> int | None:
    """The byte offset of ``cls``'s ``__slots__`` member ``name`` in its instances (read
    from the member descriptor's PyMemberDef), or None if it is not a plain slot."""
    d = cls.__dict__.get(name)
    if type(d).__name__ != "member_descriptor":
        return None
    member = ctypes.c_void_p.from_address(id(d) + 40).value  # PyMemberDescrObject.d_member
    if not member:
        return None
    return ctypes.c_ssize_t.from_address(member + 16).value  # PyMemberDef.offset


@functools.cache
def call_slot_offsets() -> dict | None:
    """Offsets of Function.code/.globals/.closed and Code.direct/.direct_n, checked on
    objects made for the purpose; None when any is not where it should be (compiled code
    then calls guest functions through the generic protocol). Checked once per process."""
    from jitvm.interp import Code
    from jitvm.objects import Function

    out = {}
    for cls, names in ((Function, ("code", "globals", "closed")), (Code, ("direct", "direct_n"))):
        for n in names:
            off = slot_offset(cls, n)
            if off is None or off < 16:
                return None
            out[n] = off
    probe = Code.__new__(Code)
    marker = object()
    probe.direct = marker
    probe.direct_n = 12345
    fprobe = Function.__new__(Function)
    fprobe.code, fprobe.globals, fprobe.closed = probe, {}, ()
    at = lambda o, n: ctypes.c_void_p.from_address(id(o) + out[n]).value  # noqa: E731
    if (at(probe, "direct") != id(marker) or at(probe, "direct_n") != id(probe.direct_n)
            or at(fprobe, "code") != id(probe) or at(fprobe, "globals") != id(fprobe.globals)
            or at(fprobe, "closed") != id(fprobe.closed)):
        return None
    return out


def host_supported() -> str | None:
    """None when compiled code can run here, else why not."""
    if sys.implementation.name != "cpython":
        return "tier 1 needs CPython"
    if object.__basicsize__ != 16 or hasattr(sys, "gettotalrefcount"):
        return "tier 1 needs a release CPython build (ob_type at offset 8)"
    if ctypes.sizeof(ctypes.c_void_p) != 8:
        return "tier 1 needs a 64-bit host"
    return None


class Engine:
    """The process's LLJIT, target machine and optimisation pipeline."""

    def __init__(self) -> None:
        t0 = time.perf_counter()
        import llvmlite.binding as llvm  # lazy: only when tier 1 first compiles

        self.llvm = llvm
        # llvm.initialize() raises in llvmlite 0.50; the native target is all we need
        llvm.initialize_native_target()
        llvm.initialize_native_asmprinter()
        target = llvm.Target.from_default_triple()
        self.cpu = llvm.get_host_cpu_name()
        self.features = llvm.get_host_cpu_features().flatten()
        self.llvm_version = ".".join(map(str, llvm.llvm_version_info))
        # no fast-math anywhere: fmul/fadd are never contracted into fma without flags.
        # jit=True: the large code model, so a symbol bound to any address (the refs, the C
        # API) is one absolute movabs, and object code links wherever the JIT puts it
        self.tm = target.create_target_machine(cpu=self.cpu, features=self.features,
                                               opt=2, jit=True)
        # code made of C-API calls gains next to nothing from an optimising back end, which
        # took ~70% of such a function's compile (bm_chaos: 150 ms of 220 for 4 functions)
        self.tm_fast = target.create_target_machine(cpu=self.cpu, features=self.features,
                                                    opt=0, jit=True)
        self.lljit = llvm.create_lljit_compiler(self.tm)
        self.lljit._owned = True  # never disposed: libraries may be unloaded until exit
        self.symbols = _symbol_addresses()
        self.triple = llvm.get_process_triple()
        self.data_layout = str(self.tm.target_data)
        self.count = 0
        self.lock = threading.Lock()
        self.init_ms = (time.perf_counter() - t0) * 1e3

    def optimize(self, ir_text: str, full: bool = True, passes: tuple = LIGHT_PIPELINE):
        """Parse, verify and optimise a module; returns the ModuleRef. ``full``: LLVM's O2
        pipeline, else LIGHT_PIPELINE (O2's IndVarSimplify is quadratic in the exits of a
        loop, and every guard is an exit: 800 instructions take 2.3 s at O2, 0.3 s light)."""
        llvm = self.llvm
        mod = llvm.parse_assembly(ir_text)
        mod.triple = self.triple
        mod.data_layout = self.data_layout
        mod.verify()
        pto = llvm.create_pipeline_tuning_options(speed_level=2)
        pb = llvm.create_pass_builder(self.tm, pto)
        if full:
            pm = pb.getModulePassManager()
        else:
            pm = llvm.create_new_module_pass_manager()
            for name in passes:
                getattr(pm, f"add_{name}_pass")()
        pm.run(mod, pb)
        mod.verify()
        return mod

    def emit_object(self, mod, fast: bool = False) -> bytes:
        """The object code of an optimised module (``fast``: the back end at -O0)."""
        return bytes((self.tm_fast if fast else self.tm).emit_object(mod))

    def emit_assembly(self, mod, fast: bool = False) -> str:
        return (self.tm_fast if fast else self.tm).emit_assembly(mod)

    def link(self, obj: bytes, exports: list[str], refs: tuple = ()):
        """Link object code as a new library, its ``jitvm_ref<k>`` symbols bound to the
        addresses of ``refs[k]``; returns its resource tracker."""
        llvm = self.llvm
        with self.lock:
            self.count += 1
            name = f"jitvm_lib{self.count}"
        builder = llvm.JITLibraryBuilder().add_object_img(obj)
        for sym, addr in self.symbols.items():
            builder.import_symbol(sym, addr)
        for k, o in enumerate(refs):
            builder.import_symbol(ref_symbol(k), id(o))
        for e in exports:
            builder.export_symbol(e)
        return builder.link(self.lljit, name)


_engine: Engine | None = None
_engine_lock = threading.Lock()


def engine() -> Engine:
    """The process's engine, created on first use (raises Unsupported)."""
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                why = host_supported()
                if why is not None:
                    raise Unsupported(why)
                try:
                    _engine = Engine()
                except ImportError as e:
                    raise Unsupported(f"llvmlite is not available: {e}") from None
    return _engine


# The countdown every compiled function's loops and calls tick (``jitvm_countdown`` in the
# IR): at zero the code enters the Python poll. One for the process, so that a Ctrl-C or a
# scheduled callback (jitvm.interrupt) can make the next tick poll: ``poll_soon()``.
COUNTDOWN = ctypes.c_int32(4096)
COUNTDOWN_SYMBOL = "jitvm_countdown"


def poll_soon() -> None:
    COUNTDOWN.value = 0


def _symbol_addresses() -> dict[str, int]:
    api = ctypes.pythonapi
    out = {name: ctypes.cast(getattr(api, name), ctypes.c_void_p).value for name in CAPI}
    out[COUNTDOWN_SYMBOL] = ctypes.addressof(COUNTDOWN)
    libm = ctypes.CDLL(ctypes.util.find_library("m") or None)
    for private, (real, _r, _a) in LIBM.items():
        out[private] = ctypes.cast(getattr(libm, real), ctypes.c_void_p).value
    return out


class Keep:
    """What a compiled builtin keeps alive (held in its ``self`` tuple)."""

    __slots__ = ("__weakref__", "mdef", "name", "tracker")

    def __init__(self, tracker, mdef, name) -> None:
        self.tracker = tracker
        self.mdef = mdef
        self.name = name


_NewEx = ctypes.pythonapi.PyCFunction_NewEx
_NewEx.restype = ctypes.py_object
_NewEx.argtypes = [ctypes.POINTER(PyMethodDef), ctypes.py_object, ctypes.c_void_p]


def make_builtin(name: str, address: int, tracker, refs: tuple):
    """A builtin (METH_FASTCALL) running the machine code at ``address``. Its ``self`` is a
    tuple of a Keep (tracker, method def) and ``refs``, the objects the code uses by address."""
    name_b = ctypes.create_string_buffer(name.encode("utf-8", "replace"))
    mdef = PyMethodDef(ctypes.cast(name_b, ctypes.c_char_p), address, METH_FASTCALL, None)
    keep = Keep(tracker, mdef, name_b)
    return _NewEx(ctypes.byref(mdef), (keep, *refs), None)


def ref_symbol(k: int) -> str:
    """The IR's symbol for the k-th object of a module's refs."""
    return f"jitvm_ref{k}"


def compile_module(ir_text: str, entry: str, name: str, refs: tuple, full: bool = True,
                   keep: tuple = (), fast_cg: bool = False):
    """Link ``ir_text`` (its ``jitvm_ref<k>`` standing for ``refs[k]``) and return
    (the builtin entering its ``entry``, whether the object code came from the cache).
    A cache miss optimises the module, generates its object code and stores it. ``keep``:
    more objects for the builtin to keep alive."""
    from . import cache

    eng = engine()
    key = cache.key(ir_text, full, eng, fast_cg) if cache.enabled() else None
    obj = cache.load(key) if key is not None else None
    tracker = None
    if obj is not None:
        try:
            tracker = eng.link(obj, [entry], refs)
        except RuntimeError:  # stored by another build, or damaged in a way the hash missed
            cache.forget(key)
            tracker = None
    cached = tracker is not None
    if tracker is None:
        mod = eng.optimize(ir_text, full, OBJECT_PIPELINE if fast_cg else LIGHT_PIPELINE)
        obj = eng.emit_object(mod, fast_cg)
        tracker = eng.link(obj, [entry], refs)
        if key is not None:
            cache.store(key, obj)
    compile_module.last_key = key  # what the index (front) records for this module
    return _builtin(tracker, entry, name, refs, keep), cached


def link_object(obj: bytes, entry: str, name: str, refs: tuple, keep: tuple = ()):
    """The builtin entering ``entry`` of object code ``obj`` (from the cache), or None if it
    does not link."""
    try:
        tracker = engine().link(obj, [entry], refs)
    except RuntimeError:
        return None
    return _builtin(tracker, entry, name, refs, keep)


def _builtin(tracker, entry: str, name: str, refs: tuple, keep: tuple):
    addr = tracker[entry]
    if not addr:
        raise RuntimeError(f"{entry} was not linked")
    return make_builtin(name, addr, tracker, tuple(refs) + tuple(keep))

"""One definition per opcode: what every tier needs to know about an instruction.

``mpy.opcodes`` says how an opcode is encoded; this table says what it does to the machine
state: its value-stack effect, how control leaves it (``Flow``), whether it may raise, where
it may appear, and the ``jitvm.runtime`` helper that carries its semantics when it is more
than moving values around. Everything that used to keep its own list derives from here:

* ``jitvm.analysis`` (stack depths, blocks, edges) reads ``effect`` and ``flow``;
* the frame interpreter (``jitvm.ops``/``ops_flow``) has one builder per opcode, and the
  Python translation (``jitvm.translate``) one emitter per opcode; both call the helper named
  here for the semantics, so an error text or a corner case is written once;
* tier 1 (``jitvm.jit.typer``/``lower``) lowers the typed subset and calls the same helpers
  on its slow paths.

``tests/interp/test_opdefs.py`` checks that every opcode of ``mpy.opcodes`` is here and that
every tier has an entry (or says it leaves the opcode to another tier).
"""

from __future__ import annotations

from enum import Enum

from mpy.opcodes import OPCODES


class Flow(Enum):
    """How control leaves an instruction."""

    NEXT = "next"  # falls through to the next instruction
    JUMP = "jump"  # always to the target
    BRANCH = "branch"  # pops the condition; target or next
    BRANCH_KEEP = "branch-keep"  # target with the value kept, or next with it popped
    FOR_ITER = "for-iter"  # next with the item pushed, or the target with the iterator popped
    SETUP = "setup"  # pushes an exception block (handler = target), falls through
    POP_BLOCK_JUMP = "pop-block-jump"  # pops an exception block, jumps to the target
    END_FINALLY = "end-finally"  # pops a block; falls through, re-raises or resumes an unwind
    UNWIND = "unwind"  # leaves blocks (running finally handlers), then to the target
    RETURN = "return"  # returns (after any finally handlers)
    RAISE = "raise"  # never falls through
    YIELD = "yield"  # suspends; falls through when resumed


class Scope(Enum):
    """Where an opcode may appear."""

    ANY = "any"
    NAMES = "names"  # module and class bodies: names resolve through the frame's dict
    GENERATOR = "generator"  # generator bodies


class OpDef:
    """One opcode's definition (see the module's docstring)."""

    __slots__ = ("name", "effect", "flow", "may_raise", "helper", "scope")

    def __init__(self, name: str, effect, flow: Flow = Flow.NEXT, may_raise: bool = True,
                 helper: str | None = None, scope: Scope = Scope.ANY) -> None:
        self.name = name
        self.effect = effect  # ins -> (pops, pushes) on the fall-through edge
        self.flow = flow
        self.may_raise = may_raise
        self.helper = helper  # the jitvm.runtime function carrying the semantics
        self.scope = scope

    def __repr__(self) -> str:
        return f"OpDef({self.name}, {self.flow.value})"


def fixed(pops: int, pushes: int):
    e = (pops, pushes)
    return lambda ins: e


def _build(ins):
    return ins.arg, 1


def _kw_call(extra: int):
    """CALL_*: function (and self) + positional + 2 per keyword (+ the star bitmap)."""
    def effect(ins):
        a = ins.arg
        return (a & 0xFF) + 2 * ((a >> 8) & 0xFF) + extra, 1
    return effect


def _store_comp(ins):
    return (2 if ins.arg & 3 == 1 else 1), 0


def _unpack_ex(ins):
    return 1, (ins.arg & 0xFF) + ((ins.arg >> 8) & 0xFF) + 1


_PUSH, _POP, _KEEP = fixed(0, 1), fixed(1, 0), fixed(0, 0)
_S = Scope.NAMES

_TABLE = (
    # constants and locals: cannot raise (an unbound local is the one exception)
    OpDef("LOAD_CONST_STRING", _PUSH, may_raise=False),
    OpDef("LOAD_CONST_SMALL_INT", _PUSH, may_raise=False),
    OpDef("LOAD_CONST_SMALL_INT_MULTI", _PUSH, may_raise=False),
    OpDef("LOAD_CONST_OBJ", _PUSH, may_raise=False),
    OpDef("LOAD_CONST_FALSE", _PUSH, may_raise=False),
    OpDef("LOAD_CONST_NONE", _PUSH, may_raise=False),
    OpDef("LOAD_CONST_TRUE", _PUSH, may_raise=False),
    OpDef("LOAD_NULL", _PUSH, may_raise=False),
    OpDef("LOAD_FAST_N", _PUSH, helper="local_error"),
    OpDef("LOAD_FAST_MULTI", _PUSH, helper="local_error"),
    OpDef("STORE_FAST_N", _POP, may_raise=False),
    OpDef("STORE_FAST_MULTI", _POP, may_raise=False),
    OpDef("DELETE_FAST", _KEEP, helper="local_error"),
    OpDef("LOAD_DEREF", _PUSH, helper="local_error"),
    OpDef("STORE_DEREF", _POP, may_raise=False),
    OpDef("DELETE_DEREF", _KEEP, helper="local_error"),
    # names
    OpDef("LOAD_NAME", _PUSH, helper="load_name", scope=_S),
    OpDef("STORE_NAME", _POP, may_raise=False, scope=_S),
    OpDef("DELETE_NAME", _KEEP, helper="delete_name", scope=_S),
    OpDef("LOAD_GLOBAL", _PUSH, helper="name_error"),
    OpDef("STORE_GLOBAL", _POP, may_raise=False),
    OpDef("DELETE_GLOBAL", _KEEP, helper="delete_name"),
    # attributes and items (through the sandbox)
    OpDef("LOAD_ATTR", fixed(1, 1), helper="Sandbox.attr_getter"),
    OpDef("LOAD_METHOD", fixed(1, 2), helper="guest_method"),
    OpDef("LOAD_SUPER_METHOD", fixed(3, 2), helper="Sandbox.attr_getter"),
    OpDef("STORE_ATTR", fixed(2, 0), helper="Sandbox.attr_setter"),
    OpDef("LOAD_SUBSCR", fixed(2, 1), helper="subscript_error"),
    OpDef("STORE_SUBSCR", fixed(3, 0)),
    # stack shuffles
    OpDef("DUP_TOP", fixed(1, 2), may_raise=False),
    OpDef("DUP_TOP_TWO", fixed(2, 4), may_raise=False),
    OpDef("POP_TOP", _POP, may_raise=False),
    OpDef("ROT_TWO", fixed(2, 2), may_raise=False),
    OpDef("ROT_THREE", fixed(3, 3), may_raise=False),
    # building
    OpDef("BUILD_TUPLE", _build),
    OpDef("BUILD_LIST", _build),
    OpDef("BUILD_MAP", _PUSH),
    OpDef("STORE_MAP", fixed(3, 1)),
    OpDef("BUILD_SET", _build),
    OpDef("BUILD_SLICE", _build),
    OpDef("STORE_COMP", _store_comp),
    OpDef("UNPACK_SEQUENCE", lambda ins: (1, ins.arg), helper="unpack"),
    OpDef("UNPACK_EX", _unpack_ex, helper="unpack_ex"),
    # operators
    OpDef("UNARY_OP_MULTI", fixed(1, 1)),
    OpDef("BINARY_OP_MULTI", fixed(2, 1), helper="binary_op_error"),
    # functions and calls
    OpDef("MAKE_FUNCTION", _PUSH, may_raise=False),
    OpDef("MAKE_FUNCTION_DEFARGS", fixed(2, 1), may_raise=False),
    OpDef("MAKE_CLOSURE", lambda ins: (ins.extra, 1), may_raise=False),
    OpDef("MAKE_CLOSURE_DEFARGS", lambda ins: (ins.extra + 2, 1), may_raise=False),
    OpDef("CALL_FUNCTION", _kw_call(1), helper="call"),
    OpDef("CALL_METHOD", _kw_call(2), helper="call"),
    OpDef("CALL_FUNCTION_VAR_KW", _kw_call(2), helper="var_kw_args"),
    OpDef("CALL_METHOD_VAR_KW", _kw_call(3), helper="var_kw_args"),
    OpDef("LOAD_BUILD_CLASS", _PUSH, may_raise=False),
    # control flow
    OpDef("JUMP", _KEEP, Flow.JUMP, may_raise=False),
    OpDef("POP_JUMP_IF_TRUE", _POP, Flow.BRANCH),
    OpDef("POP_JUMP_IF_FALSE", _POP, Flow.BRANCH),
    OpDef("JUMP_IF_TRUE_OR_POP", _POP, Flow.BRANCH_KEEP),
    OpDef("JUMP_IF_FALSE_OR_POP", _POP, Flow.BRANCH_KEEP),
    OpDef("GET_ITER", fixed(1, 1)),
    OpDef("GET_ITER_STACK", fixed(1, 4)),
    OpDef("FOR_ITER", _PUSH, Flow.FOR_ITER),
    OpDef("RETURN_VALUE", _POP, Flow.RETURN),
    # exceptions
    OpDef("SETUP_EXCEPT", _KEEP, Flow.SETUP, may_raise=False),
    OpDef("SETUP_FINALLY", _KEEP, Flow.SETUP, may_raise=False),
    OpDef("SETUP_WITH", fixed(1, 3), Flow.SETUP, helper="Sandbox.special_method"),
    OpDef("WITH_CLEANUP", fixed(3, 1)),
    OpDef("POP_EXCEPT_JUMP", _KEEP, Flow.POP_BLOCK_JUMP, may_raise=False),
    OpDef("END_FINALLY", _POP, Flow.END_FINALLY),
    OpDef("UNWIND_JUMP", _KEEP, Flow.UNWIND),
    OpDef("RAISE_LAST", _KEEP, Flow.RAISE, helper="no_reraise"),
    OpDef("RAISE_OBJ", _POP, Flow.RAISE, helper="raise_obj"),
    OpDef("RAISE_FROM", fixed(2, 0), Flow.RAISE, helper="raise_from"),
    # generators
    OpDef("YIELD_VALUE", fixed(1, 1), Flow.YIELD, scope=Scope.GENERATOR),
    OpDef("YIELD_FROM", fixed(2, 1), Flow.YIELD, scope=Scope.GENERATOR),
    # imports
    OpDef("IMPORT_NAME", fixed(2, 1), helper="import_name"),
    OpDef("IMPORT_FROM", fixed(1, 2), helper="Importer.import_from"),
    OpDef("IMPORT_STAR", _POP, helper="Importer.import_star", scope=_S),
)

OPDEFS: dict[str, OpDef] = {d.name: d for d in _TABLE}
assert len(OPDEFS) == len(_TABLE) == len(OPCODES), "one definition per opcode"

# the flow kinds the analysis and the translators branch on
NO_FALLTHROUGH = frozenset(n for n, d in OPDEFS.items()
                           if d.flow in (Flow.JUMP, Flow.POP_BLOCK_JUMP, Flow.RETURN, Flow.RAISE,
                                         Flow.UNWIND))
ENDS_BLOCK = frozenset(n for n, d in OPDEFS.items() if d.flow is not Flow.NEXT
                       and d.flow is not Flow.YIELD)
SETUP_KIND = {"SETUP_EXCEPT": "except", "SETUP_FINALLY": "finally", "SETUP_WITH": "with"}


def by_flow(*flows: Flow) -> frozenset:
    return frozenset(n for n, d in OPDEFS.items() if d.flow in flows)


def stack_effect(ins) -> tuple[int, int]:
    """(pops, pushes) of ``ins`` on its fall-through edge."""
    return OPDEFS[ins.info.name].effect(ins)


def allowed_in(scope: Scope) -> frozenset:
    return frozenset(n for n, d in OPDEFS.items() if d.scope is Scope.ANY or d.scope is scope)

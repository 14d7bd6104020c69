"""The index in front of the object-code cache: a function typed as before links its cached
object code without its IR being generated again (see ``cache``'s index section).

``typed_key`` gathers what the IR is generated from; ``describe_refs`` turns the objects a
module refers to (its ``jitvm_ref<k>`` symbols) into descriptions that ``resolve_refs`` binds
to the objects of another process: constants, a few host types and helpers, the function,
its globals, the builtins, global names and instruction offsets. A module referring to
anything else is not indexed (it is still cached by its IR).
"""

from __future__ import annotations

from jitvm.objects import NULL, Function
from jitvm.sandbox import DIRECT_TYPES
from mpy.opcodes import Arg

from .deopt import pack
from .typer import _is_module


def _host_objects() -> dict:
    from jitvm.interp import Code
    from jitvm.modules import math

    from .typer import MATH_FUNCTIONS

    return {"Function": Function, "Code": Code,
            **{f"math.{f}": getattr(math, f) for f in MATH_FUNCTIONS},
            "range": range, "int": int, "float": float, "bool": bool, "dict": dict,
            "tuple": tuple, "list": list, "bytearray": bytearray, "bytes": bytes, "str": str,
            "len": len, "list.append": list.append, "NULL": NULL,
            "pack": pack, "DIRECT_TYPES": DIRECT_TYPES}


def _const_text(v) -> str:
    if type(v) is float:
        return "f" + v.hex()
    return f"{type(v).__name__}:{v!r}"


def typed_key(code, types, func, full: bool, stress: bool, env_key: str, G0=None) -> str:
    """The index key of ``code`` lowered with ``types`` (``env_key``: the object cache's key
    of the empty text, which stands for the engine, CPU and versions)."""
    from . import cache
    from .engine import dict_version_offset, inline_refcounts

    q = code.ctx.qstr_text
    objs = code.ctx.objs
    ins_text = []
    for i in code.rc.instructions:
        n = i.info.name
        extra = ""
        if i.info.arg == Arg.QSTR:  # every name: globals, attributes, string constants
            extra = q[i.arg]
        elif n == "LOAD_CONST_OBJ":
            extra = _const_text(objs[i.arg])
        ins_text.append(f"{i.offset}:{n}:{i.arg}:{i.target}:{extra}")
    calls = sorted((off, c.kind, c.nargs, c.name, c.is_self, c.result)
                   for off, c in types.calls.items())
    parts = (
        env_key, code.name, code.n_pos, code.n_state, "|".join(ins_text),
        sorted(types.before.items()), calls, types.entry, types.entry_stack, types.start,
        sorted(types.returns), types.self_ret, types.tuples, sorted(types.maybe_unbound),
        types.n_locals, func is not None, full, stress, inline_refcounts(),
        dict_version_offset(),
    )
    return cache.front_key(parts)


def describe_refs(refs, ctx: dict) -> list | None:
    """A JSON-able description of each object in ``refs``, or None if one is not describable.
    ``ctx``: helpers (tuple), func, builtins."""
    host = {id(o): name for name, o in _host_objects().items()}
    helpers = {id(o): k for k, o in enumerate(ctx["helpers"])}
    func = ctx.get("func")
    out = []
    for o in refs:
        if o is None or o is True or o is False:
            out.append(("const", repr(o)))
        elif id(o) in host:
            out.append(("host", host[id(o)]))
        elif id(o) in helpers:
            out.append(("helper", helpers[id(o)]))
        elif o is ctx["builtins"]:
            out.append(("builtins",))
        elif func is not None and o is func:
            out.append(("func",))
        elif func is not None and o is func.globals:
            out.append(("globals",))

        elif _is_module(o) and _module_global(ctx, o) is not None:
            out.append(("global", _module_global(ctx, o)))
        elif type(o) is dict and _module_global(ctx, o, True) is not None:
            out.append(("global_dict", _module_global(ctx, o, True)))
        elif type(o) is int:
            out.append(("int", o))
        elif type(o) is str:
            out.append(("str", o))
        elif _const_index(ctx, o) is not None:  # a constant of the code (bytes, tuple, ...)
            out.append(("const_obj", _const_index(ctx, o)))
        else:
            return None
    return out


def _const_index(ctx: dict, o) -> int | None:
    for k, v in enumerate(ctx.get("objs", ())):
        if v is o:
            return k
    return None


def resolve_refs(desc: list, ctx: dict) -> tuple | None:
    """The objects ``describe_refs`` described, in this process (None if one cannot be)."""
    host = _host_objects()
    func = ctx.get("func")
    consts = {"None": None, "True": True, "False": False}
    out = []
    for d in desc:
        kind = d[0] if d else None
        if kind == "const" and d[1] in consts:
            out.append(consts[d[1]])
        elif kind == "host" and d[1] in host:
            out.append(host[d[1]])
        elif kind == "helper" and type(d[1]) is int and 0 <= d[1] < len(ctx["helpers"]):
            out.append(ctx["helpers"][d[1]])
        elif kind == "builtins":
            out.append(ctx["builtins"])
        elif kind == "func" and func is not None:
            out.append(func)
        elif kind == "globals" and func is not None:
            out.append(func.globals)
        elif kind in ("global", "global_dict") and type(d[1]) is str and ctx.get("globals") is not None:
            v = ctx["globals"].get(d[1], ctx)  # a module a global holds, or its dict
            if v is ctx or not _is_module(v):
                return None
            out.append(v if kind == "global" else v.__dict__)
        elif (kind == "int" and type(d[1]) is int) or (kind == "str" and type(d[1]) is str):
            out.append(d[1])
        elif kind == "const_obj" and type(d[1]) is int and 0 <= d[1] < len(ctx.get("objs", ())):
            out.append(ctx["objs"][d[1]])
        else:
            return None
    return tuple(out)


def _module_global(ctx: dict, o, its_dict: bool = False) -> str | None:
    """The name of a global holding module ``o`` (or the module whose __dict__ is ``o``)."""
    G = ctx.get("globals")
    if G is None:
        return None
    for name, v in G.items():
        if _is_module(v) and type(name) is str and (v.__dict__ if its_dict else v) is o:
            return name
    return None

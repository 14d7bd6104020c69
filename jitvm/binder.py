"""Argument binding by the host: a guest function called with keywords, with fewer arguments
than parameters (defaults), or with ``*args``/``**kw`` parameters gets a small generated
Python function whose own signature is the guest one (``def bound(a, b=d0, *args, scale=k0,
**kw)``), so CPython binds the arguments in C and the body passes them on to the function's
translation in its fast-locals order (closed cells, positionals, keyword-only, ``*args``,
``**kw``). ``Code.bind_fast`` stays the definition: when CPython refuses a call (a missing
or unexpected argument, non-string keywords) the caller binds again with it, which raises
MicroPython's error.

One factory per code and default layout is compiled (the source is the same for every
function object of that code); each function object gets its own closure over its
globals, cells and default values (``Function.binder``).
"""

from __future__ import annotations

import keyword

_RESERVED = ("_jv_c", "_jv_G")


def factory_source(code, n_closed: int, n_defaults: int, kw_names: tuple) -> str | None:
    """The source of ``make(_jv_c, _jv_G, c0.., d0.., k0..)`` returning the binder of
    ``code`` for a function with ``n_closed`` cells, ``n_defaults`` positional defaults and
    defaults for the keyword-only parameters ``kw_names``; None when a name would clash."""
    names = code.arg_names
    n_pos, n_kw = code.n_pos, code.n_kwonly
    if len(names) < n_pos + n_kw or n_closed > n_pos or n_defaults > n_pos - n_closed:
        return None
    pos = names[n_closed:n_pos]
    kwonly = names[n_pos:n_pos + n_kw]
    star = "_jv_args" if code.varargs else None
    dstar = "_jv_kw" if code.varkw else None
    own = [*pos, *kwonly]
    if len(set(own)) != len(own) or any(not n.isidentifier() or keyword.iskeyword(n)
                                        or n.startswith("_jv_") for n in own):
        return None
    cells = [f"_jv_c{i}" for i in range(n_closed)]
    defaults = [f"_jv_d{i}" for i in range(n_defaults)]
    kwdefs = {n: f"_jv_k{i}" for i, n in enumerate(kw_names)}
    params = []
    first_default = len(pos) - n_defaults
    for i, n in enumerate(pos):
        params.append(n if i < first_default else f"{n}={defaults[i - first_default]}")
    if star:
        params.append("*" + star)
    elif kwonly:
        params.append("*")
    params += [f"{n}={kwdefs[n]}" if n in kwdefs else n for n in kwonly]
    if dstar:
        params.append("**" + dstar)
    passed = [*cells, *pos, *kwonly] + ([star] if star else []) + ([dstar] if dstar else [])
    target = "_jv_c.direct" if code.direct_n == n_pos else "_jv_c.translated"
    head = ", ".join([*_RESERVED, *cells, *defaults, *kwdefs.values()])
    return (f"def make({head}):\n"
            f"    def bound({', '.join(params)}):\n"
            f"        return {target}({', '.join(['_jv_G', *passed])})\n"
            f"    return bound\n")


def make_binder(code, func):
    """The binder of function object ``func`` (of ``code``, translated), or False when its
    shape has none. Cached per default layout on the code."""
    kwd = func.kwdefaults or {}
    kw_names = tuple(n for n in code.arg_names[code.n_pos:code.n_pos + code.n_kwonly] if n in kwd)
    layout = (len(func.closed), len(func.defaults), kw_names)
    factories = code.binder_factories
    make = factories.get(layout)
    if make is None:
        src = factory_source(code, *layout)
        make = False
        if src is not None:
            from .translate import host_code

            ns: dict = {}
            try:
                exec(host_code(src), ns)  # noqa: S102 - generated from the code's own names
                make = ns["make"]
            except (SyntaxError, ValueError, MemoryError, RecursionError):
                make = False
        factories[layout] = make
    if make is False:
        return False
    return make(code, func.globals, *func.closed, *func.defaults, *(kwd[n] for n in kw_names))

"""A small in-process API: compile and run guest source, capturing what it prints."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from .compiler import compile_cached
from .execute import format_traceback
from .gexc import GUEST_EXC, guestify
from .objects import GuestModule
from .vm import VM


def run_mpy(data: bytes, name: str = "main.py", root: str | None = None,
            flavour: str = "micropython") -> tuple[str, int]:
    """Run .mpy bytes; returns (stdout text, exit status) like `jitvm run`."""
    out = io.StringIO()
    vm = VM(root or os.getcwd(), flavour=flavour, stdout=out)
    code = vm.load_mpy(data, name)
    main = GuestModule("__main__")
    vm.importer.modules["__main__"] = main
    status = 0
    try:
        vm.run_module_code(code, main)
    except BaseException as e:  # noqa: BLE001 - the guest's uncaught exception
        e = guestify(e)
        if isinstance(e, GUEST_EXC["SystemExit"]):
            c = e.args[0] if e.args else 0
            status = c if isinstance(c, int) else (0 if c is None else 1)
        else:
            out.write(format_traceback(e))
            status = 1
    return out.getvalue(), status


def run_source(src: str, name: str = "main.py", root: str | None = None) -> tuple[str, int]:
    """Compile ``src`` with mpy-cross and run it in a fresh VM."""
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / name
        p.write_text(src)
        data = compile_cached(str(p), source_name=name)
    return run_mpy(data, name, root)

"""`jitvm demo` (make demo): compile an example with mpy-cross, disassemble it, run it."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from .compiler import compile_file

ROOT = Path(__file__).resolve().parent.parent
HELLO = ROOT / "examples" / "hello" / "code.py"


def main(args: argparse.Namespace) -> int:
    from mpy import read_mpy
    from mpy.dis import disassemble

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    mpy_path = compile_file(str(HELLO), str(out / "hello.mpy"), source_name="code.py")
    module = read_mpy(Path(mpy_path).read_bytes(), os.path.relpath(mpy_path))
    print(f"== {HELLO.relative_to(ROOT)} compiled by mpy-cross to {os.path.relpath(mpy_path)}")
    print(disassemble(module))
    return 0

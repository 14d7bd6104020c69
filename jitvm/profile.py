"""`jitvm run --profile`: the hottest guest functions by calls, backward jumps and time."""

from __future__ import annotations


def print_profile(vm, out, top: int = 15) -> None:
    codes = [c for c in vm.all_codes() if c.calls or c.backjumps]
    codes.sort(key=lambda c: (c.time, c.calls + c.backjumps), reverse=True)
    out.write(f"{'function':<32} {'file:line':<24} {'calls':>9} {'backjumps':>10} {'time(s)':>9}\n")
    for c in codes[:top]:
        where = f"{c.source_file}:{c.prelude.line_at(0)}"
        out.write(f"{c.name[:32]:<32} {where[:24]:<24} {c.calls:>9} {c.backjumps:>10} {c.time:>9.3f}\n")

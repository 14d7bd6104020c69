"""Decodes a function's bytecode into Instructions, driven by the opcode table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .errors import MpyFormatError
from .opcodes import BY_BYTE, Arg, OpInfo


@dataclass(slots=True)
class Instruction:
    offset: int  # bytecode offset (from the first opcode, as MicroPython counts)
    size: int
    op: int  # the opcode byte
    info: OpInfo
    arg: int | None = None  # decoded argument (multi-op value, index, or jump delta)
    extra: int | None = None  # the extra byte of MAKE_CLOSURE*/UNWIND_JUMP
    target: int | None = None  # jump target as a bytecode offset

    @property
    def name(self) -> str:
        return self.info.name


def decode(code: bytes, fail: Callable[[str, int], Exception]) -> list[Instruction]:
    """Decode ``code`` (opcodes only); ``fail(reason, offset)`` builds the error to raise."""
    out: list[Instruction] = []
    n = len(code)
    ip = 0
    while ip < n:
        start = ip
        op = code[ip]
        info = BY_BYTE[op]
        if info is None:
            raise fail(f"unknown opcode 0x{op:02x}", start)
        ip += 1
        ins = Instruction(start, 0, op, info)
        kind = info.arg
        if info.count > 1:
            ins.arg = op - info.byte
            if info.name == "LOAD_CONST_SMALL_INT_MULTI":
                ins.arg -= 16
        elif kind is Arg.JUMP or kind is Arg.UJUMP:
            if ip >= n:
                raise fail(f"{info.name} truncated", start)
            b = code[ip]
            if b & 0x80:
                if ip + 1 >= n:
                    raise fail(f"{info.name} truncated", start)
                v = (b & 0x7F) | (code[ip + 1] << 7)
                ip += 2
                if kind is Arg.JUMP:
                    v -= 0x4000
            else:
                v = b
                ip += 1
                if kind is Arg.JUMP:
                    v -= 0x40
            ins.arg = v
        elif kind is not Arg.NONE:
            v = 0
            first = True
            while True:
                if ip >= n:
                    raise fail(f"{info.name} argument truncated", start)
                b = code[ip]
                ip += 1
                if first and kind is Arg.SINT and b & 0x40:
                    v = -1
                first = False
                v = (v << 7) | (b & 0x7F)
                if not b & 0x80:
                    break
                if ip - start > 11:
                    raise fail(f"{info.name} argument too long", start)
            ins.arg = v
        if kind is Arg.JUMP or kind is Arg.UJUMP:
            ins.target = ip + ins.arg  # relative to the end of the offset, before any extra byte
        if info.extra_byte:
            if ip >= n:
                raise fail(f"{info.name} extra byte truncated", start)
            ins.extra = code[ip]
            ip += 1
        ins.size = ip - start
        out.append(ins)
    return out


_LOCAL_OPS = frozenset({"LOAD_FAST_N", "STORE_FAST_N", "DELETE_FAST", "LOAD_DEREF", "STORE_DEREF",
                        "DELETE_DEREF", "LOAD_FAST_MULTI", "STORE_FAST_MULTI"})


def decode_function(rc, module, stream_fail) -> None:
    """Decode and validate a bytecode raw code's instructions, storing them on ``rc``."""
    base = rc.file_offset + rc.prelude.code_start
    name = rc.name

    def fail(reason: str, offset: int) -> MpyFormatError:
        return stream_fail(f"corrupt bytecode in {name} at bc={offset}: {reason}", base + offset)

    code = rc.bytecode
    instructions = decode(code, fail)
    starts = {i.offset for i in instructions}
    starts.add(len(code))
    n_qstr, n_obj, n_child = len(module.qstrs), len(module.objs), len(rc.children)
    n_state = rc.prelude.n_state
    for ins in instructions:
        kind = ins.info.arg
        if kind is Arg.QSTR and ins.arg >= n_qstr:
            raise fail(f"qstr index {ins.arg} out of range ({n_qstr})", ins.offset)
        if kind is Arg.CONST and ins.arg >= n_obj:
            raise fail(f"constant index {ins.arg} out of range ({n_obj})", ins.offset)
        if kind is Arg.CHILD and ins.arg >= n_child:
            raise fail(f"child index {ins.arg} out of range ({n_child})", ins.offset)
        if ins.info.name in _LOCAL_OPS and ins.arg >= n_state:
            raise fail(f"local {ins.arg} outside the {n_state}-slot state", ins.offset)
        if ins.target is not None and ins.target not in starts:
            raise fail(f"jump target {ins.target} is not an instruction", ins.offset)
    rc.instructions = instructions

"""Decodes a function's bytecode into Instructions, driven by the opcode table.

``decode`` makes the Instruction list the VM and the disassembler use; RawCode.instructions
calls it on first use, after mpy.verify checked the code when the file was read.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator  # not typing: its import costs start-up time

from ._record import Record
from .errors import MpyFormatError
from .opcodes import BY_BYTE, Arg, OpInfo


class Instruction(Record):
    __slots__ = ("offset", "size", "op", "info", "arg", "extra", "target")
    _fields = __slots__

    def __init__(self, offset: int, size: int, op: int, info: OpInfo, arg: int | None = None,
                 extra: int | None = None, target: int | None = None) -> None:
        self.offset = offset  # bytecode offset (from the first opcode, as MicroPython counts)
        self.size = size
        self.op = op  # the opcode byte
        self.info = info
        self.arg = arg  # decoded argument (multi-op value, index, or jump delta)
        self.extra = extra  # the extra byte of MAKE_CLOSURE*/UNWIND_JUMP
        self.target = target  # jump target as a bytecode offset

    @property
    def name(self) -> str:
        return self.info.name


def decode(code: bytes, fail: Callable[[str, int], Exception]) -> list[Instruction]:
    """Decode ``code`` (opcodes only); ``fail(reason, offset)`` builds the error to raise."""
    return list(iter_decode(code, fail))


def iter_decode(code: bytes, fail: Callable[[str, int], Exception]) -> Iterator[Instruction]:
    """The instructions of ``code`` one at a time (a listing needs no list of them)."""
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
            if ip >= n or (code[ip] & 0x80 and ip + 1 >= n):
                raise fail(f"{info.name} truncated", start)
            ins.arg, ip = jump_operand(code, ip, kind is Arg.JUMP)
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
        yield ins


def decode_raw_code(rc) -> list[Instruction]:
    """The Instruction list of a bytecode RawCode (its errors name the file offset)."""
    return list(iter_decode_raw_code(rc))


def iter_decode_raw_code(rc) -> Iterator[Instruction]:
    base = rc.file_offset + rc.prelude.code_start

    def fail(reason: str, offset: int) -> MpyFormatError:
        return MpyFormatError(f"corrupt bytecode in {rc.name} at bc={offset}: {reason}",
                              base + offset)

    return iter_decode(rc.bytecode, fail)


def jump_operand(code: bytes, ip: int, signed: bool) -> tuple[int, int]:
    """(offset, next ip) of the 1- or 2-byte jump operand at ``ip`` (``py/bc0.h``: the high bit
    of the first byte says a second follows; signed jumps are biased by 0x40 / 0x4000)."""
    b = code[ip]
    if b & 0x80:
        v = (b & 0x7F) | (code[ip + 1] << 7)
        return (v - 0x4000 if signed else v), ip + 2
    return (b - 0x40 if signed else b), ip + 1

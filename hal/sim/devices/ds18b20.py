"""A Maxim DS18B20 temperature sensor on a 1-Wire bus (one pin, with its 4.7 kOhm pull-up).

From the DS18B20 datasheet: the controller's reset pulse (low >= 480 us) is answered by a
presence pulse (low from 30 to 150 us after the line rises); each time slot starts with the
controller pulling the line low: the device samples 30 us later to receive a bit (still low: 0),
and sends a 0 by holding the line low for 30 us. Bytes go least significant bit first. ROM
commands READ ROM (0x33), MATCH ROM (0x55), SKIP ROM (0xCC), SEARCH ROM (0xF0: each bit, its
complement, then the controller's choice); function commands CONVERT T (0x44: read slots answer 0
until the conversion ends, 93.75 ms << (resolution - 9)), READ SCRATCHPAD (0xBE: 9 bytes, the
last a CRC-8), WRITE SCRATCHPAD (0x4E: TH, TL, configuration), READ POWER SUPPLY (0xB4: 1,
externally powered). Scenario keys: ``pin``, ``temperature`` (*wave*, degrees C), ``serial``
(48-bit int; the ROM is family 0x28, serial LSB first, CRC-8).
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

from hal.api import Pin, Pull
from hal.sim.devices.base import Device

RESET_MIN_NS = 480_000
SAMPLE_NS = 30_000  # when the device samples a slot / how long it holds a 0
PRESENCE_NS = (30_000, 150_000)
CONVERSION_NS = 93_750_000  # 9-bit; doubles with each extra bit

# a protocol step: "r" = receive the next slot's bit, 0/1 = send it (the generator gets the
# received bit back from ``send``)
Protocol = Generator[Any, Any, None]


def crc8(data: bytes) -> int:
    """Maxim's 1-Wire CRC-8 (x^8 + x^5 + x^4 + 1, reflected): 0 over data + its CRC."""
    crc = 0
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x8C if crc & 1 else crc >> 1
    return crc


class DS18B20(Device):
    """Temperature sensor on a 1-Wire pin."""

    TYPE = "ds18b20"

    def __init__(self, board, name: str, pin: Pin, temperature, serial: int = 0x0000_0123_4567) -> None:
        super().__init__(board, name)
        self.pin = pin
        self.temperature = temperature
        body = bytes([0x28]) + serial.to_bytes(6, "little")
        self.rom = body + bytes([crc8(body)])
        self.th, self.tl, self.config = 0x4B, 0x46, 0x7F
        self.temp_raw = 0x0550  # +85 C: the power-on value until a conversion
        self.conversions = 0
        self._busy_until = 0
        self._net = board.net(pin)
        self._net.pull_external(self, Pull.UP)  # the bus resistor
        self._net.listeners.append(self._on_level)
        self._fell_at: int | None = None
        self._driving = False
        self._proto: Protocol | None = None
        self._step: Any = None

    @classmethod
    def from_spec(cls, board, name: str, spec) -> DS18B20:
        serial = spec.integer("serial", 0x0000_0123_4567, lo=0, hi=(1 << 48) - 1)
        return cls(board, name, spec.pin("pin"), spec.waveform("temperature", 21.0), serial)

    # -- the wire ------------------------------------------------------------------------
    def _drive(self, level: int | None) -> None:
        self._driving = True
        try:
            self._net.drive(self, level)
        finally:
            self._driving = False

    def _on_level(self, net, level: int, t_ns: int) -> None:
        # only the controller starts slots and resets: edges other devices on the same pin
        # make (presence pulses, 0 bits) are not ours to answer
        if self._driving:
            return
        if level == 0:
            if net.mcu_output and not net.mcu_level:
                self._fell_at = t_ns
                self._slot(t_ns)
        elif self._fell_at is not None:
            low_ns, self._fell_at = t_ns - self._fell_at, None
            if low_ns >= RESET_MIN_NS:
                self._reset(t_ns)

    def _reset(self, t_ns: int) -> None:
        clock = self.board.clock
        clock.call_at(t_ns + PRESENCE_NS[0], lambda: self._drive(0))
        clock.call_at(t_ns + PRESENCE_NS[1], lambda: self._drive(None))
        self._proto = self._protocol()
        self._step = next(self._proto)

    def _slot(self, t_ns: int) -> None:
        step = self._step
        if step is None:
            return
        if step == "r":
            self.board.clock.call_at(t_ns + SAMPLE_NS, self._sample)
            self._step = "wait"  # until the sample is taken
        elif step in (0, 1):
            if step == 0:
                self._drive(0)
                self.board.clock.call_at(t_ns + SAMPLE_NS, lambda: self._drive(None))
            self._advance(None)

    def _sample(self) -> None:
        self._advance(self._net.read())

    def _advance(self, value: Any) -> None:
        try:
            self._step = self._proto.send(value) if self._proto is not None else None
        except StopIteration:
            self._step, self._proto = None, None

    # -- the protocol (a generator of slot steps) -------------------------------------------
    def _recv_byte(self) -> Generator[Any, Any, int]:
        value = 0
        for i in range(8):
            value |= (yield "r") << i
        return value

    def _send_bytes(self, data: bytes) -> Generator[Any, Any, None]:
        for byte in data:
            for i in range(8):
                yield byte >> i & 1

    def _protocol(self) -> Protocol:
        command = yield from self._recv_byte()
        if command == 0x33:
            yield from self._send_bytes(self.rom)
        elif command == 0x55:
            rom = bytearray()
            for _ in range(8):
                rom.append((yield from self._recv_byte()))
            if bytes(rom) != self.rom:
                return
        elif command == 0xF0:
            for i in range(64):
                bit = self.rom[i // 8] >> (i % 8) & 1
                yield bit
                yield bit ^ 1
                if (yield "r") != bit:
                    return  # the controller chose the other branch
            return
        elif command != 0xCC:
            return
        yield from self._function()

    def _function(self) -> Protocol:
        command = yield from self._recv_byte()
        now = self.board.clock.now
        if command == 0x44:
            self._convert(now())
            while True:
                yield 1 if now() >= self._busy_until else 0
        elif command == 0xBE:
            yield from self._send_bytes(self.scratchpad())
        elif command == 0x4E:
            self.th = yield from self._recv_byte()
            self.tl = yield from self._recv_byte()
            self.config = (yield from self._recv_byte()) & 0x60 | 0x1F
        elif command == 0xB4:
            while True:
                yield 1

    def _convert(self, t_ns: int) -> None:
        bits = 9 + (self.config >> 5 & 3)
        self._busy_until = t_ns + (CONVERSION_NS << (bits - 9))
        raw = round(self.temperature(t_ns) * 16)
        raw = max(-55 * 16, min(125 * 16, raw)) & ~((1 << (12 - bits)) - 1)
        self.temp_raw = raw & 0xFFFF
        self.conversions += 1

    def scratchpad(self) -> bytes:
        body = bytes([self.temp_raw & 0xFF, self.temp_raw >> 8, self.th, self.tl, self.config,
                      0xFF, 0x0C, 0x10])
        return body + bytes([crc8(body)])

    def state(self) -> dict[str, Any]:
        return {"rom": self.rom.hex(), "conversions": self.conversions,
                "resolution": 9 + (self.config >> 5 & 3)}

"""Sensirion SHT31-D humidity/temperature sensor on I2C: 16-bit commands, CRC-8 protected words.

From the SHT3x-DIS datasheet: single-shot (with/without clock stretching) and periodic
measurements, fetch (0xE000), break (0x3093), soft reset (0x30A2), heater (0x306D/0x3066),
status (0xF32D), clear status (0x3041), serial number (0x3780).  Results are
``T = -45 + 175*S_T/65535`` and ``RH = 100*S_RH/65535``, each 16-bit word followed by a
CRC-8 (polynomial 0x31, init 0xFF).  Reading with no result ready is NACKed, like the chip;
invalid commands are NACKed on their second byte.
"""

from __future__ import annotations

from typing import Any

from hal.sim.devices.base import I2CTarget
from hal.sim.spec import Spec

SINGLE_SHOT = {  # command -> (repeatability, clock stretching)
    0x2C06: ("high", True), 0x2C0D: ("medium", True), 0x2C10: ("low", True),
    0x2400: ("high", False), 0x240B: ("medium", False), 0x2416: ("low", False),
}  # fmt: skip
PERIODIC_MPS = {0x20: 0.5, 0x21: 1, 0x22: 2, 0x23: 4, 0x27: 10}  # MSB -> measurements/s
PERIODIC_LSB = {
    0x20: (0x32, 0x24, 0x2F),
    0x21: (0x30, 0x26, 0x2D),
    0x22: (0x36, 0x20, 0x2B),
    0x23: (0x34, 0x22, 0x29),
    0x27: (0x37, 0x21, 0x2A),
}  # fmt: skip  (high, medium, low repeatability)
ART = 0x2B32
FETCH, BREAK, SOFT_RESET = 0xE000, 0x3093, 0x30A2
HEATER_ON, HEATER_OFF = 0x306D, 0x3066
READ_STATUS, CLEAR_STATUS, READ_SERIAL = 0xF32D, 0x3041, 0x3780
DURATION_NS = {"high": 15_500_000, "medium": 6_500_000, "low": 4_500_000}  # max, datasheet table 4

STATUS_HEATER = 1 << 13
STATUS_RESET = 1 << 4
STATUS_CMD_FAILED = 1 << 1


def crc8(data: bytes) -> int:
    """Sensirion CRC-8: polynomial 0x31, init 0xFF, no reflection (0xBEEF -> 0x92)."""
    crc = 0xFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = ((crc << 1) ^ 0x31) & 0xFF if crc & 0x80 else (crc << 1) & 0xFF
    return crc


def words_with_crc(*words: int) -> bytes:
    out = bytearray()
    for w in words:
        pair = bytes([(w >> 8) & 0xFF, w & 0xFF])
        out += pair + bytes([crc8(pair)])
    return bytes(out)


def raw_from_physical(temp_c: float, hum_pct: float) -> tuple[int, int]:
    s_t = round((temp_c + 45.0) / 175.0 * 65535)
    s_rh = round(hum_pct / 100.0 * 65535)
    return min(max(s_t, 0), 0xFFFF), min(max(s_rh, 0), 0xFFFF)


class SHT31D(I2CTarget):
    """An SHT31-D at 0x44 (ADDR low) or 0x45 (ADDR high)."""

    TYPE = "sht31d"

    def __init__(
        self,
        board,
        name: str,
        scl,
        sda,
        address: int,
        temperature,
        humidity,
        serial: int = 0x1A2B3C4D,
    ) -> None:
        super().__init__(board, name)
        self.address = address
        self.temperature, self.humidity = temperature, humidity
        self.serial = serial & 0xFFFFFFFF
        self.status = STATUS_RESET
        self.heater = False
        self.periodic_ns: int | None = None
        self.measurements = 0
        self._cmd = bytearray()
        self._out = b""  # what a read returns
        self._ready_at: int | None = None  # single shot result time
        self._stretch = False
        self._periodic_start = 0
        self._periodic_fetched = -1
        board.attach_i2c(scl, sda, address, self)

    @classmethod
    def from_spec(cls, board, name: str, spec: Spec) -> SHT31D:
        scl, sda = spec.i2c_pins()
        address = spec.integer("address", 0x44, lo=0x44, hi=0x45)
        return cls(
            board,
            name,
            scl,
            sda,
            address,
            spec.waveform("temperature", 22.0),
            spec.waveform("humidity", 45.0),
        )

    def _measure(self, t_ns: int) -> bytes:
        self.measurements += 1
        s_t, s_rh = raw_from_physical(self.temperature(t_ns), self.humidity(t_ns))
        return words_with_crc(s_t, s_rh)

    # -- I2C ----------------------------------------------------------------------------
    def i2c_start(self, read: bool) -> bool:
        self._cmd.clear()
        if not read:
            return True
        now = self.board.clock.now()
        if self._ready_at is not None:
            if now < self._ready_at:
                if not self._stretch:
                    return False  # still measuring: NACK the read header
                self.board.clock.run_until(self._ready_at)  # the chip holds SCL low
            self._out = self._measure(self._ready_at)
            self._ready_at = None
        if not self._out:
            return False
        self._read_pos = 0
        return True

    def i2c_read(self) -> int:
        if self._read_pos < len(self._out):
            b = self._out[self._read_pos]
        else:
            b = 0xFF
        self._read_pos += 1
        return b

    def i2c_stop(self) -> None:
        if getattr(self, "_read_pos", 0):
            self._out = b""  # a result is read once
            self._read_pos = 0

    def i2c_write(self, byte: int) -> bool:
        self._cmd.append(byte)
        if len(self._cmd) < 2:
            return True
        if len(self._cmd) > 2:
            return False  # no command takes arguments we model
        ok = self._command((self._cmd[0] << 8) | self._cmd[1])
        if not ok:
            self.status |= STATUS_CMD_FAILED
        else:
            self.status &= ~STATUS_CMD_FAILED
        return ok

    def _command(self, cmd: int) -> bool:
        now = self.board.clock.now()
        if self.periodic_ns is not None:
            if cmd == FETCH:
                self._fetch(now)
                return True
            if cmd == BREAK:
                self.periodic_ns = None
                return True
            if cmd == HEATER_ON or cmd == HEATER_OFF or cmd in (READ_STATUS, CLEAR_STATUS):
                pass  # accepted during periodic mode
            elif cmd != ART and (cmd >> 8) not in PERIODIC_MPS:
                return False
        if cmd in SINGLE_SHOT:
            rep, self._stretch = SINGLE_SHOT[cmd]
            self._ready_at = now + DURATION_NS[rep]
            self._out = b""
        elif cmd == ART or ((cmd >> 8) in PERIODIC_MPS and (cmd & 0xFF) in PERIODIC_LSB[cmd >> 8]):
            mps = 4 if cmd == ART else PERIODIC_MPS[cmd >> 8]
            self.periodic_ns = round(1e9 / mps)
            self._periodic_start = now
            self._periodic_fetched = -1
            self._out = b""
        elif cmd == BREAK:
            pass
        elif cmd == SOFT_RESET:
            self.heater = False
            self.status = STATUS_RESET
            self._out = b""
            self._ready_at = None
        elif cmd in (HEATER_ON, HEATER_OFF):
            self.heater = cmd == HEATER_ON
            self.status = (self.status & ~STATUS_HEATER) | (STATUS_HEATER if self.heater else 0)
        elif cmd == READ_STATUS:
            self._out = words_with_crc(self.status)
        elif cmd == CLEAR_STATUS:
            self.status &= ~(STATUS_RESET | (1 << 15) | (1 << 11) | (1 << 10))
        elif cmd == READ_SERIAL:
            self._out = words_with_crc(self.serial >> 16, self.serial & 0xFFFF)
        elif cmd != FETCH:  # (a fetch outside periodic mode is accepted; its read is NACKed)
            return False
        return True

    def _fetch(self, now: int) -> None:
        assert self.periodic_ns is not None
        k = (now - self._periodic_start) // self.periodic_ns - 1  # last finished measurement
        if k < 0 or k == self._periodic_fetched:
            self._out = b""  # no new data: the read is NACKed
            return
        self._periodic_fetched = k
        self._out = self._measure(self._periodic_start + (k + 1) * self.periodic_ns)

    def state(self) -> dict[str, Any]:
        return {"status": self.status, "heater": self.heater, "measurements": self.measurements}

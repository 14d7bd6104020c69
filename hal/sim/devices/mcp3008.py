"""Microchip MCP3008 8-channel 10-bit ADC on SPI, modelled bit by bit from its datasheet.

While CS is low the chip waits for a start bit (a 1 on MOSI), then reads SGL/DIFF and the
channel bits D2..D0, samples during the next clock, sends a null bit, then B9..B0 MSB first
(and, if clocking goes on, B1..B9 LSB first, then zeros).  Any framing a driver uses, byte
aligned or not, therefore gets the right bits.  Channel inputs are volts (waveforms).
"""

from __future__ import annotations

from typing import Any

from hal.sim.devices.base import SPITarget
from hal.sim.spec import Spec, SpecError


class MCP3008(SPITarget):
    TYPE = "mcp3008"

    def __init__(self, board, name: str, sck, cs, channels, vref: float = 3.3) -> None:
        super().__init__(board, name, sck, cs)
        if len(channels) != 8:
            raise ValueError("an MCP3008 has 8 channels")
        self.channels = channels
        self.vref = vref
        self.conversions = 0
        self.spi_select()

    @classmethod
    def from_spec(cls, board, name: str, spec: Spec) -> MCP3008:
        sck = spec.spi_sck()
        cs = spec.pin("cs")
        vref = spec.number("vref", 3.3, lo=0.1, hi=5.5)
        raw = spec.raw("channels", [])
        if not isinstance(raw, list) or len(raw) > 8:
            raise SpecError("'channels' must be a list of up to 8 volts or waveform tables")
        from hal.sim import waveform

        chans = []
        for i in range(8):
            try:
                chans.append(
                    waveform.from_spec(raw[i], f"channels[{i}]")
                    if i < len(raw)
                    else waveform.constant(0.0)
                )
            except ValueError as exc:
                raise SpecError(str(exc)) from None
        return cls(board, name, sck, cs, chans, vref)

    def code(self, single: bool, channel: int) -> int:
        """The 10-bit conversion result for a channel (or a differential pair) now."""
        t = self.board.clock.now()
        if single:
            volts = self.channels[channel](t)
        else:  # pairs: 0 = CH0-CH1, 1 = CH1-CH0, 2 = CH2-CH3 ...
            a, b = (channel & ~1, channel | 1) if channel % 2 == 0 else (channel, channel - 1)
            volts = self.channels[a](t) - self.channels[b](t)
        return max(0, min(1023, int(volts / self.vref * 1024)))

    # -- bit engine ------------------------------------------------------------------------
    def spi_select(self) -> None:
        self._state = "idle"  # idle -> config -> output
        self._config: list[int] = []
        self._out_bits: list[int] = []

    def spi_deselect(self) -> None:
        self.spi_select()

    def _clock_bit(self, mosi: int) -> int:
        miso = 0
        if self._state == "idle":
            if mosi:
                self._state = "config"
        elif self._state == "config":
            self._config.append(mosi)
            if len(self._config) == 4:
                sgl, d2, d1, d0 = self._config
                value = self.code(bool(sgl), d2 << 2 | d1 << 1 | d0)
                self.conversions += 1
                msb_first = [(value >> i) & 1 for i in range(9, -1, -1)]
                # sample clock (high-Z, read as 0), null bit, B9..B0, then B1..B9 (LSB first)
                self._out_bits = [0, 0] + msb_first + msb_first[-2::-1]
                self._state = "output"
        elif self._out_bits:
            miso = self._out_bits.pop(0)
        return miso

    def spi_exchange(self, byte: int, polarity: int, phase: int) -> int:
        out = 0
        for i in range(7, -1, -1):
            out = (out << 1) | self._clock_bit((byte >> i) & 1)
        return out

    def state(self) -> dict[str, Any]:
        return {"conversions": self.conversions}

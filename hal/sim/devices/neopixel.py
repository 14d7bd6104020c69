"""A WS2812 (NeoPixel) strip: decodes the bytes written to its data pin into pixel colours."""

from __future__ import annotations

from typing import Any

from hal.api import Pin
from hal.sim.devices.base import Device
from hal.sim.spec import Spec, SpecError


class NeoPixelStrip(Device):
    """``count`` pixels; ``order`` is the byte order on the wire ("GRB" for WS2812B, "GRBW"...).

    Like the real chips, each pixel keeps the first bytes it receives and passes the rest on;
    a write shorter than the strip leaves the later pixels unchanged.
    """

    TYPE = "neopixel"

    def __init__(self, board, name: str, pin: Pin, count: int, order: str = "GRB") -> None:
        super().__init__(board, name)
        if sorted(order) not in (sorted("RGB"), sorted("RGBW")):
            raise ValueError(f"order must be a permutation of RGB or RGBW, not {order!r}")
        self.pin, self.count, self.order = pin, count, order
        self.pixels: list[tuple[int, ...]] = [(0,) * len(order)] * count  # stored as RGB(W)
        self.frames = 0
        board.neopixel_strips[pin] = self

    @classmethod
    def from_spec(cls, board, name: str, spec: Spec) -> NeoPixelStrip:
        pin = spec.pin("pin")
        count = spec.integer("count", lo=1, hi=10_000)
        order = spec.string("order", "GRB").upper()
        try:
            return cls(board, name, pin, count, order)
        except ValueError as exc:
            raise SpecError(str(exc)) from None

    def receive(self, data: bytes) -> None:
        bpp = len(self.order)
        canonical = "RGBW"[:bpp]
        for i in range(min(self.count, len(data) // bpp)):
            chunk = data[i * bpp : (i + 1) * bpp]
            by_name = dict(zip(self.order, chunk))
            self.pixels[i] = tuple(by_name[c] for c in canonical)
        self.frames += 1

    def state(self) -> dict[str, Any]:
        return {"pixels": [list(p) for p in self.pixels], "frames": self.frames}

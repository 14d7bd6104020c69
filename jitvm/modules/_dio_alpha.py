"""common_hal_bitmaptools_alphablend over numpy arrays: every quantity is non-negative, so
numpy's floor division is C's truncating division here."""

from __future__ import annotations

from typing import Any

from jitvm.modules._dio_bitmap import np


def _blend(dca: Any, sca: Any, f2: Any, screen: bool) -> Any:
    if screen:
        return sca + dca - (sca * dca // 65536)
    return sca + dca * (256 - f2) // 256


def blend_arrays(dest: Any, s1: Any, s2: Any, space: str, f1: int, f2_base: int, screen: bool,
                 skip1: int | None, skip2: int | None, mask: Any) -> Any:
    n = np()
    a = s1.astype(n.int64)
    b = s2.astype(n.int64)
    swap = space.endswith("_SWAPPED")
    if swap:
        a = ((a & 0xFF) << 8) | ((a >> 8) & 0xFF)
        b = ((b & 0xFF) << 8) | ((b >> 8) & 0xFF)
    use1 = n.ones(a.shape, dtype=bool) if skip1 is None else a != int(skip1)
    use2 = n.ones(b.shape, dtype=bool) if skip2 is None else b != int(skip2)
    f2 = n.full(a.shape, f2_base, dtype=n.int64)
    if mask is not None:
        m = mask.astype(n.int64)
        f2 = (f2_base * m + 127) // 255
        use2 &= m != 0
    out = dest.astype(n.int64).copy()
    if space == "L8":
        both = use1 & use2
        denom = f1 + f2 - f1 * f2 // 256
        blend = _blend(a * f1, b * f2, f2, screen)
        mixed = n.where(denom > 0, blend // n.where(denom > 0, denom, 1), 0)
        out = n.where(both, mixed, n.where(use1, a * f1 // 256, n.where(use2, b * f2 // 256, out)))
        return n.clip(out, 0, 255)
    both = use1 & use2
    fb = f1 + f2 - f1 * f2 // 256
    safe = n.where(fb > 0, fb, 1)
    chans = []
    for mask_bits, down, up in ((0xF800, 8, 8), (0x07E0, 3, 3), (0x001F, -3, -3)):
        def split(p: Any, down: int = down, mask_bits: int = mask_bits) -> Any:
            v = p & mask_bits
            return v >> down if down > 0 else v << -down
        c = _blend(split(a) * f1, split(b) * f2, f2, screen) // safe
        c = c << up if up > 0 else c >> -up
        chans.append(n.clip(c & mask_bits, 0, mask_bits))
    mixed = chans[0] | chans[1] | chans[2]
    if swap:
        mixed = ((mixed & 0xFF) << 8) | ((mixed >> 8) & 0xFF)
    only1 = ((a & 0xF800) * f1 // 256) | ((a & 0x07E0) * f1 // 256) | ((a & 0x001F) * f1 // 256)
    only2 = ((b & 0xF800) * f2 // 256) | ((b & 0x07E0) * f2 // 256) | ((b & 0x001F) * f2 // 256)
    out = n.where(both & (fb > 0), mixed, n.where(both, out, n.where(
        use1, only1, n.where(use2, only2, out))))
    return out & 0xFFFF

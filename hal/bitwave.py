"""Bus transactions drawn as the wire levels a logic analyser would capture.

The simulated buses move whole bytes and charge their bit time to the virtual clock; for the
VCD, each I2C or SPI transaction is expanded here into SCL/SDA or SCK/MOSI/MISO edges over
exactly that time, so PulseView/sigrok's protocol decoders (i2c, spi) read the waveform.

I2C (one clock period P = 1/frequency per slot, as ``SimI2CBus._spend`` charges
``(n + 1) * 9 + 2`` periods for n data bytes): slot 0 is the START (SDA falls at P/2 while SCL
is high), then 9 slots per byte (the address byte with its R/W bit first): SCL low, SDA set
at P/4, SCL high at P/2, low again at P; the 9th slot of a byte is the ACK (SDA low) or NACK
(released high). The last slot is the STOP (SDA low, SCL rises, SDA rises while SCL is high)
or, when the transfer ends without a stop, SDA and SCL released high so that the next
transfer begins with a repeated START.

SPI (MSB first, period P = 1/baudrate per bit): with phase 0 the data lines change at the
start of the bit and the leading SCK edge (away from the idle level, ``polarity``) comes at
P/2; with phase 1 the leading edge comes at the start of the bit, the data change at P/4
and the trailing edge at P/2.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Edge = tuple[int, str, int]  # (time in ns, line: "scl" "sda" "sck" "mosi" "miso", level)


def i2c_frame(address: int, read: bool, data: Sequence[int], acks: Sequence[bool],
              stop: bool = True) -> dict:
    """One transfer as ``i2c_edges`` takes it: ``acks[0]`` is the address byte's, then one per
    data byte (for reads, the controller's: ACK on all but the last). Fewer acks than bytes
    means the transfer ended at the first missing one (a NACK ends a write)."""
    return {"address": address, "read": bool(read), "data": [int(b) & 0xFF for b in data],
            "acks": [bool(a) for a in acks], "stop": bool(stop)}


def i2c_slots(frame: dict) -> int:
    """Clock periods the transfer takes on the bus (what the simulated bus charges)."""
    return (len(frame["data"]) + 1) * 9 + 2


def i2c_edges(t0: int, frequency: int, frames: Iterable[dict]) -> list[Edge]:
    """Edges of consecutive transfers starting at ``t0`` (ns) with the bus idle (both high)."""
    period = 1e9 / frequency
    out: list[Edge] = []
    slot = 0
    for fr in frames:
        def at(s: int, frac: float) -> int:
            return t0 + round((s + frac) * period)

        out.append((at(slot, 0.5), "sda", 0))  # START: SDA falls while SCL is high
        out.append((at(slot, 1.0), "scl", 0))
        s = slot + 1
        byte_list = [(fr["address"] << 1) | int(fr["read"]), *fr["data"]]
        acks = fr["acks"]
        early = False  # the transfer ended before its last byte (a NACK, or no ack recorded)
        for k, byte in enumerate(byte_list):
            if k >= len(acks):
                early = True
                break
            for b in [(byte >> (7 - i)) & 1 for i in range(8)] + [0 if acks[k] else 1]:
                out.append((at(s, 0.25), "sda", b))
                out.append((at(s, 0.5), "scl", 1))
                out.append((at(s, 1.0), "scl", 0))
                s += 1
            if not acks[k] and k < len(byte_list) - 1:
                early = True
                break
        if fr["stop"] or early:
            out.append((at(s, 0.25), "sda", 0))
            out.append((at(s, 0.5), "scl", 1))
            out.append((at(s, 0.75), "sda", 1))  # STOP: SDA rises while SCL is high
        else:
            out.append((at(s, 0.25), "sda", 1))
            out.append((at(s, 0.5), "scl", 1))  # released: a repeated START follows
        slot += i2c_slots(fr)
    return out


def spi_edges(t0: int, baudrate: int, out_bytes: Sequence[int], in_bytes: Sequence[int] | None,
              polarity: int = 0, phase: int = 0) -> list[Edge]:
    """Edges of an SPI transfer of ``len(out_bytes)`` bytes starting at ``t0`` (ns)."""
    period = 1e9 / baudrate
    idle, active = polarity, 1 - polarity
    edges: list[Edge] = []  # SCK sits at its idle level already (the bus drives it)
    n = len(out_bytes)
    back = list(in_bytes) if in_bytes is not None else [0xFF] * n
    for j in range(n):
        for i in range(8):
            s = (8 * j + i) * period
            mo = (out_bytes[j] >> (7 - i)) & 1
            mi = (back[j] >> (7 - i)) & 1
            if phase == 0:
                data_at, lead, trail = s, s + period / 2, s + period
            else:
                lead, data_at, trail = s, s + period / 4, s + period / 2
            edges.append((t0 + round(data_at), "mosi", mo))
            edges.append((t0 + round(data_at), "miso", mi))
            edges.append((t0 + round(lead), "sck", active))
            edges.append((t0 + round(trail), "sck", idle))
    return edges


def quarter_period_ns(frequency: int) -> float:
    return 1e9 / frequency / 4

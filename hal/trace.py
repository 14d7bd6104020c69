"""Event trace of a board: pin levels and bus transactions, written as VCD (pyvcd) or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from hal.api import Trace, TraceEvent

#: Event kinds drawn as one-bit wires; all other kinds become string variables.
WIRE_KINDS = ("pin",)


class RecordingTrace(Trace):
    """Keeps every event in memory; ``now`` gives the timestamp (the board clock, untouched)."""

    def __init__(
        self, now: Callable[[], int], board_name: str = "board", limit: int = 2_000_000
    ) -> None:
        self._now = now
        self._events: list[TraceEvent] = []
        self.board_name = board_name
        self.enabled = True
        # A runaway blink loop must not eat the host's memory: past the limit we keep counting
        # but stop storing, and say so in the outputs.
        self.limit = limit
        self.dropped = 0

    @property
    def events(self) -> list[TraceEvent]:
        return self._events

    def record(
        self, kind: str, signal: str, value: Any, data: Mapping[str, Any] | None = None
    ) -> None:
        if not self.enabled:
            return
        if len(self._events) >= self.limit:
            self.dropped += 1
            return
        self._events.append(TraceEvent(self._now(), kind, signal, value, data))

    def of(self, kind: str | None = None, signal: str | None = None) -> list[TraceEvent]:
        """The events of one kind and/or one signal (a convenience for tests and tools)."""
        return [
            e
            for e in self._events
            if (kind is None or e.kind == kind) and (signal is None or e.signal == signal)
        ]

    def write_json(self, path: str) -> None:
        doc = {
            "board": self.board_name,
            "timescale": "1ns",
            "dropped": self.dropped,
            "events": [_event_json(e) for e in self._events],
        }
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=1)
            fh.write("\n")

    def write_vcd(self, path: str) -> None:
        """The trace as a VCD file: a 1-bit wire per pin (named after the board's pins), I2C
        and SPI transactions drawn bit by bit on their pins' wires (``hal.bitwave``), a
        string variable per bus and per scenario device with the transactions' text, a
        timescale as coarse as the fastest bus allows (1 us without buses), and the file
        running to the time the trace was written (the end of the run)."""
        # pyvcd is imported here so that `import hal` stays light.
        from vcd import VCDWriter

        changes = vcd_changes(self._events)
        unit = vcd_unit(self._events)
        end = self._now()
        names = {1: "1 ns", 10: "10 ns", 100: "100 ns", 1000: "1 us"}
        variables: dict[tuple[str, str], Any] = {}
        with (
            open(path, "w", encoding="ascii", errors="replace") as fh,
            VCDWriter(fh, timescale=names[unit], date="jitvm virtual time",
                      version="jitvm hal") as w,
        ):
            for _t, kind, scope, name, _v in changes:
                if (scope, name) in variables:
                    continue
                full = self.board_name if not scope else f"{self.board_name}.{scope}"
                if kind == "wire":
                    var = w.register_var(full, _ident(name), "wire", size=1, init="z")
                else:
                    var = w.register_var(full, _ident(name), "string", init="")
                variables[(scope, name)] = var
            last = 0
            for t, kind, scope, name, value in changes:
                last = t // unit
                w.change(variables[(scope, name)], last, value)
            w.close(max(last, end // unit))


def vcd_changes(events: list[TraceEvent]) -> list[tuple[int, str, str, str, Any]]:
    """(time ns, "wire"|"string", scope, name, value) of every VCD change, in time order."""
    from hal.bitwave import i2c_edges, spi_edges

    out: list[tuple[int, str, str, str, Any]] = []
    for e in events:
        data = e.data or {}
        if e.kind in WIRE_KINDS:
            out.append((e.time_ns, "wire", "", e.signal, "z" if e.value is None else
                        int(bool(e.value))))
            continue
        t = data.get("t0", e.time_ns)
        text = _text(e.value)
        out.append((t, "string", e.kind, e.signal, text))
        if e.kind == "i2c" and "frames" in data:
            pins = {"scl": data["scl"], "sda": data["sda"]}
            for te, line, level in i2c_edges(data["t0"], data["frequency"], data["frames"]):
                out.append((te, "wire", "", pins[line], level))
            if data.get("device"):
                out.append((t, "string", "devices", data["device"], text))
        elif e.kind == "spi" and "mosi_bytes" in data:
            pins = {"sck": data["sck"], "mosi": data.get("mosi"), "miso": data.get("miso")}
            miso = data["miso_bytes"] or None
            for te, line, level in spi_edges(data["t0"], data["baudrate"], data["mosi_bytes"],
                                             miso, data["polarity"], data["phase"]):
                if pins[line] is not None:
                    out.append((te, "wire", "", pins[line], level))
            for name in data.get("devices", ()):
                out.append((t, "string", "devices", name, text))
    out.sort(key=lambda c: c[0])  # stable: same-time changes keep their order
    return out


def vcd_unit(events: list[TraceEvent]) -> int:
    """The VCD time unit in ns (1, 10, 100 or 1000): the coarsest that still puts a quarter
    of the fastest bus clock period on its own tick, so a 10 s run is not 10**10 samples."""
    rates = []
    for e in events:
        if e.kind in ("i2c", "spi") and e.data:
            rate = e.data.get("frequency") or e.data.get("baudrate")
            if rate:
                rates.append(rate)
    if not rates:
        return 1000
    quarter = 1e9 / 4 / max(rates)
    return max((u for u in (1, 10, 100, 1000) if u <= quarter), default=1)


def _ident(name: str) -> str:
    return "".join(c if c.isalnum() or c in "_." else "_" for c in name) or "_"


def _text(value: Any) -> str:
    # VCD string values cannot hold whitespace; underscores keep them readable in GTKWave.
    return "_".join(str(value).split()) or "-"


def _event_json(e: TraceEvent) -> dict[str, Any]:
    out: dict[str, Any] = {"t": e.time_ns, "kind": e.kind, "signal": e.signal, "value": e.value}
    if e.data:
        out["data"] = {
            k: (list(v) if isinstance(v, (bytes, bytearray, memoryview)) else v)
            for k, v in e.data.items()
        }
    return out

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
        # pyvcd is imported here so that `import hal` stays light.
        from vcd import VCDWriter

        wires: dict[str, Any] = {}
        strings: dict[str, Any] = {}
        with (
            open(path, "w", encoding="ascii", errors="replace") as fh,
            VCDWriter(fh, timescale="1 ns", date="jitvm virtual time", version="jitvm hal") as w,
        ):
            for e in self._events:
                if e.kind in WIRE_KINDS and e.signal not in wires:
                    wires[e.signal] = w.register_var(
                        self.board_name, _ident(e.signal), "wire", size=1, init="z"
                    )
                elif e.kind not in WIRE_KINDS and e.signal not in strings:
                    strings[e.signal] = w.register_var(
                        f"{self.board_name}.{e.kind}", _ident(e.signal), "string", init=""
                    )
            for e in self._events:
                if e.kind in WIRE_KINDS:
                    w.change(
                        wires[e.signal],
                        e.time_ns,
                        "z" if e.value is None else int(bool(e.value)),
                    )
                else:
                    w.change(strings[e.signal], e.time_ns, _text(e.value))


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

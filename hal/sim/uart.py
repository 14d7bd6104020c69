"""Simulated UART: bytes to a peer device on the TX pin, bytes from it into a receive buffer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hal.api import UART, Parity, Pin
from hal.sim.buses import _span

if TYPE_CHECKING:
    from hal.sim.board import SimBoard

from hal.sim.gpio import SimPeripheral


class SimUART(SimPeripheral, UART):
    """A UART whose reads wait in virtual time (event by event) up to ``timeout``."""

    def __init__(
        self,
        board: SimBoard,
        tx: Pin | None,
        rx: Pin | None,
        baudrate: int,
        bits: int,
        parity: Parity | None,
        stop: int,
        timeout: float,
        receiver_buffer_size: int,
    ) -> None:
        if tx is None and rx is None:
            raise ValueError("tx and rx cannot both be None")
        if baudrate <= 0 or bits not in (5, 6, 7, 8, 9) or stop not in (1, 2) or timeout < 0:
            raise ValueError("invalid UART settings")
        super().__init__(board, [p for p in (tx, rx) if p is not None])
        self.tx, self.rx = tx, rx
        self.baudrate, self.bits, self.parity, self.stop, self.timeout = (
            baudrate,
            bits,
            parity,
            stop,
            timeout,
        )
        self._capacity = receiver_buffer_size
        self._rx = bytearray()
        self.signal = f"uart.{(tx or rx).name}"
        if rx is not None:
            board.uart_by_rx[rx] = self

    def _frame_ns(self, nbytes: int) -> int:
        frame_bits = 1 + self.bits + (self.parity is not None) + self.stop
        return nbytes * frame_bits * 1_000_000_000 // self.baudrate

    def receive(self, data: bytes) -> None:
        """Called by a peer device: bytes arrive now.  Past the buffer size they are dropped,
        as CircuitPython's ring buffer does."""
        room = self._capacity - len(self._rx)
        self._rx += data[: max(room, 0)]
        if len(data) > room:
            self._board.trace.record(
                "note", self.signal, f"rx overflow, {len(data) - room} bytes lost"
            )
        self._board.trace.record("uart", self.signal, f"RX {data!r}")

    def write(self, buffer) -> int:
        self._check()
        data = bytes(_span(buffer, 0, None))
        if self.tx is None:
            raise ValueError("No TX pin")
        self._board.clock.advance_ns(self._frame_ns(len(data)))
        self._board.trace.record("uart", self.signal, f"TX {data!r}")
        peer = self._board.uart_peers.get(self.tx)
        if peer is not None:
            peer.uart_receive(data)
        return len(data)

    def _wait(self) -> bool:
        clock = self._board.clock
        return clock.wait_for(lambda: bool(self._rx), clock.now() + int(self.timeout * 1e9))

    def read(self, nbytes: int | None = None) -> bytes | None:
        self._check()
        if nbytes == 0:
            return b""
        if not self._wait():
            return None
        n = len(self._rx) if nbytes is None else min(nbytes, len(self._rx))
        out, self._rx[:n] = bytes(self._rx[:n]), b""
        return out

    def readinto(self, buffer) -> int | None:
        view = _span(buffer, 0, None)
        data = self.read(len(view))
        if data is None:
            return None
        view[: len(data)] = data
        return len(data)

    def readline(self) -> bytes | None:
        self._check()
        clock = self._board.clock
        deadline = clock.now() + int(self.timeout * 1e9)
        clock.wait_for(lambda: b"\n" in self._rx, deadline)
        if not self._rx:
            return None
        i = self._rx.find(b"\n")
        n = len(self._rx) if i < 0 else i + 1
        out, self._rx[:n] = bytes(self._rx[:n]), b""
        return out

    @property
    def in_waiting(self) -> int:
        self._check()
        return len(self._rx)

    def reset_input_buffer(self) -> None:
        self._check()
        self._rx.clear()

    def _on_deinit(self) -> None:
        if self.rx is not None and self._board.uart_by_rx.get(self.rx) is self:
            del self._board.uart_by_rx[self.rx]

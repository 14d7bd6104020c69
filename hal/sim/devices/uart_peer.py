"""A serial peer on the board's UART pins: records what the program sends, echoes or sends a script."""

from __future__ import annotations

from typing import Any

from hal.sim.devices.base import Device
from hal.sim.spec import Spec, SpecError


class UartPeer(Device):
    """Connected to the MCU's ``tx`` and ``rx`` pins.  ``echo = true`` sends back every byte
    received; ``script = [{at = 0.5, data = "hello\\n"}, ...]`` sends text at virtual times."""

    TYPE = "uart"

    def __init__(self, board, name: str, tx, rx, echo: bool = False) -> None:
        super().__init__(board, name)
        self.tx, self.rx = tx, rx  # the MCU's pins
        self.echo = echo
        self.received = bytearray()
        self.sent = bytearray()
        board.uart_peers[tx] = self

    @classmethod
    def from_spec(cls, board, name: str, spec: Spec) -> UartPeer:
        tx_default = board.default_uart_pins[0].name if board.default_uart_pins else None
        rx_default = board.default_uart_pins[1].name if board.default_uart_pins else None
        tx = spec.pin("tx", tx_default) if tx_default or spec.has("tx") else spec.pin("tx")
        rx = spec.pin("rx", rx_default) if rx_default or spec.has("rx") else spec.pin("rx")
        peer = cls(board, name, tx, rx, spec.boolean("echo", False))
        script = spec.raw("script", [])
        if not isinstance(script, list):
            raise SpecError("'script' must be a list of {at = seconds, data = \"text\"}")
        for i, item in enumerate(script):
            if not (
                isinstance(item, dict)
                and set(item) == {"at", "data"}
                and isinstance(item["data"], str)
            ):
                raise SpecError(f'script[{i}] must be {{at = seconds, data = "text"}}')
            at = item["at"]
            if isinstance(at, bool) or not isinstance(at, (int, float)) or at < 0:
                raise SpecError(f"script[{i}].at must be a number >= 0")
            data = item["data"].encode("utf-8")
            board.clock.call_at(round(at * 1e9), lambda d=data: peer.send(d))
        return peer

    def send(self, data: bytes) -> None:
        """Bytes from the peer to the MCU (lost if no UART listens on the rx pin)."""
        self.sent += data
        uart = self.board.uart_by_rx.get(self.rx)
        if uart is not None:
            uart.receive(data)

    def uart_receive(self, data: bytes) -> None:
        self.received += data
        if self.echo:
            self.send(data)

    def state(self) -> dict[str, Any]:
        return {
            "received": self.received.decode("utf-8", "replace"),
            "sent": self.sent.decode("utf-8", "replace"),
        }

"""Guest module `usb_hid` (CircuitPython): HID devices whose reports go to the board's trace.

On the simulated board there is no USB host: every report a device sends is recorded as a
``usb_hid`` trace event (JSON trace and VCD), so keyboard/mouse code can be run and checked.
Report descriptors are kept but not parsed; the default devices are CircuitPython's.
"""

from __future__ import annotations

from jitvm.modules import _hw

__all__ = ["Device", "devices", "disable", "enable", "get_boot_device"]


class Device:
    """usb_hid.Device(report_descriptor=, usage_page=, usage=, report_ids=, in_report_lengths=,
    out_report_lengths=): one HID interface."""

    KEYBOARD: Device
    MOUSE: Device
    CONSUMER_CONTROL: Device

    __guest_attrs__ = ("usage_page", "usage")  # instance attributes the guest reads

    def __init__(self, *, report_descriptor=b"", usage_page: int, usage: int,
                 report_ids=(0,), in_report_lengths=(0,), out_report_lengths=(0,)) -> None:
        if not 1 <= usage_page <= 0xFFFF or not 1 <= usage <= 0xFFFF:
            raise ValueError("usage_page and usage must be 1-65535")
        self._descriptor = bytes(report_descriptor)
        self.usage_page = usage_page
        self.usage = usage
        self._ids = tuple(report_ids)
        self._in_lengths = tuple(in_report_lengths)
        self._out = {rid: None for rid in self._ids}

    def _length(self, report_id) -> int:
        rid = self._ids[0] if report_id is None else report_id
        if rid not in self._ids:
            raise ValueError("report_id")
        return rid, self._in_lengths[self._ids.index(rid)]

    def send_report(self, report, report_id=None) -> None:
        rid, length = self._length(report_id)
        data = bytes(report)
        if len(data) != length:
            raise ValueError(f"Buffer incorrect size. Should be {length} bytes.")
        board = _hw.get_board()
        board.trace.record("usb_hid", f"hid.{self.usage_page:x}.{self.usage:x}",
                           data.hex(" ").upper(), {"report_id": rid, "report": list(data)})

    def get_last_received_report(self, report_id=None):
        rid, _ = self._length(report_id)
        return self._out.get(rid)


_KEYBOARD_DESC = bytes.fromhex("05010906a101850105079519e0290015002501750195088102")
Device.KEYBOARD = Device(report_descriptor=_KEYBOARD_DESC, usage_page=0x01, usage=0x06,
                         report_ids=(1,), in_report_lengths=(8,), out_report_lengths=(1,))
Device.MOUSE = Device(report_descriptor=b"\x05\x01\x09\x02", usage_page=0x01, usage=0x02,
                      report_ids=(2,), in_report_lengths=(4,), out_report_lengths=(0,))
Device.CONSUMER_CONTROL = Device(report_descriptor=b"\x05\x0c\x09\x01", usage_page=0x0C,
                                 usage=0x01, report_ids=(3,), in_report_lengths=(2,),
                                 out_report_lengths=(0,))

devices: tuple = (Device.KEYBOARD, Device.MOUSE, Device.CONSUMER_CONTROL)
_boot = [0]


def enable(devices_=None, boot_device: int = 0) -> None:
    """Choose the HID devices (takes effect at the next 'USB connect', i.e. at once here)."""
    global devices
    devices = tuple(devices_ or ())
    _boot[0] = boot_device


def disable() -> None:
    global devices
    devices = ()


def get_boot_device() -> int:
    return _boot[0]

"""Guest module `wifi` (CircuitPython): ``wifi.radio`` over the board's network (``--net``).

``radio.connect(ssid, password)`` raises ``ConnectionError`` with CircuitPython's texts:
``No network with that ssid`` (also under ``--net none``), ``Authentication failure``.
Scans return :class:`Network` objects (ssid, bssid, rssi, channel, country, authmode).
"""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw, _net
from jitvm.modules.ipaddress import IPv4Address

__all__ = ["AuthMode", "Network", "Radio", "ScannedNetworks", "radio"]


class AuthMode:
    """The authentication protocols a network uses (class attributes)."""

    def __init__(self, *args: Any) -> None:
        raise TypeError("cannot create 'AuthMode' instances")

    def __repr__(self) -> str:
        return f"wifi.AuthMode.{self._name}"


def _mode(name: str) -> AuthMode:
    m = object.__new__(AuthMode)
    m._name = name
    setattr(AuthMode, name, m)
    return m


for _n in ("OPEN", "WEP", "WPA", "WPA2", "WPA3", "PSK", "ENTERPRISE"):
    _mode(_n)


class Network:
    """A wifi network seen by a scan."""

    def __repr__(self) -> str:
        return "<Network>"

    def __init__(self, *args: Any) -> None:
        raise TypeError("cannot create 'Network' instances")

    @staticmethod
    def _of(ap: Any) -> Network:
        n = object.__new__(Network)
        n._ap = ap
        return n

    @property
    def ssid(self) -> str:
        return self._ap.ssid

    @property
    def bssid(self) -> bytes:
        return self._ap.bssid

    @property
    def rssi(self) -> int:
        return self._ap.rssi

    @property
    def channel(self) -> int:
        return self._ap.channel

    @property
    def country(self) -> str:
        return ""

    @property
    def authmode(self) -> list:
        if self._ap.authmode == "open":
            return [AuthMode.OPEN]
        return [AuthMode.WPA2, AuthMode.PSK]


class ScannedNetworks:
    """Iterates over the networks found by a scan."""

    def __repr__(self) -> str:
        return "<ScannedNetworks>"

    def __init__(self, *args: Any) -> None:
        raise TypeError("cannot create 'ScannedNetworks' instances")

    def __iter__(self) -> ScannedNetworks:
        return self

    def __next__(self) -> Network:
        if not self._items:
            raise StopIteration
        return self._items.pop(0)


class Radio:
    """The board's wifi radio (``wifi.radio``)."""

    def __repr__(self) -> str:
        return "<Radio>"

    def __init__(self, *args: Any) -> None:
        raise TypeError("cannot create 'Radio' instances")

    def _setup(self) -> None:
        self._enabled = True
        self._scanning = False
        self._hostname: str | None = None

    @property
    def _net(self) -> Any:
        return _net.network()

    @property
    def enabled(self) -> bool:
        return self._enabled

    @enabled.setter
    def enabled(self, value: bool) -> None:
        self._enabled = bool(value)
        if not value:
            self._net.disassociate()

    @property
    def hostname(self) -> str:
        return self._hostname or "cpy-" + self._net.mac[3:].hex()

    @hostname.setter
    def hostname(self, value: Any) -> None:
        if not isinstance(value, str) or not 1 <= len(value) <= 253:
            raise ValueError("invalid hostname")
        self._hostname = value

    @property
    def mac_address(self) -> bytes:
        return bytes(self._net.mac)

    @property
    def mac_address_ap(self) -> bytes:
        mac = bytearray(self._net.mac)
        mac[5] = (mac[5] + 1) & 0xFF
        return bytes(mac)

    @property
    def tx_power(self) -> float:
        return 20.0

    def _need_enabled(self) -> None:
        if not self._enabled:
            raise RuntimeError("WiFi is not enabled")

    def start_scanning_networks(self, *, start_channel: int = 1,
                                stop_channel: int = 11) -> ScannedNetworks:
        self._need_enabled()
        if self._scanning:
            raise RuntimeError("Already scanning for wifi networks")
        self._scanning = True
        found = object.__new__(ScannedNetworks)
        found._items = [Network._of(ap) for ap in self._net.scan()
                        if start_channel <= ap.channel <= stop_channel and not ap.hidden]
        return found

    def stop_scanning_networks(self) -> None:
        self._scanning = False

    def connect(self, ssid: Any, password: Any = b"", *, channel: int = 0, bssid: Any = None,
                timeout: Any = None) -> None:
        from hal.net.api import AssociationError

        self._need_enabled()
        ssid_b = _text_bytes(ssid, "ssid")
        if not 1 <= len(ssid_b) <= 32:
            raise ValueError("ssid length must be 1-32")
        pw = b"" if password is None else _text_bytes(password, "password")
        if pw and not 8 <= len(pw) <= 64:
            raise ValueError("password length must be 8-64")
        try:
            self._net.associate(ssid_b.decode(), pw.decode())
        except AssociationError as e:
            from jitvm.gexc import CIRCUITPYTHON_EXC

            error = CIRCUITPYTHON_EXC["ConnectionError"]
            if e.reason == "auth":
                raise error("Authentication failure") from None
            raise error("No network with that ssid") from None

    def stop_station(self) -> None:
        self._net.disassociate()

    def start_station(self) -> None:
        self._need_enabled()

    @property
    def connected(self) -> bool:
        return self._enabled and self._net.associated is not None

    def _addr(self, field: str) -> IPv4Address | None:
        net = self._net
        return IPv4Address(getattr(net.ipconfig, field)) if net.associated else None

    @property
    def ipv4_address(self) -> IPv4Address | None:
        return self._addr("ip")

    @property
    def ipv4_gateway(self) -> IPv4Address | None:
        return self._addr("gateway")

    @property
    def ipv4_subnet(self) -> IPv4Address | None:
        return self._addr("netmask")

    @property
    def ipv4_dns(self) -> IPv4Address | None:
        return self._addr("dns")

    @property
    def ap_info(self) -> Network | None:
        net = self._net
        if net.associated is None:
            return None
        ap = next((a for a in net.scan() if a.ssid == net.associated), None)
        return None if ap is None else Network._of(ap)

    def ping(self, ip: Any, *, timeout: float = 0.5) -> float | None:
        if not isinstance(ip, IPv4Address):
            raise TypeError(f"ip must be of type IPv4Address, not {_hw.type_name(ip)}")
        return 0.02 if self._net.associated else None


def _text_bytes(value: Any, name: str) -> bytes:
    if isinstance(value, str):
        return value.encode()
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    raise TypeError("object with buffer protocol required")


radio = object.__new__(Radio)
radio._setup()
_hw.on_board_change(lambda board: radio._setup())  # each run starts with the radio on, unnamed

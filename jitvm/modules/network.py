"""Guest module `network` (MicroPython): WLAN station and access-point interfaces over the board's
network (``--net sim|host|none``).

Status codes follow the board layout's microcontroller: the ESP32 port's on an ``esp32*`` layout
(STAT_IDLE 1000, STAT_CONNECTING 1001, STAT_GOT_IP 1010, ESP-IDF's reasons NO_AP_FOUND 201,
WRONG_PASSWORD 202 ...; ``connect`` before ``active(True)`` raises ``OSError('Wifi Not
Started')``), else the RP2 (CYW43) port's: STAT_IDLE 0, STAT_CONNECTING 1, STAT_GOT_IP 3,
STAT_CONNECT_FAIL -1, STAT_NO_AP_FOUND -2, STAT_WRONG_PASSWORD -3.
``connect`` joins at once (spending the join's virtual time), so a
program's ``while not wlan.isconnected()`` loop ends on its first test; a failed join leaves the
reason in ``status()``.  ``scan()`` gives MicroPython's tuples
``(ssid, bssid, channel, RSSI, security, hidden)``.
"""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw, _net

_NAMES = ["AP_IF", "STA_IF", "WLAN", "country", "hostname", "ipconfig"]  # + the port's STAT_*

STA_IF, AP_IF = 0, 1
#: extmod/modnetwork.c (CYW43 link states) and ports/esp32/modnetwork_globals.h (ESP-IDF reasons)
STATUS = {
    "rp2": {"STAT_IDLE": 0, "STAT_CONNECTING": 1, "STAT_GOT_IP": 3, "STAT_CONNECT_FAIL": -1,
            "STAT_NO_AP_FOUND": -2, "STAT_WRONG_PASSWORD": -3},
    "esp32": {"STAT_IDLE": 1000, "STAT_CONNECTING": 1001, "STAT_GOT_IP": 1010,
              "STAT_BEACON_TIMEOUT": 200, "STAT_NO_AP_FOUND": 201, "STAT_WRONG_PASSWORD": 202,
              "STAT_ASSOC_FAIL": 203, "STAT_CONNECT_FAIL": 203, "STAT_HANDSHAKE_TIMEOUT": 204},
}
SECURITY = {"open": 0, "wpa2": 3}
AP_ADDRESS = ("192.168.4.1", "255.255.255.0", "192.168.4.1", "0.0.0.0")


__all__ = _NAMES + sorted(STATUS["esp32"])  # module __getattr__ gives the board's port's values


def _port() -> str:
    """"esp32" on a layout whose mcu starts with esp32, else "rp2" (read once per board)."""
    cache = _hw.singletons()
    port = cache.get("network.port")
    if port is None:
        port = "rp2"
        path = getattr(getattr(_hw.get_board(), "_layout", None), "path", None)
        if path is not None:
            import tomllib

            try:
                with open(path, "rb") as f:
                    if str(tomllib.load(f).get("mcu", "")).lower().startswith("esp32"):
                        port = "esp32"
            except (OSError, ValueError):
                pass
        cache["network.port"] = port
    return port


def _stat(name: str) -> int:
    return STATUS[_port()][name]


def __getattr__(name: str) -> int:
    """The STAT_* constants of the board's port (read at each guest import of network)."""
    value = STATUS[_port()].get(name) if name.startswith("STAT_") else None
    if value is None:
        raise AttributeError(name)  # not a constant of this port: the guest does not see it
    return value


def _settings() -> dict:
    return _hw.singletons().setdefault("network.settings", {"hostname": "PicoW", "country": "XX"})


def hostname(name: Any = None) -> Any:
    """Get or set the hostname the interfaces use (DHCP)."""
    s = _settings()
    if name is None:
        return s["hostname"]
    if not isinstance(name, str) or not 0 < len(name) <= 32:
        raise ValueError("invalid hostname")  # MicroPython limits it to 32 bytes
    s["hostname"] = name


def country(code: Any = None) -> Any:
    """Get or set the two-letter country code."""
    s = _settings()
    if code is None:
        return s["country"]
    if not isinstance(code, str) or len(code) != 2:
        raise ValueError("invalid country code")
    s["country"] = code


def ipconfig(*args: Any, **kwargs: Any) -> Any:
    """network.ipconfig('dns') / ipconfig(dns=..., prefer=4)."""
    s = _settings()
    if args:
        if args[0] == "dns":
            return s.get("dns") or _net.network().ipconfig.dns
        if args[0] == "prefer":
            return 4
        raise ValueError("unexpected key")
    for k, v in kwargs.items():
        if k not in ("dns", "prefer"):
            raise ValueError("unexpected key")
        s[k] = v


class WLAN:
    """WLAN(interface_id=STA_IF): the station (STA_IF) or access point (AP_IF) interface."""

    IF_STA, IF_AP = STA_IF, AP_IF
    SEC_OPEN, SEC_WPA_WPA2, SEC_WPA3, SEC_WPA2_WPA3 = 0, 0x00400004, 0x01000004, 0x01400004
    PM_NONE, PM_PERFORMANCE, PM_POWERSAVE = 0x00A11140, 0x00111022, 0x00A11142

    def __new__(cls, interface_id: int = STA_IF) -> WLAN:
        if interface_id not in (STA_IF, AP_IF):
            raise ValueError("invalid interface")  # pragma: no cover
        key = f"network.WLAN.{interface_id}"
        obj = _hw.singletons().get(key)
        if obj is None:
            obj = object.__new__(cls)
            obj._if = interface_id
            obj._active = False
            obj._status = _stat("STAT_IDLE")
            obj._static = None
            obj._cfg = {"essid": "PICOW" if interface_id == AP_IF else "", "channel": 1,
                        "security": 0, "key": "", "pm": WLAN.PM_PERFORMANCE, "txpower": 20}
            _hw.singletons()[key] = obj
        return obj

    def __init__(self, interface_id: int = STA_IF) -> None:
        pass

    def __repr__(self) -> str:
        return f"<CYW43 {'AP' if self._if else 'STA'} {'up' if self._up() else 'down'} " \
               f"{self.ifconfig()[0]}>"

    def _up(self) -> bool:
        if self._if == AP_IF:
            return self._active
        return self._active and _net.network().associated is not None

    def active(self, is_active: Any = None) -> Any:
        if is_active is None:
            return self._active
        self._active = bool(is_active)
        if not self._active and self._if == STA_IF:
            _net.network().disassociate()
            self._status = _stat("STAT_IDLE")

    def connect(self, ssid: Any = None, key: Any = None, *, bssid: Any = None) -> None:
        from hal.net.api import AssociationError

        if self._if != STA_IF:
            raise _net.oserror(1)  # EPERM: the AP interface does not join networks
        if ssid is None:
            raise TypeError("function missing 1 required positional arguments")
        if _port() == "esp32" and not self._active:
            raise _net.oserror_text("Wifi Not Started")
        self._active = True
        self._status = _stat("STAT_CONNECTING")
        try:
            _net.network().associate(str(ssid), None if key is None else str(key))
        except AssociationError as e:
            self._status = _stat("STAT_WRONG_PASSWORD" if e.reason == "auth" else "STAT_NO_AP_FOUND")
            return
        self._status = _stat("STAT_GOT_IP")

    def disconnect(self) -> None:
        if self._if == STA_IF:
            _net.network().disassociate()
            self._status = _stat("STAT_IDLE")

    def isconnected(self) -> bool:
        if self._if == AP_IF:
            return False  # no station ever joins the simulated access point
        return self._up()

    def status(self, param: Any = None) -> Any:
        if param is None:
            if self._if == STA_IF and self._status == _stat("STAT_GOT_IP") and not self._up():
                self._status = _stat("STAT_IDLE")
            return self._status
        if param == "rssi":
            net = _net.network()
            ap = next((a for a in net.scan() if a.ssid == net.associated), None)
            if ap is None:
                raise _net.oserror(22)
            return ap.rssi
        if param == "stations":
            return []
        raise ValueError("unknown status param")

    def ifconfig(self, config: Any = None) -> Any:
        if config is not None:
            if not isinstance(config, tuple) or len(config) != 4:
                raise TypeError("expected a 4-tuple")
            self._static = tuple(str(x) for x in config)
            return None
        if self._static is not None:
            return self._static
        if self._if == AP_IF:
            return AP_ADDRESS if self._active else ("0.0.0.0",) * 4
        c = _net.network().ipconfig
        return (c.ip, c.netmask, c.gateway, c.dns)

    def ipconfig(self, *args: Any, **kwargs: Any) -> Any:
        if kwargs:
            return None  # static settings are accepted; the sim's DHCP answer stays
        if len(args) != 1:
            raise TypeError("can query only one param")
        ip, mask, gw, _ = self.ifconfig()
        values = {"addr4": (ip, mask), "gw4": gw, "dhcp4": self._static is None,
                  "has_dhcp4": self._if == STA_IF and self._up(), "addr6": [],
                  "has_autoconf6": False, "autoconf6": False, "dhcp6": False}
        if args[0] not in values:
            raise ValueError("unexpected key")
        return values[args[0]]

    def scan(self) -> list:
        if self._if != STA_IF:
            raise _net.oserror(1)
        if _port() == "esp32" and not self._active:
            raise _net.oserror_text("Wifi Not Started")
        return [(a.ssid.encode(), bytes(a.bssid), a.channel, a.rssi, SECURITY[a.authmode],
                 int(a.hidden)) for a in _net.network().scan()]

    def config(self, *args: Any, **kwargs: Any) -> Any:
        if kwargs:
            for k, v in kwargs.items():
                name = {"ssid": "essid", "password": "key"}.get(k, k)
                if name not in ("essid", "channel", "security", "key", "hostname", "pm",
                                "txpower", "mac"):
                    raise ValueError("unknown config param")
                if name == "hostname":
                    hostname(v)
                else:
                    self._cfg[name] = v
            return None
        if len(args) != 1:
            raise TypeError("can query only one param")
        name = {"ssid": "essid"}.get(args[0], args[0])
        net = _net.network()
        if name == "mac":
            return bytes(net.mac)
        if name == "hostname":
            return hostname()
        if name == "essid" and self._if == STA_IF:
            return net.associated or ""
        if name not in self._cfg or name == "key":
            raise ValueError("unknown config param")
        return self._cfg[name]

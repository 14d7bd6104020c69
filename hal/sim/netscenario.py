"""The scenario's ``[network]`` section: the simulated access points and internet (hal.net.sim).

    [network]
    time = 2026-11-30T12:00:00Z     # what NTP answers at virtual t=0 (TOML date-time or epoch s)
    ip = "192.168.1.42"             # the board's address once associated (netmask, gateway, dns)
    latency = 0.02                  # default seconds per exchange for every host
    ntp = ["pool.ntp.org"]          # names whose UDP port 123 answers NTP

    [[network.ap]]                  # ssid, password ("" or absent: open), rssi, channel, bssid, hidden
    [[network.host]]                # name, address, latency, fail = "dns" | "refused" | "timeout"
    [[network.http]]                # url, method, status, headers, body | body_file | json, latency,
                                    # fail = "timeout" | "reset"
    [[network.echo]]                # host, port, udp, latency
    [[network.mqtt]]                # host, port, tls, username, password, latency,
                                    # messages = [{topic, payload, at}]

Every problem is one ``ScenarioError`` line: ``<file>: network.http #2: unknown key 'stauts'``.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from hal.api import ScenarioError

DEFAULT_EPOCH = 1_767_225_600  # 2026-01-01T00:00:00Z
DEFAULT_NTP = ("pool.ntp.org", "0.adafruit.pool.ntp.org", "time.google.com")
HOST_FAILS = ("dns", "refused", "timeout")
HTTP_FAILS = ("timeout", "reset")


@dataclass
class APConfig:
    ssid: str
    password: str
    rssi: int = -50
    channel: int = 6
    bssid: bytes = b"\x00" * 6
    hidden: bool = False


@dataclass
class HostConfig:
    name: str
    address: str
    latency_ns: int
    fail: str | None = None


@dataclass
class HttpEndpoint:
    host: str
    port: int
    tls: bool
    method: str
    path: str
    status: int
    headers: dict[str, str]
    body: bytes
    latency_ns: int | None
    fail: str | None


@dataclass
class Service:
    """An echo server or an MQTT broker at host:port."""

    kind: str  # "echo" or "mqtt"
    host: str
    port: int
    udp: bool = False
    tls: bool = False
    latency_ns: int | None = None
    username: str | None = None
    password: str | None = None
    messages: list[tuple[str, bytes, int, bool]] = field(default_factory=list)


@dataclass
class NetConfig:
    epoch_s: int = DEFAULT_EPOCH
    ip: str = "192.168.1.42"
    netmask: str = "255.255.255.0"
    gateway: str = "192.168.1.1"
    dns: str = "192.168.1.1"
    latency_ns: int = 20_000_000
    ntp: tuple[str, ...] = DEFAULT_NTP
    aps: list[APConfig] = field(default_factory=list)
    hosts: dict[str, HostConfig] = field(default_factory=dict)
    http: list[HttpEndpoint] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)


class _Table:
    """One table of the section: typed getters; ``finish`` refuses keys nobody read."""

    def __init__(self, where: str, label: str, table: Any) -> None:
        if not isinstance(table, dict):
            raise ScenarioError(f"{where}: {label}: expected a table")
        self.where, self.label, self.t, self.used = where, label, table, set()

    def fail(self, msg: str) -> ScenarioError:
        return ScenarioError(f"{self.where}: {self.label}: {msg}")

    def get(self, key: str, kinds: tuple, default: Any = None, required: bool = False) -> Any:
        self.used.add(key)
        if key not in self.t:
            if required:
                raise self.fail(f"missing key {key!r}")
            return default
        v = self.t[key]
        if not isinstance(v, kinds) or (isinstance(v, bool) and bool not in kinds):
            names = "/".join(k.__name__ for k in kinds)
            raise self.fail(f"{key!r} must be {names}, not {type(v).__name__}")
        return v

    def seconds(self, key: str, default: int | None) -> int | None:
        v = self.get(key, (int, float))
        if v is None:
            return default
        if v < 0:
            raise self.fail(f"{key!r} must be >= 0")
        return int(v * 1e9)

    def choice(self, key: str, options: tuple[str, ...]) -> str | None:
        v = self.get(key, (str,))
        if v is not None and v not in options:
            raise self.fail(f"{key!r} must be one of {', '.join(options)}, not {v!r}")
        return v

    def finish(self) -> None:
        extra = sorted(set(self.t) - self.used)
        if extra:
            raise self.fail(f"unknown key {extra[0]!r}")


def parse_network(section: Any, where: str) -> NetConfig:
    """The NetConfig of a scenario's ``[network]`` table (``where``: the file, for messages)."""
    top = _Table(where, "[network]", section)
    cfg = NetConfig()
    cfg.epoch_s = _epoch(top)
    for key in ("ip", "netmask", "gateway", "dns"):
        setattr(cfg, key, _ipv4(top, key, getattr(cfg, key)))
    cfg.latency_ns = top.seconds("latency", cfg.latency_ns)
    ntp = top.get("ntp", (list,), list(DEFAULT_NTP))
    if not all(isinstance(n, str) and n for n in ntp):
        raise top.fail("'ntp' must be a list of host names")
    cfg.ntp = tuple(ntp)
    for i, t in enumerate(_array(top, "ap"), 1):
        cfg.aps.append(_ap(_Table(where, f"network.ap #{i}", t), i))
    for i, t in enumerate(_array(top, "host"), 1):
        h = _host(_Table(where, f"network.host #{i}", t), cfg)
        cfg.hosts[h.name.lower()] = h
    for i, t in enumerate(_array(top, "http"), 1):
        cfg.http.append(_http(_Table(where, f"network.http #{i}", t), Path(where).parent))
    for kind in ("echo", "mqtt"):
        for i, t in enumerate(_array(top, kind), 1):
            cfg.services.append(_service(_Table(where, f"network.{kind} #{i}", t), kind))
    top.finish()
    return cfg


def _array(top: _Table, key: str) -> list:
    v = top.get(key, (list,), [])
    return v


def _epoch(top: _Table) -> int:
    v = top.get("time", (int, _dt.datetime, str))
    if v is None:
        return DEFAULT_EPOCH
    if isinstance(v, str):
        try:
            v = _dt.datetime.fromisoformat(v.replace("Z", "+00:00"))
        except ValueError:
            raise top.fail(f"'time' is not an ISO date-time: {v!r}") from None
    if isinstance(v, _dt.datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=_dt.timezone.utc)
        return int(v.timestamp())
    return int(v)


def _ipv4(t: _Table, key: str, default: str) -> str:
    from hal.net.api import is_ipv4

    v = t.get(key, (str,), default)
    if not is_ipv4(v):
        raise t.fail(f"{key!r} is not an IPv4 address: {v!r}")
    return v


def _ap(t: _Table, i: int) -> APConfig:
    ssid = t.get("ssid", (str,), required=True)
    if not ssid or len(ssid.encode()) > 32:
        raise t.fail("'ssid' must be 1 to 32 bytes")
    ap = APConfig(ssid=ssid, password=t.get("password", (str,), ""))
    ap.rssi = t.get("rssi", (int,), -50)
    ap.channel = t.get("channel", (int,), 6)
    if not 1 <= ap.channel <= 14:
        raise t.fail("'channel' must be 1-14")
    bssid = t.get("bssid", (str,), f"02:00:00:00:00:{i:02x}")
    try:
        ap.bssid = bytes.fromhex(bssid.replace(":", ""))
    except ValueError:
        raise t.fail(f"'bssid' is not a MAC address: {bssid!r}") from None
    if len(ap.bssid) != 6:
        raise t.fail(f"'bssid' is not a MAC address: {bssid!r}")
    ap.hidden = t.get("hidden", (bool,), False)
    t.finish()
    return ap


def _host(t: _Table, cfg: NetConfig) -> HostConfig:
    name = t.get("name", (str,), required=True)
    address = _ipv4(t, "address", "0.0.0.0") if "address" in t.t else ""  # "": given by the sim
    h = HostConfig(name=name, address=address,
                   latency_ns=t.seconds("latency", cfg.latency_ns), fail=t.choice("fail", HOST_FAILS))
    t.finish()
    return h


def _http(t: _Table, folder: Path) -> HttpEndpoint:
    url = t.get("url", (str,), required=True)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise t.fail(f"'url' must be http://host/path or https://host/path, not {url!r}")
    tls = parts.scheme == "https"
    try:
        port = parts.port or (443 if tls else 80)
    except ValueError:
        raise t.fail(f"bad port in {url!r}") from None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = t.get("headers", (dict,), {})
    if not all(isinstance(v, (str, int)) for v in headers.values()):
        raise t.fail("'headers' values must be strings")
    headers = {str(k): str(v) for k, v in headers.items()}
    body = _body(t, folder, headers)
    status = t.get("status", (int,), 200)
    if not 100 <= status <= 599:
        raise t.fail("'status' must be 100-599")
    ep = HttpEndpoint(host=parts.hostname, port=port, tls=tls,
                      method=t.get("method", (str,), "GET").upper(), path=path, status=status,
                      headers=headers, body=body, latency_ns=t.seconds("latency", None),
                      fail=t.choice("fail", HTTP_FAILS))
    t.finish()
    return ep


def _body(t: _Table, folder: Path, headers: dict[str, str]) -> bytes:
    given = [k for k in ("body", "body_file", "json") if k in t.t]
    if len(given) > 1:
        raise t.fail(f"give one of 'body', 'body_file', 'json', not {given[0]!r} and {given[1]!r}")
    if "json" in t.t:
        t.used.add("json")
        headers.setdefault("Content-Type", "application/json")
        return json.dumps(t.t["json"], default=str).encode()
    if "body_file" in t.t:
        name = t.get("body_file", (str,))
        try:
            return (folder / name).read_bytes()
        except OSError as exc:
            raise t.fail(f"body_file {name!r}: {exc.strerror or exc}") from None
    return t.get("body", (str,), "").encode()


def _service(t: _Table, kind: str) -> Service:
    s = Service(kind=kind, host=t.get("host", (str,), required=True), port=0)
    s.tls = t.get("tls", (bool,), False) if kind == "mqtt" else False
    default_port = 7 if kind == "echo" else (8883 if s.tls else 1883)
    s.port = t.get("port", (int,), default_port)
    if not 1 <= s.port <= 65535:
        raise t.fail("'port' must be 1-65535")
    s.latency_ns = t.seconds("latency", None)
    if kind == "echo":
        s.udp = t.get("udp", (bool,), False)
    else:
        s.username = t.get("username", (str,))
        s.password = t.get("password", (str,))
        for j, m in enumerate(t.get("messages", (list,), []), 1):
            s.messages.append(_message(_Table(t.where, f"{t.label} message #{j}", m)))
    t.finish()
    return s


def _message(t: _Table) -> tuple[str, bytes, int, bool]:
    topic = t.get("topic", (str,), required=True)
    payload = t.get("payload", (str,), "").encode()
    msg = (topic, payload, t.seconds("at", 0), t.get("retain", (bool,), False))
    t.finish()
    return msg

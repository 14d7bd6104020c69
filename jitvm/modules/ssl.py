"""Guest module `ssl` (MicroPython's ``ssl``/``tls`` and CircuitPython's ``ssl``): TLS on a socket.

On ``--net sim`` the handshake is a pass-through to the scenario's TLS endpoint (``https://``
URLs, MQTT with ``tls = true``): it costs two round trips of virtual time and fails with
``OSError(ECONNRESET)`` against a plain-text port.  On ``--net host`` it is the host's TLS with
certificate verification.  No key or certificate material is used on ``sim``.
"""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw, _net

__all__ = [
    "CERT_NONE", "CERT_OPTIONAL", "CERT_REQUIRED", "MBEDTLS_VERSION", "PROTOCOL_TLS_CLIENT",
    "PROTOCOL_TLS_SERVER", "SSLContext", "SSLSocket", "create_default_context", "wrap_socket",
]  # fmt: skip

PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER = 0, 1
CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED = 0, 1, 2
MBEDTLS_VERSION = "Mbed TLS 3.6.2"


def _conn_of(sock: Any) -> Any:
    from jitvm.modules import socket as mp_socket
    from jitvm.modules import socketpool

    if not isinstance(sock, (mp_socket.socket, socketpool.Socket)):
        raise TypeError(f"expected a socket, not {_hw.type_name(sock)}")
    return sock._c


def _wrap(sock: Any, server_side: bool, server_hostname: Any) -> Any:
    if server_side:
        raise _net.oserror(95)  # EOPNOTSUPP: the simulated internet never calls the board
    conn = _conn_of(sock)
    host = None if server_hostname is None else str(server_hostname)
    conn.start_tls(host)
    if _hw.flavor() == "circuitpython":
        from jitvm.modules.socketpool import Socket

        out = object.__new__(CircuitPythonSSLSocket)
        Socket._adopt(out, conn)
        return out
    out = object.__new__(SSLSocket)
    out._c = conn
    return out


def wrap_socket(sock: Any, server_side: bool = False, key: Any = None, cert: Any = None,
                cert_reqs: int = CERT_NONE, cadata: Any = None, server_hostname: Any = None,
                do_handshake: bool = True) -> Any:
    """MicroPython's ssl.wrap_socket: the TLS handshake happens now, on a connected socket."""
    return _wrap(sock, server_side, server_hostname)


class SSLContext:
    """SSLContext(protocol) (MicroPython); create_default_context() (CircuitPython)."""

    def __repr__(self) -> str:
        return "<SSLContext>"

    def __init__(self, protocol: int = PROTOCOL_TLS_CLIENT) -> None:
        if protocol not in (PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER):
            raise ValueError("invalid protocol")
        self._protocol = protocol
        self._verify_mode = CERT_REQUIRED if protocol == PROTOCOL_TLS_CLIENT else CERT_NONE
        self._check_hostname = True

    @property
    def verify_mode(self) -> int:
        return self._verify_mode

    @verify_mode.setter
    def verify_mode(self, value: int) -> None:
        if value not in (CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED):
            raise ValueError("invalid verify_mode")
        self._verify_mode = value

    @property
    def check_hostname(self) -> bool:
        return self._check_hostname

    @check_hostname.setter
    def check_hostname(self, value: bool) -> None:
        self._check_hostname = bool(value)

    def load_cert_chain(self, certfile: Any, keyfile: Any = None) -> None:
        pass

    def load_verify_locations(self, cafile: Any = None, capath: Any = None,
                              cadata: Any = None) -> None:
        pass

    def set_default_verify_paths(self) -> None:
        pass

    def wrap_socket(self, sock: Any, server_side: bool = False,
                    do_handshake_on_connect: bool = True, server_hostname: Any = None) -> Any:
        return _wrap(sock, server_side, server_hostname)


def create_default_context() -> SSLContext:
    """CircuitPython: a client context that verifies certificates."""
    return SSLContext(PROTOCOL_TLS_CLIENT)


from jitvm.modules.socket import socket as _mp_socket  # noqa: E402
from jitvm.modules.socketpool import Socket as _cp_socket  # noqa: E402


class SSLSocket(_mp_socket):
    """A TLS socket (MicroPython's: read/readinto/readline/write/recv/send/setblocking/close)."""

    def __init__(self, *args: Any) -> None:
        raise TypeError("cannot create 'SSLSocket' instances")

    def __repr__(self) -> str:
        return "<SSLSocket>"


class CircuitPythonSSLSocket(_cp_socket):
    """CircuitPython's ssl.SSLSocket: the Socket API (connect starts the handshake)."""

    def __repr__(self) -> str:
        return "<SSLSocket>"

    def __init__(self, *args: Any) -> None:
        raise TypeError("cannot create 'SSLSocket' instances")


CircuitPythonSSLSocket.__name__ = "SSLSocket"

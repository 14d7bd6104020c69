"""Guest module `ssl` (MicroPython's ``ssl``/``tls`` and CircuitPython's ``ssl``): TLS on a socket.

On ``--net sim`` the handshake is a pass-through to the scenario's TLS endpoint (``https://``
URLs, MQTT with ``tls = true``): it costs two round trips of virtual time and fails with
``OSError(ECONNRESET)`` against a plain-text port.  On ``--net host`` it is the host's TLS with
certificate verification.  No key or certificate material is used on ``sim``.

MicroPython wraps any stream object, not only sockets: ``io.BytesIO``, a guest ``io.IOBase``
class with ``readinto``/``write``/``ioctl``. Such a stream carries real TLS records (see
``_tlsstream``); keys and certificates given as data are checked as mbedTLS checks them.
"""

from __future__ import annotations

from typing import Any

from jitvm.modules import _hw, _net, _tlsstream
from jitvm.modules._stdconv import get_int

__all__ = [
    "CERT_NONE", "CERT_OPTIONAL", "CERT_REQUIRED", "MBEDTLS_VERSION", "PROTOCOL_TLS_CLIENT",
    "PROTOCOL_TLS_SERVER", "SSLContext", "SSLSocket", "create_default_context", "wrap_socket",
]  # fmt: skip

PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER = 0, 1
_MISSING = object()
CERT_NONE, CERT_OPTIONAL, CERT_REQUIRED = 0, 1, 2
MBEDTLS_VERSION = "Mbed TLS 3.6.2"


def _is_socket(sock: Any) -> bool:
    from jitvm.modules import socket as mp_socket
    from jitvm.modules import socketpool

    return isinstance(sock, (mp_socket.socket, socketpool.Socket))


def _wrap(ctx: SSLContext, sock: Any, server_side: bool, server_hostname: Any,
          do_handshake: bool) -> Any:
    if not _is_socket(sock):
        if _hw.flavor() == "circuitpython" or not _tlsstream.is_stream(sock):
            if _hw.flavor() == "circuitpython":
                raise TypeError(f"expected a socket, not {_hw.type_name(sock)}")
            raise _net.oserror_text("stream operation not supported")
        return _wrap_stream(ctx, sock, bool(server_side), server_hostname, do_handshake)
    if server_side:
        raise _net.oserror(95)  # EOPNOTSUPP: the simulated internet never calls the board
    conn = sock._c
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


def _wrap_stream(ctx: SSLContext, sock: Any, server_side: bool, server_hostname: Any,
                 do_handshake: bool) -> StreamSSLSocket:
    hostname = None if server_hostname is None else _tlsstream.as_data(server_hostname).decode()
    if hostname is None and ctx._verify_mode == CERT_REQUIRED and not server_side:
        raise ValueError("CERT_REQUIRED requires server_hostname")
    host_ctx = _tlsstream.host_context(server_side, ctx._verify_mode, ctx._key, ctx._cert,
                                       ctx._ca, hostname)
    tls = _tlsstream.StreamTLS(sock, host_ctx, server_side, hostname, ctx._ca is not None)
    if do_handshake:
        tls.handshake()
    out = object.__new__(StreamSSLSocket)
    out._t = tls
    return out


def wrap_socket(sock: Any, server_side: bool = False, key: Any = None, cert: Any = None,
                cert_reqs: int = CERT_NONE, cadata: Any = None, server_hostname: Any = None,
                do_handshake: bool = True) -> Any:
    """MicroPython's ssl.wrap_socket: a context with these settings wraps the socket (or any
    stream); the TLS handshake happens now unless do_handshake is false."""
    ctx = SSLContext(PROTOCOL_TLS_SERVER if server_side else PROTOCOL_TLS_CLIENT)
    if cert or key:
        ctx.load_cert_chain(cert, key)
    if cadata:
        ctx.load_verify_locations(cadata=cadata)
    ctx.verify_mode = cert_reqs
    return _wrap(ctx, sock, server_side, server_hostname, do_handshake)


class SSLContext:
    """SSLContext(protocol) (MicroPython); create_default_context() (CircuitPython)."""

    def __repr__(self) -> str:
        return "<SSLContext>"

    def __init__(self, *args: Any) -> None:
        if _hw.flavor() != "circuitpython" and len(args) != 1:  # MicroPython: protocol required
            raise TypeError(f"function takes 1 positional arguments but {len(args)} were given")
        if len(args) > 1:
            raise TypeError(f"function takes 0 positional arguments but {len(args)} were given")
        protocol = args[0] if args else PROTOCOL_TLS_CLIENT
        if protocol not in (PROTOCOL_TLS_CLIENT, PROTOCOL_TLS_SERVER):
            raise ValueError("invalid protocol")
        self._protocol = protocol
        self._verify_mode = CERT_REQUIRED if protocol == PROTOCOL_TLS_CLIENT else CERT_NONE
        self._check_hostname = True
        self._key: tuple | None = None  # (DER, PEM label) of the key given as data
        self._cert: str | None = None
        self._ca: str | None = None
        self._ciphers: tuple | None = None  # set_ciphers()

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

    def load_cert_chain(self, certfile: Any, keyfile: Any = _MISSING) -> None:
        """MicroPython: the certificate and key as data (bytes, PEM or DER) or file names on
        the drive (str); the key is parsed first. CircuitPython: file names (not read on the
        simulated network)."""
        if _hw.flavor() == "circuitpython":
            return
        if keyfile is _MISSING:
            raise TypeError("load_cert_chain() takes 3 positional arguments but 2 were given")
        certfile, keyfile = _file_data(certfile), _file_data(keyfile)
        key = _tlsstream.key_label(keyfile)
        self._cert = _tlsstream.cert_pem(certfile)
        self._key = key

    def load_verify_locations(self, *args: Any, **kwargs: Any) -> None:
        """MicroPython: (cafile=None, cadata=None): CA certificates from a file on the drive or
        as data. CircuitPython: (cafile=None, capath=None, cadata=None), not read."""
        if _hw.flavor() == "circuitpython":
            return
        names = ("cafile", "cadata")
        if len(args) > 2 or set(kwargs) - set(names):
            raise TypeError("unexpected argument")
        given = dict(zip(names, args), **kwargs)
        cafile, cadata = given.get("cafile"), given.get("cadata")
        if cafile:
            cadata = _read_drive(cafile)
        self._ca = (self._ca or "") + _tlsstream.cert_pem(cadata)

    def set_default_verify_paths(self) -> None:
        pass

    def wrap_socket(self, sock: Any, server_side: bool = False,
                    do_handshake_on_connect: bool = True, server_hostname: Any = None) -> Any:
        return _wrap(self, sock, server_side, server_hostname, do_handshake_on_connect)

    def get_ciphers(self) -> list:
        """MicroPython: every cipher suite the firmware's mbedTLS offers, by mbedTLS's names."""
        return list(_MBEDTLS_CIPHERS)

    def set_ciphers(self, ciphersuite: Any) -> None:
        """MicroPython: limit the suites (a list or tuple of get_ciphers() names). The choice is
        checked and kept; the simulated network does not negotiate suites."""
        if not isinstance(ciphersuite, (list, tuple)):
            raise TypeError(f"object '{_hw.type_name(ciphersuite)}' isn't a tuple or list")
        if not ciphersuite:
            raise _tlsstream.mbedtls_error(_tlsstream.BAD_CONFIG)
        for name in ciphersuite:
            if _tlsstream.as_data(name).decode(errors="replace") not in _MBEDTLS_CIPHERS:
                raise _tlsstream.mbedtls_error(_tlsstream.BAD_CONFIG)
        self._ciphers = tuple(ciphersuite)


# The suites MicroPython 1.29's mbedTLS build lists (`SSLContext.get_ciphers()` on the firmware).
_MBEDTLS_CIPHERS = (
    "TLS-ECDHE-ECDSA-WITH-AES-256-GCM-SHA384", "TLS-ECDHE-RSA-WITH-AES-256-GCM-SHA384",
    "TLS-ECDHE-ECDSA-WITH-AES-256-CBC-SHA384", "TLS-ECDHE-RSA-WITH-AES-256-CBC-SHA384",
    "TLS-ECDHE-ECDSA-WITH-AES-256-CBC-SHA", "TLS-ECDHE-RSA-WITH-AES-256-CBC-SHA",
    "TLS-ECDHE-ECDSA-WITH-AES-128-GCM-SHA256", "TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256",
    "TLS-ECDHE-ECDSA-WITH-AES-128-CBC-SHA256", "TLS-ECDHE-RSA-WITH-AES-128-CBC-SHA256",
    "TLS-ECDHE-ECDSA-WITH-AES-128-CBC-SHA", "TLS-ECDHE-RSA-WITH-AES-128-CBC-SHA",
    "TLS-RSA-WITH-AES-256-GCM-SHA384", "TLS-RSA-WITH-AES-256-CBC-SHA256",
    "TLS-RSA-WITH-AES-256-CBC-SHA", "TLS-RSA-WITH-AES-128-GCM-SHA256",
    "TLS-RSA-WITH-AES-128-CBC-SHA256", "TLS-RSA-WITH-AES-128-CBC-SHA",
    "TLS-PSK-WITH-AES-256-GCM-SHA384", "TLS-PSK-WITH-AES-256-CBC-SHA384",
    "TLS-PSK-WITH-AES-256-CBC-SHA", "TLS-PSK-WITH-AES-128-GCM-SHA256",
    "TLS-PSK-WITH-AES-128-CBC-SHA256", "TLS-PSK-WITH-AES-128-CBC-SHA",
)


def _read_drive(path: Any) -> bytes:
    with _hw.open_on_drive(path, "rb") as f:
        return f.read()


def _file_data(obj: Any) -> Any:
    """MicroPython's ssl reads a str argument as a file name, takes bytes as the data."""
    return _read_drive(obj) if isinstance(obj, str) else obj


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


class StreamSSLSocket:
    """MicroPython's SSLSocket over a stream object: stream reads and writes (None when the
    stream would block), setblocking passed to the stream, close through its ioctl."""

    __slots__ = ("_t",)

    def __init__(self, *args: Any) -> None:
        raise TypeError("cannot create 'SSLSocket' instances")

    def __repr__(self) -> str:
        return "<SSLSocket>"

    def read(self, size: Any = -1) -> bytes | None:
        size = -1 if size is None else get_int(size)
        out = bytearray()
        while size < 0 or len(out) < size:
            chunk = self._t.read(256 if size < 0 else size - len(out))
            if chunk is None:
                if not out:
                    return None
                break
            if not chunk:
                break
            out += chunk
        return bytes(out)

    def recv(self, size: Any) -> bytes | None:
        return self._t.read(get_int(size))

    def readinto(self, buf: Any, nbytes: Any = None) -> int | None:
        mv = memoryview(_hw.buffer(buf, writable=True))
        n = len(mv) if nbytes is None else min(get_int(nbytes), len(mv))
        data = self.read(n)
        if data is None:
            return None
        mv[: len(data)] = data
        return len(data)

    recv_into = readinto

    def readline(self) -> bytes | None:
        out = bytearray()
        while not out.endswith(b"\n"):
            ch = self._t.read(1)
            if ch is None:
                if not out:
                    return None
                break
            if not ch:
                break
            out += ch
        return bytes(out)

    def write(self, buf: Any) -> int | None:
        return self._t.write(bytes(_hw.buffer(buf)))

    send = write

    def sendall(self, buf: Any) -> None:
        self._t.write(bytes(_hw.buffer(buf)))

    def setblocking(self, flag: Any) -> Any:
        if self._t.closed:
            raise _net.oserror(9)  # EBADF (MicroPython reaches a freed stream here)
        return _tlsstream.call_stream(self._t.stream, "setblocking", flag)

    def cipher(self) -> tuple[str, str]:
        return self._t.cipher()

    def close(self) -> None:
        self._t.close()

    def _jitvm_poll(self, mask: int) -> int:
        """select.poll's question (MicroPython asks the SSLSocket's stream ioctl)."""
        return self._t.poll(mask)


StreamSSLSocket.__name__ = "SSLSocket"  # the qualified name stays: the sandbox finds the class by it

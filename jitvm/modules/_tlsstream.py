"""TLS over any guest stream, as MicroPython's `ssl` wraps any object with the stream protocol.

MicroPython (extmod/modtls_mbedtls.c) runs mbedTLS over the wrapped object's stream methods:
`readinto`/`write` carry the records, a method returning None means "would block" (the TLS
call then returns None too), `ioctl(4, 0)` closes it. Here the host's TLS engine works on
memory buffers and this module moves the bytes through the guest object's methods (looked up
through the sandbox; the guest never sees a host TLS object). Errors keep mbedTLS's codes and
names, e.g. OSError(-29312, 'MBEDTLS_ERR_SSL_CONN_EOF') when the stream ends mid-handshake.
Keys and certificates are checked as mbedTLS parses them: "invalid key" / "invalid cert".
"""

from __future__ import annotations

import base64
import os
import ssl as _host_ssl
import tempfile
from typing import Any

from jitvm import sandbox
from jitvm.gexc import GUEST_EXC
from jitvm.modules._stdconv import get_int, type_name

CONN_EOF = (-0x7280, "MBEDTLS_ERR_SSL_CONN_EOF")
BAD_INPUT_DATA = (-0x7100, "MBEDTLS_ERR_SSL_BAD_INPUT_DATA")
INVALID_RECORD = (-0x7200, "MBEDTLS_ERR_SSL_INVALID_RECORD")
FATAL_ALERT = (-0x7780, "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE")
HANDSHAKE_FAILURE = (-0x6E00, "MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE")
CERT_VERIFY_FAILED = (-0x2700, "MBEDTLS_ERR_X509_CERT_VERIFY_FAILED")
CA_CHAIN_REQUIRED = (-0x7680, "MBEDTLS_ERR_SSL_CA_CHAIN_REQUIRED")
BAD_CONFIG = (-0x5E80, "MBEDTLS_ERR_SSL_BAD_CONFIG")

POLL_RD, POLL_WR, POLL_NVAL = 0x0001, 0x0004, 0x0020
WOULD_BLOCK = object()  # a TLS call that must wait for the stream (MicroPython returns None)


# ---- key and certificate data ------------------------------------------------------------------


def as_data(obj: Any) -> bytes:
    """asn1_get_data: str or bytes (PEM or DER)."""
    if isinstance(obj, str):
        return obj.encode()
    if isinstance(obj, bytes):
        return obj
    raise TypeError(f"can't convert '{type_name(obj)}' object to str implicitly")


def _pem_body(data: bytes) -> bytes | None:
    """The DER inside the first PEM block, or None if it is not one."""
    start = data.find(b"-----BEGIN ")
    head_end = data.find(b"-----", start + 11)
    end = data.find(b"-----END ", head_end + 5)
    if start < 0 or head_end < 0 or end < 0:
        return None
    try:
        return base64.b64decode(b"".join(data[head_end + 5 : end].split()), validate=True)
    except ValueError:
        return None


def _tlv(data: bytes, i: int, end: int) -> tuple[int, int, int]:
    """One DER element at i: (tag, content start, content end)."""
    if i + 2 > end:
        raise ValueError
    tag, n = data[i], data[i + 1]
    i += 2
    if n & 0x80:
        size = n & 0x7F
        if size == 0 or size > 4 or i + size > end:
            raise ValueError
        n = int.from_bytes(data[i : i + size], "big")
        i += size
    if i + n > end:
        raise ValueError
    return tag, i, i + n


def _children(data: bytes, start: int, end: int) -> list[tuple[int, int, int]]:
    out = []
    while start < end:
        item = _tlv(data, start, end)
        out.append(item)
        start = item[2]
    return out


def key_label(obj: Any) -> tuple[bytes, str]:
    """Check a private key as mbedTLS parses one (PKCS#1 RSA, PKCS#8, SEC1 EC; PEM or DER);
    return (DER, PEM label)."""
    data = as_data(obj)
    der = _pem_body(data) if b"-----BEGIN " in data else data
    try:
        if der is None:
            raise ValueError
        tag, start, end = _tlv(der, 0, len(der))
        if tag != 0x30 or end != len(der):
            raise ValueError
        label = _key_shape(der, _children(der, start, end))
    except ValueError:
        raise ValueError("invalid key") from None
    return der, label


def _key_shape(der: bytes, items: list) -> str:
    tags = [t for t, _, _ in items]
    if len(tags) >= 9 and all(t == 0x02 for t in tags[:9]):
        return "RSA PRIVATE KEY"
    if tags[:3] == [0x02, 0x30, 0x04]:  # PKCS#8: version, algorithm, the key in an octet string
        _, s, e = items[2]
        inner_tag, inner_start, inner_end = _tlv(der, s, e)
        if inner_tag != 0x30 or inner_end != e:
            raise ValueError
        _key_shape(der, _children(der, inner_start, inner_end))
        return "PRIVATE KEY"
    if tags[:2] == [0x02, 0x04]:
        return "EC PRIVATE KEY"
    raise ValueError


def cert_pem(obj: Any) -> str:
    """Check certificates as mbedTLS parses them; return them as PEM text for the host."""
    data = as_data(obj)
    probe = _host_ssl.SSLContext(_host_ssl.PROTOCOL_TLS_CLIENT)
    try:
        if b"-----BEGIN " in data:
            text = data.decode("ascii")
            probe.load_verify_locations(cadata=text)
            return text
        probe.load_verify_locations(cadata=data)
        return "".join(_host_ssl.DER_cert_to_PEM_cert(data[s:e]) for s, e in _der_spans(data))
    except (_host_ssl.SSLError, ValueError, UnicodeDecodeError):
        raise ValueError("invalid cert") from None


def _der_spans(data: bytes) -> list[tuple[int, int]]:
    spans, i = [], 0
    while i < len(data):
        _, _, end = _tlv(data, i, len(data))
        spans.append((i, end))
        i = end
    return spans


def host_context(server_side: bool, verify_mode: int, key: tuple | None, cert: str | None,
                 ca: str | None, hostname: str | None) -> _host_ssl.SSLContext:
    """The host TLS settings for one MicroPython SSLContext (nothing from the host's CA store:
    a board knows only the CA data it was given)."""
    ctx = _host_ssl.SSLContext(
        _host_ssl.PROTOCOL_TLS_SERVER if server_side else _host_ssl.PROTOCOL_TLS_CLIENT)
    ctx.set_ciphers("DEFAULT:@SECLEVEL=0")  # mbedTLS takes the small keys boards carry
    ctx.check_hostname = bool(hostname) and verify_mode == _host_ssl.CERT_REQUIRED
    ctx.verify_mode = (_host_ssl.CERT_NONE, _host_ssl.CERT_OPTIONAL, _host_ssl.CERT_REQUIRED)[
        verify_mode if verify_mode in (0, 1, 2) else 0]
    if ca:
        ctx.load_verify_locations(cadata=ca)
    if key is not None and cert is not None:
        der, label = key
        key_pem = _host_ssl.DER_cert_to_PEM_cert(der).replace("CERTIFICATE", label)
        with tempfile.TemporaryDirectory(prefix="jitvm-tls-") as tmp:
            kpath, cpath = os.path.join(tmp, "key.pem"), os.path.join(tmp, "cert.pem")
            with open(kpath, "w") as f:
                f.write(key_pem)
            with open(cpath, "w") as f:
                f.write(cert)
            try:
                ctx.load_cert_chain(cpath, kpath)
            except _host_ssl.SSLError:
                raise ValueError("invalid key") from None
    return ctx


# ---- the stream -------------------------------------------------------------------------------


def _guest_method(stream: Any, name: str):
    sandbox.check(stream, name)
    return getattr(stream, name)


def call_stream(stream: Any, name: str, *args: Any) -> Any:
    """Call one of the stream's methods as guest code would (through the sandbox)."""
    return _guest_method(stream, name)(*args)


def mbedtls_error(code: tuple[int, str]) -> BaseException:
    """The guest's OSError(code, name), as mbedtls_raise_error builds it."""
    return GUEST_EXC["OSError"](*code)


def _oserror(errno: int) -> BaseException:
    return GUEST_EXC["OSError"](errno)


class StreamTLS:
    """One TLS session whose records travel through a stream object's methods."""

    def __init__(self, stream: Any, ctx: _host_ssl.SSLContext, server_side: bool,
                 hostname: str | None, has_ca: bool = True) -> None:
        self.stream = stream
        self.has_ca = has_ca  # without CA data, verifying the peer is "CA chain required"
        self._in, self._out = _host_ssl.MemoryBIO(), _host_ssl.MemoryBIO()
        self._tls = ctx.wrap_bio(self._in, self._out, server_side=server_side,
                                 server_hostname=hostname)
        self._unsent = b""
        self._eof = False
        self.last_error: BaseException | None = None
        self.closed = False
        self.blocked_on = POLL_RD  # the direction the last WOULD_BLOCK waited for
        self.poll_mask = 0  # as MicroPython: the other direction a read/write is waiting for

    # -- moving bytes --------------------------------------------------------------------------
    def _flush(self) -> bool:
        """Send what TLS produced; False if the stream would block."""
        self._unsent += self._out.read()
        while self._unsent:
            n = _guest_method(self.stream, "write")(self._unsent)
            if n is None:
                return False
            n = get_int(n)
            if n <= 0 or n > len(self._unsent):
                raise _oserror(5)  # EIO
            self._unsent = self._unsent[n:]
        return True

    def _fill(self) -> bool:
        """Take what the stream has for TLS; False if it would block."""
        buf = bytearray(4096)
        n = _guest_method(self.stream, "readinto")(buf)
        if n is None:
            return False
        n = get_int(n)
        if n < 0 or n > len(buf):
            raise _oserror(5)
        if n == 0:
            self._eof = True
            self._in.write_eof()
        else:
            self._in.write(bytes(buf[:n]))
        return True

    def run(self, op) -> Any:
        """Run a TLS call, feeding it from the stream; WOULD_BLOCK if the stream blocks."""
        if self.last_error is not None:
            raise self.last_error
        if self.closed:
            raise mbedtls_error(BAD_INPUT_DATA)
        try:
            while True:
                try:
                    result = op()
                except _host_ssl.SSLWantReadError:
                    if not self._flush():
                        self.blocked_on = POLL_WR
                        return WOULD_BLOCK
                    if not self._fill():
                        self.blocked_on = POLL_RD
                        return WOULD_BLOCK
                    continue
                self._flush()  # what does not go now goes before the next record
                return result
        except _host_ssl.SSLCertVerificationError as e:
            self._send_alert()
            if not self.has_ca:
                self.last_error = mbedtls_error(CA_CHAIN_REQUIRED)
                raise self.last_error from None
            # MicroPython raises the verify report once, then the error code from then on.
            self.last_error = mbedtls_error(CERT_VERIFY_FAILED)
            raise GUEST_EXC["ValueError"](_verify_report(e)) from None
        except _host_ssl.SSLError as e:
            self._send_alert()
            self.last_error = self._translate(e)
            raise self.last_error from None

    def _send_alert(self) -> None:
        """A failing TLS engine leaves an alert for the peer; it goes if the stream takes it."""
        try:
            self._flush()
        except Exception:  # noqa: BLE001 - the TLS error is the one to report
            self._unsent = b""

    def _translate(self, e: _host_ssl.SSLError) -> BaseException:
        reason = str(getattr(e, "reason", "") or e).upper()
        if self._eof or isinstance(e, _host_ssl.SSLEOFError):
            return mbedtls_error(CONN_EOF)
        if "ALERT" in reason:
            return mbedtls_error(FATAL_ALERT)
        if "WRONG_VERSION" in reason or "RECORD" in reason or "LENGTH" in reason:
            return mbedtls_error(INVALID_RECORD)
        return mbedtls_error(HANDSHAKE_FAILURE)

    # -- the SSLSocket's operations ------------------------------------------------------------
    def handshake(self) -> None:
        """wrap_socket(do_handshake=True): retry until done (MicroPython waits 1 ms a turn)."""
        while self.run(self._tls.do_handshake) is WOULD_BLOCK:
            pass

    def read(self, n: int) -> bytes | None:
        self.poll_mask = 0
        data = self.run(lambda: self._read(n))
        if data is WOULD_BLOCK:
            self.poll_mask = self.blocked_on & POLL_WR
            return None
        return data

    def _read(self, n: int) -> bytes:
        try:
            return self._tls.read(n)
        except _host_ssl.SSLZeroReturnError:
            return b""  # the peer's close_notify: the end of the stream

    def write(self, data: bytes) -> int | None:
        self.poll_mask = 0
        n = self.run(lambda: self._tls.write(data))
        if n is WOULD_BLOCK:
            self.poll_mask = self.blocked_on & POLL_RD
            return None
        return n

    def poll(self, mask: int) -> int:
        """MP_STREAM_POLL as MicroPython's SSLSocket answers it: NVAL once closed or failed;
        while TLS waits for the other direction, the stream is asked about that one; bytes
        already buffered make it readable."""
        if self.closed or self.last_error is not None:
            return POLL_NVAL
        saved = 0
        if self.poll_mask and mask & (POLL_RD | POLL_WR):
            saved = mask & (POLL_RD | POLL_WR)
            mask = (mask & ~saved) | self.poll_mask
        ready = 0
        if mask & POLL_RD and (self._tls.pending() or self._in.pending):
            ready |= POLL_RD
            if mask == POLL_RD:
                return POLL_RD
        ready |= self._stream_poll(mask)
        if ready & self.poll_mask:
            ready |= saved
        return ready

    def _stream_poll(self, mask: int) -> int:
        from jitvm.vmmods import IOBase

        if isinstance(self.stream, IOBase):
            return get_int(_guest_method(self.stream, "ioctl")(3, mask))  # MP_STREAM_POLL
        hook = getattr(type(self.stream), "_jitvm_poll", None)
        return hook(self.stream, mask) if hook is not None else mask & (POLL_RD | POLL_WR)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        from jitvm.vmmods import IOBase

        if isinstance(self.stream, IOBase):
            _guest_method(self.stream, "ioctl")(4, 0)  # MP_STREAM_CLOSE, as py/stream.c sends it
        else:
            self.stream.close()

    def cipher(self) -> tuple[str, str]:
        info = self._tls.cipher()
        if info is None:
            raise mbedtls_error(BAD_INPUT_DATA)
        return info[0], info[1]


def _verify_report(e: _host_ssl.SSLCertVerificationError) -> str:
    """mbedtls_x509_crt_verify_info's text for the host's verdict (one line per failure)."""
    code = getattr(e, "verify_code", 0)
    if code == 62:  # X509_V_ERR_HOSTNAME_MISMATCH
        line = "The certificate Common Name (CN) does not match with the expected CN"
    elif code == 10:  # X509_V_ERR_CERT_HAS_EXPIRED
        line = "The certificate validity has expired"
    elif code == 9:  # X509_V_ERR_CERT_NOT_YET_VALID
        line = "The certificate validity starts in the future"
    else:
        line = "The certificate is not correctly signed by the trusted CA"
    return "\n" + line + "\n"


def _host_io_types() -> tuple:
    from jitvm.vmmods import BytesIO, StringIO

    return (BytesIO, StringIO)


def is_stream(obj: Any) -> bool:
    """mp_get_stream: jitvm's streams, io.BytesIO/StringIO and guest io.IOBase classes."""
    from jitvm.streams import _Stream
    from jitvm.vmmods import IOBase

    return isinstance(obj, (_Stream, IOBase, *_host_io_types()))

"""Guest module `tls` (MicroPython 1.23+): the module under `ssl` (SSLContext, PROTOCOL_*, CERT_*)."""

from __future__ import annotations

from jitvm.modules.ssl import (
    CERT_NONE,
    CERT_OPTIONAL,
    CERT_REQUIRED,
    MBEDTLS_VERSION,
    PROTOCOL_TLS_CLIENT,
    PROTOCOL_TLS_SERVER,
    SSLContext,
)

__all__ = ["CERT_NONE", "CERT_OPTIONAL", "CERT_REQUIRED", "MBEDTLS_VERSION",
           "PROTOCOL_TLS_CLIENT", "PROTOCOL_TLS_SERVER", "SSLContext"]

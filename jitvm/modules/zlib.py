"""Guest module `zlib` (CircuitPython's shared-bindings/zlib): decompress() only, as the firmware.

``wbits`` picks the container as CircuitPython's uzlib front does: 16 and up a gzip header,
0..15 a zlib header (0, the default, included), negative a raw DEFLATE stream. The result is a
bytearray (the firmware hands back its buffer as one). A damaged stream raises ValueError with
uzlib's status number: -3 data error, -4 checksum error."""

from __future__ import annotations

import zlib as _host_zlib
from typing import Any

from jitvm.gexc import GUEST_EXC
from jitvm.modules import _hw

__all__ = ["decompress"]

_DATA_ERROR = -3
_CHKSUM_ERROR = -4


def decompress(data: Any, wbits: int = 0, bufsize: int = 0) -> bytearray:
    """Return the decompressed ``data``; ``bufsize`` is accepted and ignored."""
    raw = bytes(_hw.buffer(data))
    if not isinstance(wbits, int):
        raise GUEST_EXC["TypeError"]("can't convert %s to int" % type(wbits).__name__)
    if wbits >= 16:
        host_wbits = 31  # gzip header and trailer
    elif wbits >= 0:
        host_wbits = 15  # zlib header; uzlib takes the window size from the header
    else:
        host_wbits = -15
    d = _host_zlib.decompressobj(host_wbits)
    try:
        out = d.decompress(raw)
    except _host_zlib.error as exc:
        msg = str(exc)
        code = _CHKSUM_ERROR if "data check" in msg or "length check" in msg else _DATA_ERROR
        raise GUEST_EXC["ValueError"](code) from None
    if not d.eof:
        raise GUEST_EXC["ValueError"](_DATA_ERROR)  # the stream stops before its last block
    return bytearray(out)

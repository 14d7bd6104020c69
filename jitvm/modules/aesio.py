"""Guest module `aesio` (CircuitPython): the `AES` object with ECB, CBC and CTR modes over
jitvm's own AES (16-, 24- or 32-byte keys), with shared-bindings/aesio's argument rules and
texts. As in CircuitPython (tiny-AES underneath), CBC carries the last ciphertext block
from call to call, CTR the counter (a partial last block's unused keystream is dropped).
"""

from __future__ import annotations

from jitvm.modules._aes import AES as _AES
from jitvm.modules._aes import xor_bytes as _xor
from jitvm.modules._stdconv import buffer_of, get_int, require_buffer

__all__ = ["AES", "MODE_CBC", "MODE_CTR", "MODE_ECB", "block_size", "key_size"]

MODE_ECB, MODE_CBC, MODE_CTR = 1, 2, 6
block_size = 16
key_size = (16, 24, 32)


def _key(obj: object) -> bytes:
    key = bytes(require_buffer(obj))
    if len(key) not in key_size:
        raise ValueError("Key must be 16, 24, or 32 bytes long")
    return key


def _iv(obj: object) -> bytes | None:
    """The IV if it is a buffer (anything else is ignored, as mp_get_buffer lets it be)."""
    if obj is None:
        return None
    buf = buffer_of(obj)
    if buf is None:
        return None
    if len(buf) != block_size:
        raise ValueError(f"IV length must be {block_size}")
    return bytes(buf)


def _mode(obj: object) -> int:
    mode = get_int(obj)
    if mode not in (MODE_ECB, MODE_CBC, MODE_CTR):
        raise NotImplementedError("Requested AES mode is unsupported")
    return mode


class AES:
    """AES(key, mode=MODE_ECB, IV=None, counter=None, segment_size=8): encrypt and decrypt
    AES streams. IV is used by CBC and CTR (zeros if not given)."""

    __slots__ = ("_cipher", "_iv", "_mode")

    def __init__(self, key: object, mode: object = MODE_ECB, IV: object = None,
                 counter: object = None, segment_size: object = 8) -> None:
        k = _key(key)
        self._mode = _mode(mode)
        get_int(segment_size)  # accepted for older code, as CircuitPython does
        self._set(k, _iv(IV))

    def _set(self, key: bytes, iv: bytes | None) -> None:
        self._cipher = _AES(key)
        self._iv = iv if iv is not None else bytes(block_size)

    def rekey(self, key: object, IV: object = None) -> None:
        """A new key (and IV; zeros if not given)."""
        k = _key(key)
        self._set(k, _iv(IV))

    @property
    def mode(self) -> int:
        return self._mode

    @mode.setter
    def mode(self, value: object) -> None:
        self._mode = _mode(value)

    def encrypt_into(self, src: object, dest: object) -> None:
        """Encrypt src into dest (same length: 16 bytes for ECB, a multiple of 16 for CBC)."""
        data, out = self._buffers(src, dest)
        c = self._cipher
        if self._mode == MODE_ECB:
            out[:] = c.encrypt_block(data)
        elif self._mode == MODE_CBC:
            out[:], self._iv = c.cbc_encrypt(data, self._iv)
        else:
            out[:] = self._ctr(data)

    def decrypt_into(self, src: object, dest: object) -> None:
        """Decrypt src into dest (the same length rules as encrypt_into)."""
        data, out = self._buffers(src, dest)
        c = self._cipher
        if self._mode == MODE_ECB:
            out[:] = c.decrypt_block(data)
        elif self._mode == MODE_CBC:
            out[:], self._iv = c.cbc_decrypt(data, self._iv)
        else:
            out[:] = self._ctr(data)

    def _buffers(self, src: object, dest: object):
        data = bytes(require_buffer(src))
        out = require_buffer(dest, writable=True)
        if len(data) != len(out):
            raise ValueError("Source and destination buffers must be the same length")
        if self._mode == MODE_ECB and len(data) != 16:
            raise ValueError("ECB only operates on 16 bytes at a time")
        if self._mode == MODE_CBC and len(data) % 16:
            raise ValueError("CBC blocks must be multiples of 16 bytes")
        return data, out

    def _ctr(self, data: bytes) -> bytes:
        stream, self._iv = self._cipher.ctr_keystream(self._iv, (len(data) + 15) // 16)
        return _xor(data, stream)

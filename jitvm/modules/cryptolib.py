"""Guest module `cryptolib` (MicroPython): the `aes` cipher object, modes 1 (ECB), 2 (CBC)
and 6 (CTR), with MicroPython's argument rules and error texts (extmod/modcryptolib.c,
checked against the MicroPython 1.29 unix binary).

An object is for encryption or for decryption: its first call decides, and a call the other
way raises `ValueError: can't encrypt & decrypt`. CBC and CTR carry their chaining state
(the last ciphertext block, the counter and the unused keystream) from call to call.
"""

from __future__ import annotations

from jitvm.modules._aes import AES as _AES
from jitvm.modules._aes import xor_bytes as _xor
from jitvm.modules._stdconv import get_int, require_buffer

__all__ = ["aes"]

_ECB, _CBC, _CTR = 1, 2, 6
_NONE, _ENC, _DEC = 0, 1, 2


def _arg_count(args: tuple, kwargs: dict, lo: int, hi: int) -> None:
    """mp_arg_check_num's texts (MicroPython counts the arguments without self)."""
    if kwargs:
        raise TypeError("function doesn't take keyword arguments")
    if len(args) < lo:
        raise TypeError(f"function missing {lo - len(args)} required positional arguments")
    if len(args) > hi:
        raise TypeError(f"function expected at most {hi} arguments, got {len(args)}")


class aes:
    """aes(key, mode[, IV]): key of 16 or 32 bytes; IV of 16 bytes for CBC and CTR."""

    __slots__ = ("_cipher", "_iv", "_keystream", "_key_type", "_mode")

    def __init__(self, *args: object, **kwargs: object) -> None:
        _arg_count(args, kwargs, 2, 3)
        mode = get_int(args[1])
        if mode not in (_ECB, _CBC, _CTR):
            raise ValueError("mode")
        key = bytes(require_buffer(args[0]))
        if len(key) not in (16, 32):
            raise ValueError("key")
        iv = None
        if len(args) > 2 and args[2] is not None:
            iv = bytes(require_buffer(args[2]))
            if len(iv) != 16:
                raise ValueError("IV")
        elif mode != _ECB:
            raise ValueError("IV")
        self._mode = mode
        self._cipher = _AES(key)
        self._iv = iv if iv is not None else bytes(16)
        self._keystream = b""  # CTR: the encrypted counter's bytes not used yet
        self._key_type = _NONE

    def encrypt(self, *args: object) -> object:
        """encrypt(in_buf[, out_buf]): the ciphertext, as new bytes or written to out_buf."""
        return self._process(args, True)

    def decrypt(self, *args: object) -> object:
        """decrypt(in_buf[, out_buf]): the plaintext, as new bytes or written to out_buf."""
        return self._process(args, False)

    def __repr__(self) -> str:
        return "<aes>"

    # ---- internals -----------------------------------------------------------------------
    def _process(self, args: tuple, encrypt: bool) -> object:
        _arg_count((self,) + args, {}, 2, 3)  # MicroPython counts self
        data = bytes(require_buffer(args[0]))
        if self._mode != _CTR and len(data) % 16:
            raise ValueError("blksize % 16")
        out = target = None
        if len(args) > 1:
            out = args[1]
            target = require_buffer(out, writable=True)
            if len(target) < len(data):
                raise ValueError("output too small")
        if self._key_type == _NONE:
            self._key_type = _ENC if encrypt else _DEC
        elif self._key_type != (_ENC if encrypt else _DEC):
            raise ValueError("can't encrypt & decrypt")
        result = self._run(data, encrypt)
        if out is None:
            return result
        target[:len(result)] = result
        return out

    def _run(self, data: bytes, encrypt: bool) -> bytes:
        c = self._cipher
        if self._mode == _ECB:
            return c.ecb(data, encrypt)
        if self._mode == _CBC:
            if encrypt:
                result, self._iv = c.cbc_encrypt(data, self._iv)
            else:
                result, self._iv = c.cbc_decrypt(data, self._iv)
            return result
        need = len(data) - len(self._keystream)
        if need > 0:
            more, self._iv = c.ctr_keystream(self._iv, (need + 15) // 16)
            self._keystream += more
        stream, self._keystream = self._keystream[:len(data)], self._keystream[len(data):]
        return _xor(data, stream)

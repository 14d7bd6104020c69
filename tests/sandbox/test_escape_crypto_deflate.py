"""cryptolib, deflate, aesio and zlib objects give the guest no way to the host: no host
zlib module or object, no cipher internals, no module globals of the host functions, no
class internals; a guest stream handed to DeflateIO is only ever called as guest code."""

import pytest

from .helpers import E, check_escape, escape_params, run_escape

CASES = [
    E("cryptolib_deflate_attribute_chains", '''
import cryptolib, deflate, io
a = cryptolib.aes(b"k" * 16, 2, b"i" * 16)
a.encrypt(bytes(16))
g = deflate.DeflateIO(io.BytesIO(b"x\\x9cK\\x04\\x00\\x00b\\x00b"))
g.read(1)
w = deflate.DeflateIO(io.BytesIO(), deflate.ZLIB)
w.write(b"abc")
_try('a._cipher', lambda: print('ESCAPED', a._cipher))
_try('a._iv', lambda: print('ESCAPED', a._iv))
_try('encrypt.__self__._cipher', lambda: print('ESCAPED', a.encrypt.__self__._cipher))
_try('encrypt.__func__', lambda: print('ESCAPED', a.encrypt.__func__))
_try('encrypt.__globals__', lambda: print('ESCAPED', a.encrypt.__globals__))
_try('aes.__dict__', lambda: print('ESCAPED', type(a).__dict__['_run']))
_try('aes.__init__.__globals__', lambda: print('ESCAPED', cryptolib.aes.__init__.__globals__))
_try('cryptolib._AES', lambda: print('ESCAPED', cryptolib._AES))
_try('cryptolib.__dict__', lambda: print('ESCAPED', cryptolib.__dict__['_AES']))
_try('g._reading', lambda: print('ESCAPED', g._reading))
_try('g._reading.inflater', lambda: print('ESCAPED', g._reading.inflater._source))
_try('w._writing', lambda: print('ESCAPED', w._writing.compressor))
_try('g._stream', lambda: print('ESCAPED', g._stream))
_try('read.__self__._reading', lambda: print('ESCAPED', g.read.__self__._reading))
_try('read.__globals__', lambda: print('ESCAPED', g.read.__globals__))
_try('DeflateIO.__dict__', lambda: print('ESCAPED', type(g).__dict__['_reader']))
_try('deflate._host_zlib', lambda: print('ESCAPED', deflate._host_zlib))
_try('deflate._uzlib', lambda: print('ESCAPED', deflate._uzlib))
_try('deflate._gstream', lambda: print('ESCAPED', deflate._gstream))
_try('deflate.__dict__', lambda: print('ESCAPED', deflate.__dict__['_host_zlib']))
_try('__class__.__mro__', lambda: print('ESCAPED', g.__class__.__mro__[-1].__subclasses__()))
_try('DeflateIO.__init__.__code__', lambda: print('ESCAPED', deflate.DeflateIO.__init__.__code__))
_try('close.__globals__', lambda: print('ESCAPED', w.close.__globals__['_gstream']))
print('DONE')
''', "AttributeError", "TypeError", "KeyError", done=True),

    E("aesio_zlib_attribute_chains", '''
import aesio, zlib, io
c = aesio.AES(b"k" * 16, aesio.MODE_CTR, IV=b"i" * 16)
d = zlib.DecompIO(io.BytesIO(b"x\\x9cK\\x04\\x00\\x00b\\x00b"))
_try('c._cipher', lambda: print('ESCAPED', c._cipher))
_try('mode.fget', lambda: print('ESCAPED', aesio.AES.mode.fget.__globals__))
_try('rekey.__globals__', lambda: print('ESCAPED', c.rekey.__globals__))
_try('encrypt_into.__self__._cipher', lambda: print('ESCAPED', c.encrypt_into.__self__._cipher))
_try('AES.__dict__', lambda: print('ESCAPED', type(c).__dict__['_ctr']))
_try('aesio._AES', lambda: print('ESCAPED', aesio._AES))
_try('zlib._uzlib', lambda: print('ESCAPED', zlib._uzlib))
_try('zlib.decompress.__globals__', lambda: print('ESCAPED', zlib.decompress.__globals__))
_try('zlib.decompress.__code__', lambda: print('ESCAPED', zlib.decompress.__code__))
_try('d._inflater', lambda: print('ESCAPED', d._inflater))
_try('read.__self__._inflater', lambda: print('ESCAPED', d.read.__self__._inflater))
_try('DecompIO.__dict__', lambda: print('ESCAPED', type(d).__dict__['_read_some']))
_try('zlib.__dict__', lambda: print('ESCAPED', zlib.__dict__['_uzlib']))
print('DONE')
''', "AttributeError", "TypeError", "KeyError", done=True),

    E("deflate_no_subclass_and_guest_stream_stays_guest", '''
import deflate, io
def subclass():
    class D(deflate.DeflateIO):
        pass
    print('ESCAPED', D)
_try('subclass DeflateIO', subclass)
class S(io.IOBase):
    def readinto(self, buf):
        # what the firmware hands a guest stream is a plain bytearray, nothing of the host
        print(type(buf).__name__, len(buf))
        _try('buf.__class__.__subclasses__', lambda: print('ESCAPED', buf.__class__.__subclasses__()))
        return -1
    def write(self, buf):
        print(type(buf).__name__, len(buf))
        return len(buf)
_try('read', lambda: deflate.DeflateIO(S()).read())
w = deflate.DeflateIO(S(), deflate.GZIP)
w.write(b"hi")
w.close()
print('DONE')
''', "AttributeError", "TypeError", "OSError", done=True),
]


@pytest.mark.parametrize("case, mode", escape_params(CASES))
def test_crypto_deflate_escape(tmp_path, case, mode):
    pg, run = run_escape(tmp_path, case, mode)
    check_escape(pg, case, run)

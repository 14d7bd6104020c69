"""Objects of `ssl` over a guest stream and of `re`: no attribute chain from them reaches the host
TLS engine, the host regex engine, the stream wrapper's internals or a host module; what the
guest stream's methods receive are plain guest values."""

from __future__ import annotations

import pytest

from .helpers import E, check_escape, escape_params, run_escape

WALK = ("AttributeError", "TypeError", "KeyError", "NameError", "ImportError")

CASES = [
    E("ssl_socket_over_a_guest_stream", '''
import io, ssl
seen = []
class S(io.IOBase):
    def write(self, buf):
        seen.append(type(buf).__name__)
        return None
    def readinto(self, buf):
        seen.append(type(buf).__name__)
        return None
    def ioctl(self, req, arg):
        return 0
s = ssl.wrap_socket(S(), do_handshake=False)
print(s.read(4), s.write(b'x'), seen)
_try('s._t', lambda: s._t)
_try('getattr _t', lambda: getattr(s, '_t'))
_try('_t._tls', lambda: s._t._tls)
_try('_t.stream', lambda: s._t.stream)
_try('type dict', lambda: type(s).__dict__['_t'])
_try('read __self__', lambda: s.read.__self__._t)
_try('read __func__ globals', lambda: s.read.__func__.__globals__)
_try('recv_into globals', lambda: s.recv_into.__globals__)
_try('class init globals', lambda: type(s).__init__.__globals__)
_try('new SSLSocket', lambda: type(s)())
_try('ssl._tlsstream', lambda: ssl._tlsstream)
_try('ssl._wrap_stream', lambda: ssl._wrap_stream)
_try('ssl.StreamSSLSocket', lambda: ssl.StreamSSLSocket)
_try('module dict', lambda: ssl.__dict__['_tlsstream'])
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
_try('ctx._key', lambda: ctx._key)
_try('ctx._ca', lambda: ctx._ca)
_try('load_cert_chain globals', lambda: ctx.load_cert_chain.__func__.__globals__)
print('_t' in dir(s), 'cipher' in dir(s))
print('DONE')
''', *WALK, done=True),

    E("re_objects", '''
import re
r = re.compile('a(b)')
m = r.search('xab')
_try('r._prog', lambda: r._prog)
_try('r._prog.host', lambda: r._prog.host)
_try('m._caps', lambda: m._caps)
_try('m._data', lambda: m._data)
_try('type(m) dict', lambda: type(m).__dict__['_caps'])
_try('group __self__', lambda: m.group.__self__._data)
_try('group globals', lambda: m.group.__func__.__globals__)
_try('sub globals', lambda: re.sub.__globals__)
_try('re._re15', lambda: re._re15)
_try('re._PROGRAMS', lambda: re._PROGRAMS)
_try('re._program', lambda: re._program)
_try('new match', lambda: type(m)('x', b'x', [0, 1]))
def grab(mm):
    _try('repl match internals', lambda: mm._string)
    return 'z'
print(re.sub('a', grab, 'bab'), m.group(1))
print('DONE')
''', *WALK, done=True),
]


@pytest.mark.parametrize("case, mode", escape_params(CASES))
def test_tls_stream_and_re_object_escape(tmp_path, case, mode):
    pg, run = run_escape(tmp_path, case, mode)
    check_escape(pg, case, run)

"""MicroPython's ssl over any stream object (and socket's constructor checks), through
`jitvm run`, compared with the real MicroPython binary running the same program."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from .conftest import run_src
from .tls_material import CERT, HOSTNAME, KEY_PKCS1, KEY_PKCS8

MICROPYTHON = Path(sys.executable).parent / "micropython"

PRELUDE = """
import io, ssl
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)
"""

# Two guest streams joined back to back; None from readinto/write means "would block".
PIPE = """
class Pipe(io.IOBase):
    def __init__(self):
        self.other = None
        self.out = []
        self.block_reads = self.block_writes = False
    def readinto(self, buf):
        if self.block_reads or not self.other.out:
            return None
        data = self.other.out.pop(0)
        n = min(len(buf), len(data))
        buf[:n] = data[:n]
        if n < len(data):
            self.other.out.insert(0, data[n:])
        return n
    def write(self, buf):
        if self.block_writes:
            return None
        self.out.append(bytes(buf))
        return len(buf)
    def ioctl(self, req, arg):
        print('ioctl', req, arg)
        return 0
def pair():
    a, b = Pipe(), Pipe()
    a.other, b.other = b, a
    return a, b
def shake(c, cs, s, ss):
    for _ in range(20):
        if s.out:
            t(lambda: cs.read(64))
        if c.out:
            t(lambda: ss.read(64))
        if not (s.out or c.out):
            break
"""


def material() -> str:
    return (f"KEY = bytes.fromhex({KEY_PKCS1.hex()!r})\nKEY8 = bytes.fromhex({KEY_PKCS8.hex()!r})\n"
            f"CERT = bytes.fromhex({CERT.hex()!r})\nHOST = {HOSTNAME!r}\n")


def same_as_micropython(tmp_path: Path, body: str) -> str:
    src = PRELUDE + PIPE + material() + textwrap.dedent(body)
    mp = subprocess.run([str(MICROPYTHON), "-c", src], capture_output=True, text=True, timeout=60,
                        check=False, cwd=tmp_path)
    ours = run_src(tmp_path, src)
    assert ours.returncode == mp.returncode, ours.stdout + ours.stderr
    assert ours.stdout == mp.stdout, f"micropython:\n{mp.stdout}\njitvm:\n{ours.stdout}{ours.stderr}"
    return ours.stdout


def test_wrapping_needs_a_stream_and_fails_on_one_that_ends(tmp_path):
    out = same_as_micropython(tmp_path, """
        t(lambda: ssl.wrap_socket(1))
        t(lambda: ssl.wrap_socket(io.BytesIO()))
        t(lambda: ssl.wrap_socket(io.BytesIO(b'x' * 50)))
        t(lambda: ssl.wrap_socket(io.BytesIO(), server_side=1, do_handshake=0))
        class NoMethods(io.IOBase):
            pass
        t(lambda: ssl.wrap_socket(NoMethods(), do_handshake=0))
        t(lambda: ssl.wrap_socket(NoMethods()))
        class Failing(io.IOBase):
            def write(self, buf):
                raise OSError(5)
        t(lambda: ssl.wrap_socket(Failing()))
        class BadCount(io.IOBase):
            def write(self, buf):
                return 'x'
        t(lambda: ssl.wrap_socket(BadCount()))
    """)
    assert "MBEDTLS_ERR_SSL_CONN_EOF" in out


def test_reads_writes_and_close_on_a_stream_that_never_answers(tmp_path):
    same_as_micropython(tmp_path, """
        a, b = pair()
        a.block_reads = True
        s = ssl.wrap_socket(a, server_side=1, do_handshake=0)
        t(lambda: s.read(5))
        t(lambda: s.write(b'ab'))
        t(lambda: s.close())
        t(lambda: s.close())
        t(lambda: s.read(5))
        t(lambda: s.write(b'ab'))
        c = ssl.wrap_socket(b, do_handshake=0)
        t(lambda: c.read(5))
        t(lambda: c.read())
        t(lambda: c.readline())
        t(lambda: c.write(b'ab'))
        print(len(b.out))
        e = ssl.wrap_socket(io.BytesIO(), server_side=1, do_handshake=0)
        t(lambda: e.write(b'x'))
        t(lambda: e.read(1))
        t(lambda: e.setblocking(False))
        t(lambda: e.close())
        t(lambda: e.read(1))
    """)


def test_keys_and_certificates_are_checked_as_mbedtls_does(tmp_path):
    same_as_micropython(tmp_path, """
        s = io.BytesIO()
        t(lambda: ssl.wrap_socket(s, key=b'!'))
        t(lambda: ssl.wrap_socket(s, key=KEY))
        t(lambda: ssl.wrap_socket(s, cert=CERT))
        t(lambda: ssl.wrap_socket(s, key=KEY, cert=b'!'))
        t(lambda: ssl.wrap_socket(s, key=KEY8, cert=CERT[:-1]))
        t(lambda: ssl.wrap_socket(s, key=KEY[:100], cert=CERT))
        t(lambda: ssl.wrap_socket(s, key=KEY + b'\\0', cert=CERT))
        t(lambda: ssl.wrap_socket(s, cadata=b'!'))
        t(lambda: ssl.wrap_socket(s, cadata=1))
        t(lambda: ssl.wrap_socket(io.BytesIO(), key=KEY8, cert=CERT, server_side=1, do_handshake=0))
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        t(lambda: ctx.load_cert_chain(CERT, KEY))
        t(lambda: ctx.load_cert_chain(CERT, b'?'))
        t(lambda: ctx.load_verify_locations(cadata=CERT))
        t(lambda: ctx.load_verify_locations(cadata=b'0'))
        t(lambda: ssl.SSLContext())
    """)


def test_tls_session_between_two_guest_streams(tmp_path):
    out = same_as_micropython(tmp_path, """
        c, s = pair()
        c.block_writes = True
        cs = ssl.wrap_socket(c, do_handshake=False)
        ss = ssl.wrap_socket(s, key=KEY, cert=CERT, server_side=True, do_handshake=False)
        t(lambda: cs.read(16))
        c.block_writes = False
        t(lambda: cs.read(16))
        print(len(c.out))
        shake(c, cs, s, ss)
        t(lambda: cs.write(b'hello'))
        t(lambda: ss.read(3))
        t(lambda: ss.read(10))
        t(lambda: ss.write(b'one\\ntwo\\n'))
        t(lambda: cs.readline())
        t(lambda: cs.readline())
        ss.write(b'abcdef')
        buf = bytearray(4)
        t(lambda: cs.readinto(buf))
        print(buf)
        t(lambda: cs.read(2))
        t(lambda: cs.read(2))
        t(lambda: ss.close())
        t(lambda: cs.read(5))
    """)
    assert "b'hel'" in out and "b'two\\n'" in out


def test_certificate_checked_against_cadata_and_hostname(tmp_path):
    # Record sizes differ between TLS engines, so only what each call returns is compared.
    out = same_as_micropython(tmp_path, """
        for host, ca in ((HOST, CERT), ('other.local', CERT), (HOST, None)):
            c, s = pair()
            cs = ssl.wrap_socket(c, cert_reqs=ssl.CERT_REQUIRED, cadata=ca, server_hostname=host,
                                 do_handshake=False)
            ss = ssl.wrap_socket(s, key=KEY, cert=CERT, server_side=True, do_handshake=False)
            for i in range(4):
                t(lambda: cs.read(1))
                t(lambda: ss.read(1))
            t(lambda: cs.write(b'x'))
            t(lambda: ss.read(1))
        t(lambda: ssl.wrap_socket(io.BytesIO(), cert_reqs=ssl.CERT_REQUIRED))
    """)
    assert "does not match with the expected CN" in out and "CA_CHAIN_REQUIRED" in out


def test_socket_constructor_checks_its_arguments(tmp_path):
    same_as_micropython(tmp_path, """
        import socket
        t(lambda: socket.socket(None))
        t(lambda: socket.socket(socket.AF_INET, None))
        t(lambda: socket.socket(socket.AF_INET, socket.SOCK_RAW, None))
        t(lambda: socket.socket(socket.AF_INET, 123456))
        t(lambda: socket.socket(2.5))
        t(lambda: socket.socket('x'))
        t(lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM, 0, 5) is not None)
    """)


def test_cipher_suites_listed_and_chosen_as_on_the_firmware(tmp_path):
    same_as_micropython(tmp_path, """
        import tls
        ctx = tls.SSLContext(tls.PROTOCOL_TLS_CLIENT)
        c = ctx.get_ciphers()
        print(len(c), c[0], c[-1], type(c).__name__)
        for arg in ('x', [], ['BAR'], [1], (c[0],), c[:2], 5, [c[0], 'TLS-NOPE']):
            t(lambda: ctx.set_ciphers(arg))
        print(ctx.get_ciphers() == c)
    """)


def test_key_and_certificates_read_from_files_on_the_drive(tmp_path):
    (tmp_path / "key.der").write_bytes(KEY_PKCS1)
    (tmp_path / "cert.der").write_bytes(CERT)
    same_as_micropython(tmp_path, """
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        t(lambda: ctx.load_cert_chain('cert.der', 'key.der'))
        t(lambda: ctx.load_cert_chain('cert.der', 'nofile'))
        t(lambda: ctx.load_cert_chain('cert.der'))
        t(lambda: ctx.load_cert_chain(CERT, 'key.der'))
        t(lambda: ctx.load_verify_locations('cert.der'))
        t(lambda: ctx.load_verify_locations(cafile='key.der'))
        t(lambda: ctx.load_verify_locations(None, CERT))
        t(lambda: ctx.load_verify_locations())
        t(lambda: ssl.wrap_socket(io.BytesIO(), key='key.der', cert='cert.der', server_side=1,
                                  do_handshake=0))
    """)


def test_select_poll_on_tls_over_a_stream(tmp_path):
    # MicroPython's poll asks the SSLSocket, which asks the stream's ioctl for the direction
    # the TLS engine waits for.
    same_as_micropython(tmp_path, """
        import select
        class PollPipe(Pipe):
            def ioctl(self, req, arg):
                if req != 3:
                    return 0
                self.asked = arg
                ready = 0
                if arg & 1 and not self.block_reads and self.other.out:
                    ready |= 1
                if arg & 4 and not self.block_writes:
                    ready |= 4
                return ready
        def ask(sock, pipe, mask):
            p = select.poll()
            p.register(sock, mask)
            pipe.asked = None
            r = p.poll(0)
            print(mask, pipe.asked, [ev for _, ev in r])
        c, s = PollPipe(), PollPipe()
        c.other, s.other = s, c
        c.block_reads = c.block_writes = True
        cs = ssl.wrap_socket(c, do_handshake=False)
        ss = ssl.wrap_socket(s, key=KEY, cert=CERT, server_side=True, do_handshake=False)
        t(lambda: cs.read(16))
        ask(cs, c, 1)
        ask(cs, c, 4)
        c.block_writes = False
        t(lambda: cs.read(16))
        ask(cs, c, 1)
        ask(cs, c, 4)
        t(lambda: cs.write(b'foo'))
        ask(cs, c, 1)
        ask(cs, c, 4)
        c.block_reads = False
        shake(c, cs, s, ss)
        cs.write(b'foobar')
        t(lambda: ss.read(3))
        s.block_reads = True
        ask(ss, s, 1)
        t(lambda: ss.read(3))
        cs.close()
        ask(cs, c, 1)
    """)

# asyncio.stream: Stream (StreamReader/StreamWriter), open_connection, start_server
# (jitvm guest library). A Stream wraps any non-blocking stream whose read/readinto/readline/
# write return None when they would block: the board's sockets, micropython.RingIO, or a guest
# io.IOBase with ioctl; waiting is the loop's IOQueue.

from . import core


def _wait_readable(s):
    core._io_queue.queue_read(s)
    yield


def _wait_writable(s):
    core._io_queue.queue_write(s)
    yield


class Stream:
    def __init__(self, s, e={}):  # noqa: B006 - read-only default, as MicroPython's
        self.s = s
        self.e = e
        self.out_buf = b""

    def get_extra_info(self, v):
        return self.e[v]

    def close(self):
        pass

    async def wait_closed(self):
        self.s.close()

    async def read(self, n=-1):
        # n >= 0: whatever the first successful read gives (b"" at end of stream);
        # n < 0: everything up to the end of the stream.
        got = b""
        while True:
            await _wait_readable(self.s)
            chunk = self.s.read(n)
            if chunk is None:
                continue
            if n >= 0:
                return chunk
            if not chunk:
                return got
            got += chunk

    async def readinto(self, buf):
        await _wait_readable(self.s)
        return self.s.readinto(buf)

    async def readexactly(self, n):
        got = b""
        while n:
            await _wait_readable(self.s)
            chunk = self.s.read(n)
            if chunk is None:
                continue
            if not chunk:
                raise EOFError
            got += chunk
            n -= len(chunk)
        return got

    async def readline(self):
        line = b""
        while True:
            await _wait_readable(self.s)
            part = self.s.readline()
            if part is None:
                continue
            line += part
            # Done at end of stream or at a newline (10: the last item of bytes or str alike).
            if not part or line[-1] == 10:
                return line

    def write(self, buf):
        # Written at once if nothing is queued and the stream takes it; the rest waits for
        # drain().
        if not self.out_buf:
            n = self.s.write(buf)
            if n == len(buf):
                return
            if n is not None:
                buf = buf[n:]
        self.out_buf += buf

    async def drain(self):
        if not self.out_buf:
            # Yield even so: a loop of write() + drain() must let other tasks run.
            return await core.sleep_ms(0)
        view = memoryview(self.out_buf)
        sent = 0
        while sent < len(view):
            await _wait_writable(self.s)
            n = self.s.write(view[sent:])
            if n is not None:
                sent += n
        self.out_buf = b""

    # MicroPython's legacy uasyncio names
    async def aclose(self):
        await self.wait_closed()

    async def awrite(self, buf, off=0, sz=-1):
        if off != 0 or sz != -1:
            buf = memoryview(buf)
            if sz == -1:
                sz = len(buf)
            buf = buf[off : off + sz]
        self.write(buf)
        await self.drain()

    awritestr = awrite


StreamReader = Stream
StreamWriter = Stream


async def open_connection(host, port, ssl=None, server_hostname=None):
    import socket
    from errno import EINPROGRESS

    ai = socket.getaddrinfo(host, port, 0, socket.SOCK_STREAM)[0]
    s = socket.socket(ai[0], ai[1], ai[2])
    s.setblocking(False)
    try:
        s.connect(ai[-1])
    except OSError as er:
        if er.errno != EINPROGRESS:
            raise er  # noqa: TRY201 - explicit: simpler for the guest VM
    if ssl:
        if ssl is True:
            import ssl as _ssl

            ssl = _ssl.SSLContext(_ssl.PROTOCOL_TLS_CLIENT)
        s = ssl.wrap_socket(s, server_hostname=server_hostname or host,
                            do_handshake_on_connect=False)
        s.setblocking(False)
    stream = Stream(s)
    await _wait_writable(s)
    return stream, stream


class Server:
    # What start_server returns: its accept loop runs as a task; close() ends it.

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        self.close()
        await self.wait_closed()

    def close(self):
        self.closing = True
        self.task.cancel()

    async def wait_closed(self):
        await self.task

    async def _serve(self, s, cb, ssl):
        self.closing = False
        while True:
            try:
                await _wait_readable(s)
            except core.CancelledError as er:
                s.close()
                if self.closing:
                    return  # close() asked for it: not an error
                raise er  # noqa: TRY201 - explicit: simpler for the guest VM
            try:
                s2, addr = s.accept()
            except Exception:  # noqa: BLE001 - a failed accept is skipped, as MicroPython does
                continue
            if ssl:
                try:
                    s2 = ssl.wrap_socket(s2, server_side=True, do_handshake_on_connect=False)
                except OSError as e:
                    core.sys.print_exception(e)
                    s2.close()
                    continue
            s2.setblocking(False)
            peer = Stream(s2, {"peername": addr})
            core.create_task(cb(peer, peer))


async def start_server(cb, host, port, backlog=5, ssl=None):
    import socket

    ai = socket.getaddrinfo(host, port)[0]
    s = socket.socket(ai[0])
    s.setblocking(False)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(ai[-1])
    s.listen(backlog)
    srv = Server()
    srv.task = core.create_task(srv._serve(s, cb, ssl))
    try:
        # Let the accept loop start, so that it is the one to see a cancellation.
        await core.sleep_ms(0)
    except core.CancelledError as er:
        srv.task.cancel()
        raise er  # noqa: TRY201 - explicit: simpler for the guest VM
    return srv

"""asyncio's streams hand the guest its loop's IOQueue (a select.poll inside), Stream objects
over sockets, Server and ThreadSafeFlag: none leads to the host's poller, connections, sockets,
frames or globals."""

from tests.interp.helpers import jitvm_run

WALK = """
import asyncio, socket
q = asyncio.core._io_queue
p = q.poller
flag = asyncio.ThreadSafeFlag()
s = socket.socket()
w = asyncio.StreamWriter(s, {})
chains = [
    lambda: p._objs, lambda: p.__class__.__dict__, lambda: type(p).__dict__['poll'],
    lambda: p.poll.__self__._objs, lambda: p.poll.__func__, lambda: p.poll.__globals__,
    lambda: p._wait_input, lambda: type(p).__mro__, lambda: p.__reduce_ex__(2),
    lambda: w.s._c, lambda: w.s._c.stream, lambda: type(w.s).__dict__,
    lambda: w.s.connect.__self__._c, lambda: w.s.read.__func__.__globals__,
    lambda: w.s.__class__.__subclasses__(), lambda: flag.ioctl.__self__.__class__.__bases__[0].__subclasses__(),
    lambda: type(flag).__bases__[0].__dict__, lambda: flag.__class__.__base__.__init__.__globals__,
    lambda: asyncio.core.select.poll.__globals__, lambda: asyncio.core.select.__loader__,
]
n = 0
for i, c in enumerate(chains):
    try:
        v = c()
        print('REACHED', i, v)
    except (AttributeError, TypeError, KeyError, NameError):
        n += 1
print('blocked', n, 'of', len(chains))

async def main():
    flag.set()
    await flag.wait()
    srv = await asyncio.start_server(lambda r, w: None, '0.0.0.0', 80)
    srv.close()
    await srv.wait_closed()
    print('loop ran')
asyncio.run(main())
"""


def test_asyncio_stream_objects_give_no_way_out(tmp_path):
    r = jitvm_run(tmp_path, WALK)
    assert "REACHED" not in r.stdout, r.stdout
    assert "blocked 20 of 20" in r.stdout, r.stdout + r.stderr
    assert "loop ran" in r.stdout, r.stdout + r.stderr
    assert r.returncode == 0, r.stderr

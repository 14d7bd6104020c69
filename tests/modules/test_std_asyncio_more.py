"""jitvm's asyncio (jitvm/lib/asyncio) run by jitvm, against the real MicroPython binary's own
asyncio: each program below is run by both (`jitvm run`, `micropython`) and must print the same.

The programs cover what tests/modules/test_std_asyncio.py (which runs the package on MicroPython
itself) cannot: the loop on jitvm's clock and scheduler. Busy tasks beside sleeping ones,
Event.set()/ThreadSafeFlag.set() from a micropython.schedule callback while no task is queued,
Loop.stop()/run_forever()/new_event_loop(), wait_for cancelled from outside as its task ends,
gather() of tasks that already failed, and Stream (StreamReader/StreamWriter) over guest io.IOBase
streams with ioctl and over micropython.RingIO. Timing margins are >= 20 ms.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

MICROPYTHON = Path(sys.executable).parent / "micropython"

PROGRAMS = {
    "busy-tasks-leave-timed-tasks-on-time": r'''
import asyncio
async def busy(name, counts):
    while True:
        counts[name] = counts.get(name, 0) + 1
        await asyncio.sleep(0)
async def timed(name, period_ms):
    while True:
        print(name, "work")
        await asyncio.sleep_ms(period_ms)
async def main():
    counts = {}
    ts = [asyncio.create_task(busy("b1", counts)), asyncio.create_task(timed("t100", 100)),
          asyncio.create_task(timed("t180", 180)), asyncio.create_task(busy("b2", counts))]
    await asyncio.sleep_ms(450)
    for t in ts:
        t.cancel()
    await asyncio.sleep_ms(0)
    print("busy tasks ran", counts["b1"] > 10, counts["b2"] > 10, abs(counts["b1"] - counts["b2"]) <= 1)
    print("finish")
asyncio.run(main())
''',
    "loop-waits-for-event-set-by-scheduled-callback": r'''
import asyncio, micropython, time
ev = asyncio.Event()
flag = asyncio.ThreadSafeFlag()
def watchdog(arg):
    end, what = arg
    if time.ticks_diff(end, time.ticks_ms()) > 0:
        micropython.schedule(watchdog, arg)
        return
    print("watchdog sets", what)
    (ev if what == "event" else flag).set()
async def waiter():
    print("waiting for the event, nothing else queued")
    watchdog((time.ticks_add(time.ticks_ms(), 50), "event"))
    print("woke:", await ev.wait())
async def flag_waiter():
    print("waiting for the flag, nothing else queued")
    watchdog((time.ticks_add(time.ticks_ms(), 50), "flag"))
    await flag.wait()
    print("flag woke")
async def main():
    await waiter()
    await flag_waiter()
    print("main done")
asyncio.run(main())
print("after run")
''',
    "threadsafeflag-wakes-at-next-poll": r'''
import asyncio, micropython
async def task(name, flag):
    print(name, "waits")
    await flag.wait()
    print(name, "done")
async def main():
    flag = asyncio.ThreadSafeFlag()
    print(isinstance(flag, __import__("io").IOBase))
    t = asyncio.create_task(task("a", flag))
    await asyncio.sleep(0)
    print("set"); flag.set()
    await asyncio.sleep(0)
    print("main after set")
    await t
    t = asyncio.create_task(task("b", flag))
    await asyncio.sleep(0)
    micropython.schedule(lambda f: f.set(), flag)
    await asyncio.sleep(0)
    print("main after schedule")
    await t
    flag.set(); flag.clear()
    t = asyncio.create_task(task("c", flag))
    await asyncio.sleep(0)
    try:
        await asyncio.wait_for(t, 0.05)
    except asyncio.TimeoutError:
        print("c timed out")
    flag.set()
    await flag.wait()
    print("set before wait: no block")
    t1 = asyncio.create_task(task("d", flag))
    await asyncio.sleep(0)
    t1.cancel()
    try:
        await t1
    except asyncio.CancelledError:
        print("d cancelled")
asyncio.run(main())
''',
    "loop-stop-run-forever-new-event-loop": r'''
import asyncio
async def worker(name, n):
    for i in range(n):
        print(name, i)
        await asyncio.sleep(0)
async def main():
    print("main start")
    loop.stop()
    loop.stop()
    await asyncio.sleep(0)
    print("main resumed")
    loop.create_task(worker("w", 5))
    await asyncio.sleep(0)
    loop.stop()
    await asyncio.sleep(0)
    print("main end")
    loop.stop()
loop = asyncio.get_event_loop()
loop.create_task(main())
for i in range(3):
    print("run_forever", i)
    loop.run_forever()
print("old loop left with tasks; a new loop starts empty")
loop = asyncio.new_event_loop()
async def quick():
    print("quick")
    loop.stop()
loop.create_task(quick())
loop.run_forever()
print(asyncio.run(asyncio.sleep_ms(1) and worker("x", 2)))
''',
    "wait-for-cancelled-as-its-task-finishes": r'''
import asyncio
async def job(i, ms):
    await asyncio.sleep_ms(ms)
    print("job", i, "finished")
    return i
async def guarded(i, ms):
    try:
        r = await asyncio.wait_for(job(i, ms), 1)
        print("guarded", i, "got", r)
    except asyncio.CancelledError as e:
        print("guarded", i, "cancelled", repr(e))
        raise e
async def main():
    for rounds in range(6):
        t = asyncio.create_task(guarded(rounds, 0))
        for _ in range(rounds):
            await asyncio.sleep(0)
        print("cancel after", rounds, "yields:", t.cancel())
        try:
            print("result", await t)
        except asyncio.CancelledError as e:
            print("outer saw", repr(e))
    try:
        await asyncio.wait_for(job(9, 200), 0.02)
    except asyncio.TimeoutError as e:
        print("timeout", repr(e))
    async def raiser():
        await asyncio.sleep_ms(1)
        raise KeyError("k")
    try:
        await asyncio.wait_for_ms(raiser(), 100)
    except KeyError as e:
        print("KeyError", e)
asyncio.run(main())
''',
    "gather-of-finished-tasks-raises-first-error": r'''
import asyncio
def quiet(loop, ctx):
    pass
async def early(name, ev, fail):
    print("early", name)
    ev.set()
    if fail:
        raise ValueError(name)
    return name
async def slow():
    for i in range(3):
        print("slow", i)
        await asyncio.sleep(0)
    return "slow"
async def main(with_slow, fail, ret_exc):
    asyncio.get_event_loop().set_exception_handler(quiet)
    evs = [asyncio.Event() for _ in range(3)]
    ts = [asyncio.create_task(slow())] if with_slow else []
    ts += [asyncio.create_task(early(n, e, fail and n != "b")) for n, e in zip("abc", evs)]
    for e in evs:
        await e.wait()
    try:
        print("gathered", await asyncio.gather(*ts, return_exceptions=ret_exc))
    except ValueError as e:
        print("raised", repr(e), ts[0].done())
    if with_slow:
        await ts[0]
for i in range(8):
    print("--", bool(i & 4), bool(i & 2), bool(i & 1))
    asyncio.run(main(bool(i & 4), bool(i & 2), bool(i & 1)))
''',
    "stream-reader-writer-over-ioctl-streams-and-ringio": r'''
import asyncio, io, micropython
class Pipe(io.IOBase):
    # a non-blocking byte pipe with room for `cap` bytes; read/write return None when they would block
    def __init__(self, cap):
        self.buf = bytearray()
        self.cap = cap
        self.eof = False
    def ioctl(self, req, flags):
        if req != 3:
            return -1
        ev = 0
        if flags & 1 and (self.buf or self.eof):
            ev |= 1
        if flags & 4 and len(self.buf) < self.cap:
            ev |= 4
        return ev
    def read(self, n=-1):
        if not self.buf:
            return b"" if self.eof else None
        n = len(self.buf) if n < 0 else min(n, len(self.buf))
        out = bytes(self.buf[:n])
        self.buf = self.buf[n:]
        return out
    def readinto(self, b):
        d = self.read(len(b))
        if d is None:
            return None
        b[:len(d)] = d
        return len(d)
    def readline(self):
        if not self.buf:
            return b"" if self.eof else None
        k = self.buf.find(b"\n")
        return self.read(len(self.buf) if k < 0 else k + 1)
    def write(self, b):
        room = self.cap - len(self.buf)
        if room <= 0:
            return None
        self.buf += b[:room]
        return min(room, len(b))
    def close(self):
        print("pipe closed")

async def producer(w, lines):
    for line in lines:
        w.write(line)
        await w.drain()
    print("producer done")

async def main():
    p = Pipe(8)
    w = asyncio.StreamWriter(p, {"peername": ("pipe", 0)})
    r = asyncio.StreamReader(p)
    print(asyncio.StreamReader is asyncio.StreamWriter, w.get_extra_info("peername"))
    t = asyncio.create_task(producer(w, [b"first line\n", b"second\n", b"x" * 20 + b"\n"]))
    print(await r.readline())
    print(await r.readline())
    print(await r.readexactly(5))
    buf = bytearray(4)
    print(await r.readinto(buf), buf)
    print(await r.readline())
    await t
    w.write(b"tail")
    p.eof = True
    print(await r.read())
    print(await r.read(3))
    try:
        await r.readexactly(2)
    except EOFError:
        print("EOFError")
    await w.awrite(b"abcdef", 1, 3)
    print(p.read())
    await w.drain()
    w.close()
    await w.wait_closed()
    rb = micropython.RingIO(10)
    rs = asyncio.StreamWriter(rb)
    rs.write(b"0123456789ABCDEF\n")
    async def drain_it():
        await rs.drain()
        print("ring drained")
    dt = asyncio.create_task(drain_it())
    print(await rs.readline())
    await dt

asyncio.run(main())
''',
}


def _run(cmd: list[str], cwd: Path) -> str:
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120,
                       env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    return r.stdout + r.stderr + f"[exit {r.returncode}]"


@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_same_output_as_micropython(name: str, tmp_path: Path) -> None:
    (tmp_path / "main.py").write_text(PROGRAMS[name])
    reference = _run([str(MICROPYTHON), "main.py"], tmp_path)
    ours = _run([sys.executable, "-m", "jitvm", "run", "main.py"], tmp_path)
    # Guard against both sides failing the same way.
    assert reference.endswith("[exit 0]") and "Traceback" not in reference, reference
    assert ours == reference

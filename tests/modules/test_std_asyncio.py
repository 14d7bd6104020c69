"""jitvm's guest asyncio package (jitvm/lib/asyncio) against MicroPython's own asyncio.

The package is guest Python. Each program runs twice on the real MicroPython binary: once with
the built-in asyncio, once with jitvm's package imported as `jasyncio`; the outputs must match.
Every timing decision in the programs has a margin of at least 2 * 10 ms * SCALE.
"""

import importlib.util
import shutil
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "std_harness", Path(__file__).with_name("test_std_harness.py")
)
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)

PACKAGE = Path(__file__).resolve().parents[2] / "jitvm" / "lib" / "asyncio"
SCALE = 2

TASKS_PROGRAM = r"""
async def worker(name, n, delay):
    for i in range(n):
        print(name, i)
        await asyncio.sleep_ms(delay)
    return name + '!'

async def boom():
    await asyncio.sleep_ms(ms(10))
    raise ValueError('bad')

async def forever():
    try:
        while True:
            await asyncio.sleep_ms(ms(40))
            print('tick')
    except asyncio.CancelledError:
        print('forever cancelled')
        raise

async def main():
    t1 = asyncio.create_task(worker('a', 3, ms(40)))
    t2 = asyncio.create_task(worker('b', 2, ms(60)))
    print('created', t1.done())
    print(await t1, await t2, t1.done())
    print(await asyncio.gather(worker('c', 2, ms(20)), worker('d', 1, ms(5))))
    try:
        await asyncio.gather(worker('e', 3, ms(20)), boom())
    except ValueError as e:
        print('gather err', e)
    await asyncio.sleep_ms(ms(100))  # let the e worker finish alone
    print(await asyncio.gather(boom(), worker('f', 1, ms(10)), return_exceptions=True))
    try:
        await asyncio.wait_for(worker('g', 10, ms(40)), ms(100) / 1000)
    except asyncio.TimeoutError:
        print('timeout')
    print(await asyncio.wait_for(worker('h', 1, ms(10)), 1))
    print(await asyncio.wait_for_ms(worker('i', 1, ms(10)), ms(500)))
    try:
        await asyncio.wait_for(boom(), 1)
    except ValueError as e:
        print('wait_for err', e)
    f = asyncio.create_task(forever())
    await asyncio.sleep_ms(ms(100))
    print('cancel ->', f.cancel())
    try:
        await f
    except asyncio.CancelledError:
        print('awaited cancelled')
    print('cancel again ->', f.cancel(), f.done())
    print(await asyncio.gather())
    try:
        asyncio.current_task().cancel()
    except RuntimeError as e:
        print('self', e)
    print(asyncio.current_task() is not None)
    return 'main done'

print(asyncio.run(main()))
"""

SYNC_PROGRAM = r"""
ev = asyncio.Event()
lock = asyncio.Lock()

async def waiter(name):
    print(name, 'waiting', ev.is_set())
    r = await ev.wait()
    print(name, 'woke', r)

async def locker(name, hold):
    print(name, 'wants lock', lock.locked())
    async with lock:
        print(name, 'has lock', lock.locked())
        await asyncio.sleep_ms(hold)
    print(name, 'released', lock.locked())

async def boom(msg):
    await asyncio.sleep_ms(ms(5))
    raise KeyError(msg)

async def inner():
    try:
        await asyncio.sleep_ms(ms(1000))
    except asyncio.CancelledError:
        print('inner cancelled')
        raise

async def outer():
    t = asyncio.create_task(inner())
    try:
        await t
    except asyncio.CancelledError:
        print('outer saw cancel', t.done())
        return 'outer-ret'

def handler(loop, ctx):
    print('handler:', ctx['message'], type(ctx['exception']).__name__, ctx['exception'])

async def main():
    ws = [asyncio.create_task(waiter(n)) for n in ('w1', 'w2', 'w3')]
    await asyncio.sleep_ms(ms(20))
    ev.set()
    await asyncio.sleep_ms(ms(0))
    print('after set', ev.is_set())
    ev.clear()
    print('cleared', ev.is_set())
    await asyncio.sleep_ms(ms(10))
    ls = [asyncio.create_task(locker(n, ms(30))) for n in ('l1', 'l2', 'l3')]
    await asyncio.sleep_ms(ms(10))
    # cancel a task waiting for the lock
    print('cancel l3', ls[2].cancel())
    await asyncio.gather(ls[0], ls[1])
    print('lock free', lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print('release err', e)
    await lock.acquire()
    print('acquired directly', lock.locked())
    lock.release()
    # cancel forwarding
    o = asyncio.create_task(outer())
    await asyncio.sleep_ms(ms(20))
    print('cancel outer', o.cancel())
    print('outer result', await o)
    # unawaited exception goes to the handler
    asyncio.get_event_loop().set_exception_handler(handler)
    print(asyncio.get_event_loop().get_exception_handler() is handler)
    t = asyncio.create_task(boom('lost'))
    await asyncio.sleep_ms(ms(30))
    print('t done', t.done())
    try:
        await t
    except Exception as e:
        print('await reported:', type(e).__name__, e)
    t2 = asyncio.create_task(boom('caught'))
    await asyncio.sleep_ms(ms(0))
    try:
        await t2
    except KeyError as e:
        print('caught', e)
    # event wait with timeout
    try:
        await asyncio.wait_for(ev.wait(), ms(50) / 1000)
    except asyncio.TimeoutError:
        print('event timeout')
    asyncio.create_task(waiter('late'))
    await asyncio.sleep_ms(ms(10))
    ev.set()
    await asyncio.sleep_ms(ms(10))
    # cancel a task that never started
    t3 = asyncio.create_task(boom('never'))
    print('cancel unstarted', t3.cancel())
    await asyncio.sleep_ms(ms(0))
    print('t3 done', t3.done())
    # wait_for cancelled from outside
    async def wf():
        try:
            await asyncio.wait_for(inner(), 1)
        except asyncio.CancelledError:
            print('wf cancelled')
    w = asyncio.create_task(wf())
    await asyncio.sleep_ms(ms(20))
    w.cancel()
    await asyncio.sleep_ms(ms(20))
    print('w done', w.done())
    # gather cancelled
    async def g():
        try:
            await asyncio.gather(inner(), inner())
        except asyncio.CancelledError:
            print('gather cancelled')
    gt = asyncio.create_task(g())
    await asyncio.sleep_ms(ms(20))
    gt.cancel()
    await asyncio.sleep_ms(ms(20))
    # gather on finished task
    async def quick():
        await asyncio.sleep_ms(ms(1))
    done_t = asyncio.create_task(quick())
    await asyncio.sleep_ms(ms(10))
    print('gather finished:', await asyncio.gather(done_t, quick()))
    busy = asyncio.create_task(quick())
    async def aw():
        return await busy
    awt = asyncio.create_task(aw())
    await asyncio.sleep_ms(ms(0))
    try:
        await asyncio.gather(busy)
    except RuntimeError as e:
        print('gather busy:', e)
    await awt
    return 7

loop = asyncio.get_event_loop()
print(loop.run_until_complete(main()))

async def stopper():
    await asyncio.sleep_ms(ms(10))
    print('stopping')
    asyncio.get_event_loop().stop()

asyncio.create_task(stopper())
asyncio.get_event_loop().run_forever()
print('after run_forever')

async def main2():
    await asyncio.sleep_ms(ms(5))
    raise OSError(5)
try:
    asyncio.run(main2())
except OSError as e:
    print('main raised', e)

async def main3():
    tsf = asyncio.ThreadSafeFlag()
    async def setter():
        await asyncio.sleep_ms(ms(20))
        print('setting flag')
        tsf.set()
    asyncio.create_task(setter())
    await tsf.wait()
    print('flag seen')
    tsf.set()
    await tsf.wait()
    print('flag seen again')
    try:
        await asyncio.wait_for(tsf.wait(), ms(30) / 1000)
    except asyncio.TimeoutError:
        print('flag timeout')
asyncio.run(main3())
try:
    asyncio.run(asyncio.sleep_ms(ms(1)))
except TypeError as e:
    print('run sleep:', e)
try:
    asyncio.current_task()
except RuntimeError as e:
    print(e)
try:
    asyncio.create_task(5)
except TypeError as e:
    print(e)
"""


@pytest.fixture(scope="module")
def lib_dir(tmp_path_factory: pytest.TempPathFactory) -> str:
    root = tmp_path_factory.mktemp("guestlib")
    shutil.copytree(PACKAGE, root / "jasyncio")
    return str(root)


def run_both(program: str, lib_dir: str) -> tuple[str, str]:
    body = f"def ms(n):\n    return n * {SCALE}\n" + program
    reference = harness.run_micropython("import asyncio\n" + body)
    ours = harness.run_micropython("import jasyncio as asyncio\n" + body, path=[lib_dir])
    return reference, ours


@pytest.mark.parametrize(
    ("program", "last_line"),
    [(TASKS_PROGRAM, "main done"), (SYNC_PROGRAM, "coroutine expected")],
    ids=["tasks-gather-wait_for-cancel", "event-lock-flag-loop"],
)
def test_asyncio_program_matches_micropython(program: str, last_line: str, lib_dir: str) -> None:
    reference, ours = run_both(program, lib_dir)
    # Guard against both sides failing the same way.
    assert "Traceback" not in reference and reference.strip().endswith(last_line), reference
    assert ours == reference


def test_asyncio_public_names_match_micropython(lib_dir: str) -> None:
    # MicroPython's names minus the module-level imports its core re-exports by `import *`.
    io_only = {"select", "sys", "ticks", "ticks_add", "ticks_diff", "cur_task", "core", "event"}
    out = harness.run_micropython(
        "import jasyncio\nfor n in dir(jasyncio): print(n)", path=[lib_dir]
    )
    ours = {n for n in out.split() if not n.startswith("_")}
    expected = harness.micropython_dir("asyncio") - io_only
    assert expected <= ours, expected - ours

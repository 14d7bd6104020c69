# producer/consumer over a list guarded by an Event
import asyncio
async def producer(buf, ev, items):
    for it in items:
        buf.append(it)
        ev.set()
        await asyncio.sleep(0)
    buf.append(None)
    ev.set()
async def consumer(buf, ev, got):
    while True:
        while not buf:
            ev.clear()
            await ev.wait()
        item = buf.pop(0)
        if item is None:
            return len(got)
        got.append(item * 2)
async def main():
    buf, got = [], []
    ev = asyncio.Event()
    n, _ = await asyncio.gather(consumer(buf, ev, got), producer(buf, ev, range(6)))
    print(n, got)
asyncio.run(main())
async def main2():
    buf, got = [], []
    ev = asyncio.Event()
    c = asyncio.create_task(consumer(buf, ev, got))
    await producer(buf, ev, 'abc')
    print(await c, got)
asyncio.run(main2())

# asyncio.Event coordinates tasks
import asyncio
log = []
async def waiter(name, ev):
    log.append(name + ' waiting')
    await ev.wait()
    log.append(name + ' woke')
async def main():
    ev = asyncio.Event()
    print('is_set', ev.is_set())
    tasks = [asyncio.create_task(waiter(n, ev)) for n in ('w1', 'w2')]
    await asyncio.sleep(0)
    log.append('setting')
    ev.set()
    for t in tasks:
        await t
    print('is_set', ev.is_set())
    ev.clear()
    print('is_set', ev.is_set())
asyncio.run(main())
print(log[:2], log[2], sorted(log[3:]))

# asyncio.create_task runs tasks concurrently; awaiting a task gives its result
import asyncio
log = []
async def worker(name, steps):
    for i in range(steps):
        log.append('%s%d' % (name, i))
        await asyncio.sleep(0)
    return name.upper()
async def main():
    t1 = asyncio.create_task(worker('a', 3))
    t2 = asyncio.create_task(worker('b', 2))
    log.append('tasks created')
    r1 = await t1
    r2 = await t2
    return r1, r2
print(asyncio.run(main()))
print(log)
print(sorted(log) == sorted(['tasks created', 'a0', 'a1', 'a2', 'b0', 'b1']))

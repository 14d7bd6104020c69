# asyncio.Lock serialises critical sections
import asyncio
log = []
async def critical(name, lock):
    async with lock:
        log.append(name + ' in')
        await asyncio.sleep(0)
        await asyncio.sleep(0)
        log.append(name + ' out')
async def main():
    lock = asyncio.Lock()
    print('locked', lock.locked())
    await asyncio.gather(critical('a', lock), critical('b', lock), critical('c', lock))
    print('locked', lock.locked())
    await lock.acquire()
    print('locked', lock.locked())
    lock.release()
    print('locked', lock.locked())
asyncio.run(main())
pairs = [(log[i], log[i + 1]) for i in range(0, len(log), 2)]
print(all(a.split()[0] == b.split()[0] and a.endswith('in') and b.endswith('out') for a, b in pairs))
print(sorted(log))

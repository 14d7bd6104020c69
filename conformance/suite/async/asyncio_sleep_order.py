# tasks with sleep(0) interleave; results do not depend on wall-clock time
import asyncio
async def count(name, n, out):
    for i in range(n):
        out.append((name, i))
        await asyncio.sleep(0)
async def main():
    out = []
    await asyncio.gather(count('x', 3, out), count('y', 3, out))
    print(len(out), sorted(out))
    xs = [i for n, i in out if n == 'x']
    ys = [i for n, i in out if n == 'y']
    print(xs, ys)
    await asyncio.sleep(0.001)
    await asyncio.sleep_ms(1) if hasattr(asyncio, 'sleep_ms') else await asyncio.sleep(0.001)
    print('slept')
asyncio.run(main())

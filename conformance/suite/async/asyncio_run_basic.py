# asyncio.run drives a coroutine to completion and returns its value
import asyncio
async def compute(x):
    await asyncio.sleep(0)
    return x * x
async def main():
    a = await compute(3)
    b = await compute(4)
    return a + b
print(asyncio.run(main()))
async def nested():
    async def inner(v):
        await asyncio.sleep(0)
        return v + 1
    total = 0
    for i in range(5):
        total += await inner(i)
    return total
print(asyncio.run(nested()))
async def raises():
    await asyncio.sleep(0)
    raise ValueError('from coroutine')
try:
    asyncio.run(raises())
except ValueError as e:
    print('caught', e)

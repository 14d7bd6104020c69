# asyncio.gather collects results in argument order
import asyncio
async def square(x, yields):
    for _ in range(yields):
        await asyncio.sleep(0)
    return x * x
async def main():
    r = await asyncio.gather(square(1, 3), square(2, 0), square(3, 1))
    print(r)
    r = await asyncio.gather(*[square(i, i % 3) for i in range(6)])
    print(r)
    r = await asyncio.gather()
    print(r)
asyncio.run(main())
async def failing():
    await asyncio.sleep(0)
    raise KeyError('bad')
async def main2():
    try:
        await asyncio.gather(square(1, 1), failing())
    except KeyError as e:
        print('gather raised', e.args)
    r = await asyncio.gather(square(5, 1), failing(), return_exceptions=True)
    print(r[0], type(r[1]).__name__)
asyncio.run(main2())

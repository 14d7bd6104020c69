# exceptions inside tasks surface when the task is awaited
import asyncio
async def bad(n):
    await asyncio.sleep(0)
    if n:
        raise ValueError('task failed %d' % n)
    return 'ok'
async def main():
    t_ok = asyncio.create_task(bad(0))
    t_bad = asyncio.create_task(bad(7))
    print(await t_ok)
    try:
        await t_bad
    except ValueError as e:
        print('awaited exception:', e)
    print(t_ok.done(), t_bad.done())
asyncio.run(main())

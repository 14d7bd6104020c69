# asyncio.wait_for: completing in time returns the value, otherwise TimeoutError
import asyncio
async def quick():
    await asyncio.sleep(0)
    return 'quick result'
async def forever(ev):
    try:
        await ev.wait()
    except asyncio.CancelledError:
        print('forever was cancelled')
        raise
async def main():
    print(await asyncio.wait_for(quick(), 5))
    ev = asyncio.Event()
    try:
        await asyncio.wait_for(forever(ev), 0.01)
    except asyncio.TimeoutError:
        print('TimeoutError')
    print(issubclass(asyncio.TimeoutError, Exception))
asyncio.run(main())

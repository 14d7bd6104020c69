# cancelling a task raises CancelledError inside it
import asyncio
async def sleeper(log):
    try:
        log.append('start')
        await asyncio.sleep(10)
        log.append('not reached')
    except asyncio.CancelledError:
        log.append('cancelled')
        raise
    finally:
        log.append('finally')
async def main():
    log = []
    t = asyncio.create_task(sleeper(log))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        log.append('awaiter saw CancelledError')
    print(log)
    print(t.done())
asyncio.run(main())

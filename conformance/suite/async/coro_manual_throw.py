# throwing exceptions into hand-driven coroutines
class Wait:
    def __await__(self):
        return (yield 'waiting')
    __iter__ = __await__
async def guarded():
    try:
        await Wait()
    except ValueError as e:
        return 'caught ' + str(e)
    return 'no exception'
c = guarded()
print(c.send(None))
try:
    c.throw(ValueError('boom'))
except StopIteration as e:
    print(e.value)
async def unguarded():
    await Wait()
c = unguarded()
c.send(None)
try:
    c.throw(KeyError('k'))
except KeyError as e:
    print('propagated', e.args)
async def cleanup():
    try:
        await Wait()
    finally:
        print('cleanup ran')
c = cleanup()
c.send(None)
c.close()
print('closed')

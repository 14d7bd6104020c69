# coroutines driven by hand with send(None), using a custom awaitable
class Pause:
    # MicroPython's await uses __iter__, CPython's uses __await__: provide both
    def __init__(self, tag):
        self.tag = tag
    def __await__(self):
        got = yield self.tag
        return got
    __iter__ = __await__
async def add_later(a, b):
    x = await Pause('first')
    y = await Pause('second')
    return a + b + x + y
async def main():
    r = await add_later(1, 2)
    return r * 10
c = main()
print(c.send(None))
print(c.send(100))
try:
    c.send(1000)
except StopIteration as e:
    print('result', e.value)
async def no_await():
    return 'immediate'
c = no_await()
try:
    c.send(None)
except StopIteration as e:
    print('result', e.value)

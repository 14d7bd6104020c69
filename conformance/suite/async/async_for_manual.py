# async for over an async iterator, driven by hand
class Ticker:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        return self.i * 10
async def main():
    out = []
    async for v in Ticker(4):
        out.append(v)
    async for v in Ticker(0):
        out.append('never')
    else:
        out.append('else')
    return out
c = main()
try:
    c.send(None)
except StopIteration as e:
    print(e.value)
async def brk():
    async for v in Ticker(10):
        if v == 30:
            break
    return v
try:
    brk().send(None)
except StopIteration as e:
    print('broke at', e.value)

# async with calls __aenter__/__aexit__, driven by hand
class Res:
    def __init__(self, name, log):
        self.name, self.log = name, log
    async def __aenter__(self):
        self.log.append('enter ' + self.name)
        return self.name.upper()
    async def __aexit__(self, et, ev, tb):
        self.log.append('exit %s %s' % (self.name, et.__name__ if et else None))
        return et is KeyError
def run(coro):
    try:
        coro.send(None)
    except StopIteration as e:
        return e.value
log = []
async def main():
    async with Res('a', log) as a, Res('b', log) as b:
        log.append('body %s%s' % (a, b))
    async with Res('c', log):
        raise KeyError('suppressed')
    try:
        async with Res('d', log):
            raise ValueError('kept')
    except ValueError:
        log.append('caught ValueError')
    return 'done'
print(run(main()))
for entry in log:
    print(entry)

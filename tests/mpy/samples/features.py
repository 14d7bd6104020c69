import micropython
x = 12345678901234567890 ** 3
class A:
    def __init__(self, v=1, *a, k=2, **kw):
        self.v = v
    def m(self):
        def inner(q):
            nonlocal x2
            return q + x2
        x2 = 5
        return inner
def gen():
    try:
        yield 1
        yield from [2, 3]
    finally:
        print("f")
async def co():
    await co2()
for i in range(3):
    with open("x") as f:
        pass
print(1.5e100, -3j, b"\x00\xff", (1, 2, ("a", None)), ...)
@micropython.native
def nat(a):
    return a + 1
@micropython.viper
def vip(a: int) -> int:
    return a * 2

# viper's compile-time errors are the module's: exec shows each
def test(code):
    try:
        exec(code)
    except (SyntaxError, ViperTypeError, NotImplementedError) as e:
        print(type(e).__name__, e)


test("@micropython.viper\ndef f(x:int):\n    y = x\n    y = None\n")
test("@micropython.viper\ndef f(x:uint) -> int:\n    return x\n")
test("@micropython.viper\ndef f(x:ptr8):\n    y = x + 1\n")
test("@micropython.viper\ndef f(x:int):\n    y = x < 1.5\n")
test("@micropython.viper\ndef f(x:int):\n    y = x ** 2\n")
test("@micropython.viper\ndef f(x:int):\n    y = x / 2\n")
test("@micropython.viper\ndef f(x:ptr16):\n    x[1] = 'a'\n")
test("@micropython.viper\ndef f(x:ptr16):\n    y = x['a']\n")
test("@micropython.viper\ndef f(x:int) -> int:\n    if x:\n        return x\n    return 0\nprint(f(3), f(0))\n")
test("@micropython.viper\ndef f(x:bool, y:int):\n    z = x + y\n")
test("@micropython.viper\ndef f(a:int, b:int) -> int:\n    c = a\n    c = b\n    return c\nprint(f(1, 2))\n")
test("@micropython.viper\ndef f() -> uint:\n    return uint(-1)\nprint(f())\n")
test("@micropython.viper\ndef f():\n    x = None\n    print(x, uint(-1))\nf()\n")
test("@micropython.native\ndef f(x):\n    return x * 2\nprint(f(21), f('ab'))\n")
test("@micropython.viper\ndef f(x:int):\n    y = -x\n    z = not x\n")
test("@micropython.viper\ndef f(x:ptr8):\n    y = ~x\n")
test("@micropython.viper\ndef f():\n    yield 1\n")
test("@micropython.viper\ndef f(x:int, y:uint):\n    z = x == y\n")
test("@micropython.viper\ndef f(x:uint, y:uint):\n    z = x % y\n")
test("@micropython.viper\ndef f(x:ptr32):\n    x[0] = None\n")
test("@micropython.viper\ndef f(x:int):\n    x[0] = 1\n")
test("@micropython.viper\ndef f(x):\n    raise 1\n")
test("@micropython.viper\ndef f(x: list): pass\n")
test("@micropython.viper\ndef f(x: 1): pass\n")

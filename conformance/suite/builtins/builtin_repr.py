# repr() of builtin values
vals = [0, -5, 2 ** 70, 1.5, -0.25, 'text', "it's", 'say "hi"', 'tab\t', b'bytes', b"q'", [], [1, [2]], (), (1,), (1, 2), {}, {'a': 1}, None, True, False, set(), bytearray(b'ba')]
for v in vals:
    print(repr(v))
print(repr(repr('x')), repr(str(5)), repr(...), repr(frozenset()))

# str() conversions
print(str(), str(1), str(-2.5), str(2 ** 80), str(True), str(None), str([1, 'a']), str((1,)), str({'k': 'v'}), str(b'ab'))
print(str(b'abc', 'utf-8'), str(bytearray(b'xy'), 'utf-8'), str('already'), str(str))
class S:
    def __str__(self):
        return 'custom'
class R:
    def __repr__(self):
        return 'repr only'
print(str(S()), str(R()), str([S()]) if False else '[...]', str([R()]))
print(str(1.0), str(0.1), str(1e16), str(123456789012.0), str(-0.0))

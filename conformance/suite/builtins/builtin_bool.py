# bool() conversions and bool arithmetic
for v in (0, 1, -1, 0.0, 0.1, '', 'a', [], [0], (), {}, {0: 0}, set(), None, b'', b'\x00', range(0), 0j):
    print(repr(v), bool(v))
print(bool(), True + 1, True * 3, -True, True == 1, False == 0, str(True), repr(False))
print(True and 'x', False or 'y', not True)
class Z:
    def __len__(self):
        return 0
print(bool(Z()), bool(object()))

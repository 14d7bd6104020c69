# len() of builtin containers and user classes
print(len(''), len('abc'), len('é'), len(b'ab'), len(bytearray(5)), len([1, 2]), len((1,)), len({1: 2}), len({1, 2, 3}))
print(len(range(10)), len(range(0, 10, 3)), len(range(10, 0)), len(frozenset('aab')), len([[]] * 4))
class L:
    def __len__(self):
        return 7
print(len(L()))
for bad in (5, None, 1.5):
    try:
        len(bad)
    except TypeError:
        print('TypeError', type(bad).__name__)
d = {}
for i in range(100):
    d[i] = i
print(len(d), len(d.keys()), len(d.values()), len(d.items()))

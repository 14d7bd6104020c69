# hash(): consistency rules only (values differ between implementations)
print(hash(1) == hash(1), hash(1) == hash(1.0), hash(0) == hash(False), hash(1) == hash(True))
print(hash('abc') == hash('ab' + 'c'), hash(b'x') == hash(b'x'), hash((1, 'a')) == hash((1, 'a')))
print(type(hash('s')).__name__, type(hash(2 ** 100)).__name__, hash(5) == 5)
for bad in ([], {}, set()):
    try:
        hash(bad)
    except TypeError:
        print('TypeError', type(bad).__name__)
class H:
    def __hash__(self):
        return 12345
print(hash(H()))
o = object()
print(hash(o) == hash(o))

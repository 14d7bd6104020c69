# frozenset() construction and use as dict keys and set members
fs = frozenset([1, 2, 2, 3])
print(sorted(fs), len(fs), sorted(frozenset()), sorted(frozenset('hello')), sorted(frozenset(range(4))))
print(fs == frozenset([3, 2, 1]), fs == {1, 2, 3}, hash(fs) == hash(frozenset([1, 2, 3])))
groups = {frozenset('ab'): 'ab-group', frozenset('cd'): 'cd-group'}
print(groups[frozenset('ba')], frozenset('dc') in groups)
print(sorted(fs.union([9])), sorted(fs.intersection([2, 3, 4])), sorted(fs.difference([1])), fs.issubset(range(5)))
print(type(fs.union([1])).__name__, type(frozenset(fs)).__name__)

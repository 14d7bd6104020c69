# all() and any() with short-circuiting
print(all([]), any([]), all([1, 2]), all([1, 0]), any([0, 0]), any([0, 1]))
print(all('abc'), any(''), all([[]]), any([[], [0]]), all(x > 0 for x in [1, 2, 3]))
seen = []
def t(v):
    seen.append(v)
    return v
print(any(t(x) for x in [0, 0, 5, 0, 7]), seen)
seen.clear()
print(all(t(x) for x in [1, 2, 0, 3]), seen)
print(all(range(1, 10)), any(range(0)), any({0: 'a', 1: 'b'}))

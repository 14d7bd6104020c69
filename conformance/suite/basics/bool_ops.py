# and/or/not short-circuit and return operand values
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or 'x', '' or [], [] and 1)
print(not 0, not 1, not '', not 'a', not [], not None)
calls = []
def t(v):
    calls.append(v)
    return v
print(t(0) and t(1), calls)
calls.clear()
print(t(1) or t(2), calls)
calls.clear()
print(t(1) and t(0) or t(3), calls)
print(True + True, True * 10, False - 1, int(True), str(False))
print(True == 1, False == 0, True is True, True is not 1)
print(bool(0.0), bool(0j), bool(()), bool(range(0)), bool(range(1)), bool(' '))
x = 5
print(0 < x and x < 10, x > 10 or x == 5, not x > 1)

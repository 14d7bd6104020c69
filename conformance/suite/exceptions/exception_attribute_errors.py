# common runtime errors raised by the VM and caught by type
tests = [
    ('attr', lambda: (1).nope),
    ('none attr', lambda: None.x),
    ('call int', lambda: 5()),
    ('add str int', lambda: 'a' + 1),
    ('index str', lambda: 'ab'[5]),
    ('key', lambda: {}['x']),
    ('div', lambda: 1 % 0),
    ('float div', lambda: 1.0 / 0),
    ('unpack', lambda: [a for a, b in [(1, 2, 3)]]),
    ('int parse', lambda: int('1.5')),
    ('subscript int', lambda: 5[0]),
    ('iter int', lambda: iter(5)),
    ('hash list', lambda: {[]: 1}),
    ('neg shift', lambda: 1 << -1),
    ('chr range', lambda: chr(-1)),
]
for name, f in tests:
    try:
        f()
        print(name, 'no error')
    except Exception as e:
        print(name, type(e).__name__)

# f-string format specs for ints, floats and strings
for v in (0, 7, -7, 255, 1000000):
    print(f'{v:d}|{v:6d}|{v:<6d}|{v:^6d}|{v:06d}|{v:x}|{v:#b}|{v:,}')
for v in (0.5, -2.5, 100.5, 7.0):
    print(f'{v:f}|{v:.1f}|{v:8.3f}|{v:<8.2f}|{v:+.1f}|{v:e}')
for s in ('a', 'abc', 'abcdef'):
    print(f'{s:5}|{s:>5}|{s:^5}|{s:.2}|{s:-<6}')
print(f'{True}', f'{None}', f'{[1, "a"]}', f'{(1,)}')

# f-strings: expressions, nesting, conversions
x = 10
name = 'py'
items = [1, 2, 3]
print(f'x={x}', f'{x + 1}', f'{x * 2:5}', f'{name!r}', f'{name.upper()}')
print(f'{items[1]} {len(items)} {items}')
d = {'k': 'v'}
print(f"{d['k']}", f'{"nested"}')
print(f'{{}} {{x}} {x}')
w = 8
print(f'{x:{w}}|', f'{x:>{w}}|', f'{3.14159:.{2}f}')
print(f'{x if x > 5 else 0}', f'{[7][0]}')
print(f'{x}' f'{name}' 'plain')
print(f'''multi
{x}''')
print(f'{x=}', f'{w=}')
print(f'{name:*^9}', f'{-x:+d}')

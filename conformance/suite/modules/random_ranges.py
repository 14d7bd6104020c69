# random.randint/randrange/uniform/choice stay within their bounds
import random
random.seed(1)
ri = [random.randint(3, 7) for _ in range(200)]
print(min(ri) >= 3, max(ri) <= 7, len(set(ri)) > 1)
rr = [random.randrange(0, 10, 3) for _ in range(200)]
print(all(x in (0, 3, 6, 9) for x in rr))
ru = [random.uniform(-1, 1) for _ in range(200)]
print(all(-1 <= x <= 1 for x in ru))
items = ['a', 'b', 'c']
print(all(random.choice(items) in items for _ in range(50)), random.choice([42]), random.randint(5, 5), random.randrange(9, 10))
try:
    random.choice([])
except IndexError:
    print('IndexError empty choice')

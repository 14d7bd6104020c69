# random.getrandbits widths and random() range
import random
random.seed(123)
for bits in (1, 4, 8, 16, 30, 32):
    vals = [random.getrandbits(bits) for _ in range(100)]
    print(bits, all(0 <= v < (1 << bits) for v in vals), type(vals[0]).__name__)
fl = [random.random() for _ in range(500)]
print(all(0 <= f < 1 for f in fl), any(f < 0.5 for f in fl), any(f > 0.5 for f in fl))

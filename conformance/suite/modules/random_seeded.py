# random with a seed: same seed gives the same sequence (values never printed)
import random
random.seed(42)
a = [random.getrandbits(16) for _ in range(10)]
random.seed(42)
b = [random.getrandbits(16) for _ in range(10)]
print(a == b, all(0 <= x < 65536 for x in a))
random.seed(7)
c = [random.random() for _ in range(5)]
random.seed(7)
print(c == [random.random() for _ in range(5)], all(0.0 <= x < 1.0 for x in c))

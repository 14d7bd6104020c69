# math.isclose and float accumulation checks
import math
print(math.isclose(0.1 + 0.2, 0.3), math.isclose(1.0, 1.1), math.isclose(1.0, 1.05, rel_tol=0.1), math.isclose(0, 1e-12, abs_tol=1e-9))
total = 0.0
for _ in range(10):
    total += 0.1
print(total == 1.0, math.isclose(total, 1.0))
print(math.isclose(math.sqrt(2) ** 2, 2), math.isclose(math.exp(math.log(5)), 5))
print(math.isclose(math.inf, math.inf), math.isclose(math.nan, math.nan))

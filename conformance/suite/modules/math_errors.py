# math: domain and range errors
import math
for f, arg in ((math.sqrt, -1), (math.log, 0), (math.log, -1), (math.acos, 2), (math.asin, -2)):
    try:
        f(arg)
        print('no error')
    except ValueError:
        print('ValueError')
try:
    math.factorial(-1)
except ValueError:
    print('ValueError factorial')
print(math.isfinite(1e308), math.isfinite(math.inf), math.isnan(0.0))
print(math.sqrt(0), math.copysign(0.0, -1), math.fabs(-0.0))

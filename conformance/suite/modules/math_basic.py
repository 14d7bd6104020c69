# math: exact-valued functions and constants
import math
print(math.sqrt(16), math.sqrt(2.25), math.pow(2, 10), math.fabs(-3.5), math.floor(-2.5), math.ceil(-2.5), math.floor(7), math.ceil(7.1))
print(math.trunc(-2.7), math.trunc(2.7), math.copysign(3, -0.0), math.fmod(-7, 3), math.fmod(7, -3))
print(math.factorial(0), math.factorial(10), math.factorial(25))
print(math.modf(2.5), math.modf(-2.5), math.frexp(8.0), math.ldexp(0.75, 4))
print(math.log2(1024), math.log10(1000), math.log(1), math.exp(0), math.log(math.e))
print(round(math.pi, 5), round(math.e, 5), math.isinf(math.inf), math.isnan(math.nan))
print(type(math.floor(2.5)).__name__, type(math.ceil(2.5)).__name__, type(math.trunc(2.5)).__name__)

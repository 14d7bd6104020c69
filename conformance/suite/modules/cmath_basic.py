# cmath: functions with exactly representable or rounded results
import cmath
def r(z, n=9):
    return complex(round(z.real, n) + 0.0, round(z.imag, n) + 0.0)
print(r(cmath.sqrt(-4)), r(cmath.sqrt(3 + 4j)), r(cmath.exp(0)), r(cmath.log(1)))
print(round(cmath.phase(-1), 9), round(cmath.phase(1j), 9), cmath.phase(1))
m, p = cmath.polar(1j)
print(round(m, 9), round(p, 9))
print(r(cmath.rect(2, 0)), r(cmath.rect(1, cmath.pi)), r(cmath.exp(1j * cmath.pi)))
print(r(cmath.cos(0)), r(cmath.sin(0)), round(cmath.pi, 6), round(cmath.e, 6))

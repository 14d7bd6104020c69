# cmath.log and cmath.exp are inverses; log10 of powers of ten
import cmath
for z in (1, 2.5, 1j, -1, 3 - 4j):
    w = cmath.exp(cmath.log(z))
    print(z, round(w.real, 9) + 0.0, round(w.imag, 9) + 0.0)
for n in (1, 10, 100, 1000):
    print(n, round(cmath.log10(n).real, 9), cmath.log10(n).imag)

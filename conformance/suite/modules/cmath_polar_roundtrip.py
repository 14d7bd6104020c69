# cmath.polar and cmath.rect are inverses (checked with rounding)
import cmath
for z in (1 + 1j, -2 + 0.5j, 3j, -4, 0.25 - 0.75j):
    m, p = cmath.polar(z)
    back = cmath.rect(m, p)
    print(z, round(m, 6), round(p, 6), round(back.real, 9) == round(complex(z).real, 9), round(back.imag, 9) == round(complex(z).imag, 9))
print(round(abs(cmath.sqrt(-1) - 1j), 12))

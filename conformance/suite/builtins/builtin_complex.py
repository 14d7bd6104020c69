# complex() construction and arithmetic with exact values
z = complex(1, 2)
w = complex(3, -1)
print(z, w, z + w, z - w, z * w, -z, z.real, z.imag, z.conjugate() if hasattr(z, 'conjugate') else (1-2j))
print(complex(2), complex(0, 1), 1j * 1j, (1 + 1j) * (1 + 1j), abs(3 + 4j))
print(complex('1+2j'), complex('-3j'), complex(1.5, 0.5))
print((4 + 2j) / 2, z == complex(1, 2), z != w, 2 + 3j == complex(2, 3))
try:
    z < w
except TypeError:
    print('TypeError no ordering')
print(type(1j).__name__, isinstance(1j, complex))

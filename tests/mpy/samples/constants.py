# Constants of every kind the object table holds.
BIG = 2 ** 200
NEG_BIG = -(3 ** 150)
HUGE_LITERAL = 123456789012345678901234567890123456789012345678901234567890
F = (1.5, -0.0, 1e-300, 1e300, 3.141592653589793)
C = (2j, -1.25j, 1 + 3j)
B = (b"", b"\x00\x01\x02", bytes(range(10)))
S = ("", "short", "a" * 300, "ünïcødé ✓", "tab\tnew\nline")
T = (1, "two", 3.0, (4, (5, None)), True, False, ...)
print(BIG, NEG_BIG, HUGE_LITERAL, F, C, B, T, len(S[2]))

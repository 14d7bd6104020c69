# unicode escape sequences in string literals
print('\u00e9' == 'é', '\u20ac' == '€', '\U0001f600' == '😀', '\xe9' == 'é')
print(len('\u00e9'), len('\U0001f600'), ord('\u03b1'), ord('\U00010348'))
print('\u0041\u0042', 'caf\u00e9', 'x\u2192y')
print('\u00e9\u00e8'.encode(), '\U0001f600'.encode())
print(b'\xc3\xa9'.decode() == '\u00e9', '\u00e9'.encode() == b'\xc3\xa9')

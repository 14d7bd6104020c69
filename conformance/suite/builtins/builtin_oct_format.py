# number-to-string builtins combined with str.format equivalents
for n in (0, 5, 64, 255, 4096, -9):
    print(n, bin(n) == ('-' if n < 0 else '') + '0b' + '{:b}'.format(abs(n)), hex(n) == ('-' if n < 0 else '') + '0x' + '{:x}'.format(abs(n)), oct(n) == ('-' if n < 0 else '') + '0o' + '{:o}'.format(abs(n)))
print('{:08b}'.format(5), '{:#06x}'.format(255), '{:o}'.format(64))

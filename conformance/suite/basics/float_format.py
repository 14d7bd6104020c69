# formatting floats with fixed precision
vals = [0.0, 1.0, -1.5, 3.14159, 2.71828, 1234.5678, 1e-5, 123456789.0, 0.375]
for v in vals:
    print('%.3f|%8.2f|%-8.1f|%e|%.2e|%g' % (v, v, v, v, v, v))
for v in vals:
    print('{:.4f} {:10.3f} {:<10.1f}| {:+.2f} {:.0f}'.format(v, v, v, v, v))
print('{:.1%}'.format(0.25), '{:.2%}'.format(0.125))
print(f'{3.5:06.2f}', f'{-3.5:06.2f}', f'{1.0:.3e}')
print(str(1.5), str(-0.25), str(100.0), str(1e20), str(1e-10), str(0.5e16))
print(repr(2.0), repr(0.1), repr(1e100))

# math: trigonometry, rounded to avoid last-digit differences
import math
for deg in (0, 30, 45, 60, 90, 180, 270):
    r = math.radians(deg)
    print(deg, '%.6f %.6f %.6f' % (math.sin(r) + 0.0, math.cos(r) + 0.0, math.degrees(r)))
print('%.6f %.6f %.6f %.6f' % (math.atan2(1, 1), math.atan(1), math.asin(1), math.acos(0)))
print('%.6f %.6f %.6f %.6f' % (math.tan(math.pi / 4), math.sinh(1), math.cosh(0), math.tanh(0)))

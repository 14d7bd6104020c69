# MicroPython-only API: ticks arithmetic wraps around the ticks period
import time
if not hasattr(time, 'ticks_add'):
    print('SKIP')
    raise SystemExit
big = time.ticks_add(0, -1)
print(big > 0)
print(time.ticks_diff(time.ticks_add(big, 1), big))
print(time.ticks_diff(0, big), time.ticks_diff(big, 0))
print(time.ticks_add(big, 2))
period_half = (big + 1) // 2
print(time.ticks_diff(time.ticks_add(5, period_half - 1), 5) == period_half - 1)

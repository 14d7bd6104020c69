# MicroPython-only API: time.ticks_ms/ticks_us/ticks_diff/ticks_add/sleep_ms (prints only deterministic facts)
import time
if not hasattr(time, 'ticks_ms'):
    print('SKIP')
    raise SystemExit
a = time.ticks_ms()
time.sleep_ms(1)
b = time.ticks_ms()
print(type(a).__name__, time.ticks_diff(b, a) >= 0)
u1 = time.ticks_us()
time.sleep_us(10)
u2 = time.ticks_us()
print(time.ticks_diff(u2, u1) >= 0)
print(time.ticks_diff(100, 50), time.ticks_diff(50, 100), time.ticks_diff(5, 5))
print(time.ticks_add(100, 5), time.ticks_add(100, -5))
print(time.ticks_diff(time.ticks_add(a, 1000), a))
print(time.ticks_diff(time.ticks_add(a, -1000), a))

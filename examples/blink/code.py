# Blink the board LED five times (CircuitPython).
import time

import board
import digitalio

led = digitalio.DigitalInOut(board.LED)
led.direction = digitalio.Direction.OUTPUT

for i in range(10):
    led.value = not led.value
    print("LED", "on" if led.value else "off", "at", round(time.monotonic(), 3))
    time.sleep(0.5)

led.deinit()

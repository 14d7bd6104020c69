# Toggle the LED from a button interrupt (MicroPython machine.Pin.irq).
import time
from machine import Pin

led = Pin("LED", Pin.OUT, value=0)
button = Pin(2, Pin.IN, Pin.PULL_UP)
presses = 0


def on_press(pin):
    global presses
    presses += 1
    led.toggle()
    print("press", presses, "at", time.ticks_ms(), "ms, LED", led.value())


button.irq(on_press, Pin.IRQ_FALLING)
time.sleep(3)
button.irq(None)
print("presses:", presses)

# Report key presses from two buttons with keypad.Keys (CircuitPython).
import time

import board
import keypad

keys = keypad.Keys((board.D2, board.D3), value_when_pressed=False, pull=True)
names = ("A", "B")
deadline = time.monotonic() + 3

while time.monotonic() < deadline:
    event = keys.events.get()
    if event:
        print(
            names[event.key_number],
            "pressed" if event.pressed else "released",
            "at",
            event.timestamp,
            "ms",
        )
    time.sleep(0.01)

keys.deinit()

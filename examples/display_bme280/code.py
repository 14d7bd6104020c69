# A BME280 reading shown with adafruit_display_text on a 240x240 ST7789 (CircuitPython).
# Unmodified Adafruit libraries in lib/ (jitvm.libs.build_lib compiles them to .mpy).
import time

import adafruit_st7789
import board
import displayio
import fourwire
import terminalio
from adafruit_bme280 import basic as adafruit_bme280
from adafruit_display_text import label

displayio.release_displays()
spi = board.SPI()
bus = fourwire.FourWire(spi, command=board.D6, chip_select=board.D5, reset=board.D9)
display = adafruit_st7789.ST7789(bus, width=240, height=240)

sensor = adafruit_bme280.Adafruit_BME280_I2C(board.I2C(), address=0x77)

root = displayio.Group()
background = displayio.Bitmap(240, 240, 1)
palette = displayio.Palette(1)
palette[0] = 0x000040
root.append(displayio.TileGrid(background, pixel_shader=palette))
title = label.Label(terminalio.FONT, text="BME280", color=0xFFFF00, scale=3, x=10, y=20)
reading = label.Label(terminalio.FONT, text="", color=0xFFFFFF, scale=2, x=10, y=80)
root.append(title)
root.append(reading)
display.root_group = root

for n in range(3):
    text = "%.1f C\n%.1f %%\n%.1f hPa" % (sensor.temperature, sensor.relative_humidity,
                                           sensor.pressure)
    reading.text = text
    print(text.replace("\n", "  "))
    time.sleep(1)

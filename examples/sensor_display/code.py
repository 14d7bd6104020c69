# Read a BME280 and draw its readings as bars on a 128x32 SSD1306 (CircuitPython).
# Uses the unmodified Adafruit drivers; fill lib/ with: python tools/fetch_libs.py examples/sensor_display/lib
import time

import adafruit_ssd1306
import board
from adafruit_bme280 import basic as adafruit_bme280

WIDTH, HEIGHT = 128, 32

i2c = board.I2C()
sensor = adafruit_bme280.Adafruit_BME280_I2C(i2c, address=0x77)
sensor.sea_level_pressure = 1013.25
oled = adafruit_ssd1306.SSD1306_I2C(WIDTH, HEIGHT, i2c, addr=0x3C)


def bar(row, fraction):
    """One 8-pixel-high bar: an outline and a filled part proportional to fraction."""
    fraction = min(1.0, max(0.0, fraction))
    y = row * 11
    oled.rect(0, y, WIDTH, 9, 1)
    oled.fill_rect(1, y + 1, int((WIDTH - 2) * fraction), 7, 1)


for n in range(5):
    temperature = sensor.temperature
    humidity = sensor.relative_humidity
    pressure = sensor.pressure
    print("%.1f C  %.1f %%  %.1f hPa" % (temperature, humidity, pressure))
    oled.fill(0)
    bar(0, temperature / 40)
    bar(1, humidity / 100)
    bar(2, (pressure - 950) / 100)
    oled.show()
    time.sleep(1)

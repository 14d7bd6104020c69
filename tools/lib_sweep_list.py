"""The packages tools/lib_sweep.py runs (PyPI names, all checked to exist) and the probes that
drive the parts hal/scenarios/feather_weather.toml simulates."""

_SENSORS = """
bme280 bme680 bmp280 bmp3xx sht31d sht4x shtc3 ahtx0 scd4x scd30 htu21d si7021  
dps310 lps2x mprls lis3dh lsm6ds mpu6050 adxl34x lis3mdl lis2mdl lsm303-accel  bno055
bno08x icm20x mma8451    vl53l0x vl53l1x vl6180x tsl2591 tsl2561 veml7700
veml6075 ltr390 apds9960 tcs34725 as7341 bh1750 vcnl4040 ina219 ina260 ina3221 ads1x15 mcp3xxx
mcp9808 max31855 max31865  tmp117 pct2075 mlx90614 mlx90640 amg88xx sgp30 sgp40 ccs811
pm25 ds18x20 onewire dht mpr121 cap1188 lc709203f max1704x hcsr04 thermistor
"""
_IO = """
ds3231 ds1307 pcf8523 mcp4725  pca9685 mcp230xx pcf8574 aw9523 tca9548a  seesaw
tlc5947 tlc59711 74hc595 fram sd
"""
_DISPLAYS = """
ssd1306 displayio-ssd1306 displayio-sh1106 displayio-sh1107 st7789 st7735r ili9341 hx8357 ssd1680
  epd sharpmemorydisplay ht16k33 is31fl3731 max7219 display-text display-shapes
bitmap-font imageload progressbar displayio-layout rgb-display  charlcd framebuf
"""
_LEDS_MOTORS = "neopixel dotstar led-animation pixelbuf fancyled pixel-framebuf motor motorkit servokit rgbled"
_UTILS = """
busdevice register typing debouncer ticks asyncio requests minimqtt ntp connectionmanager logging
datetime itertools hid midi rtttl simpleio irremote rfm9x rfm69 gps fingerprint esp32spi wiznet5k
binascii hashlib json-stream templateengine httpserver   colorsys waveform ducky
matrixkeypad cursorcontrol pn532 drv2605 miniqr
"""

PACKAGES = tuple(
    "adafruit-circuitpython-" + name
    for group in (_SENSORS, _IO, _DISPLAYS, _LEDS_MOTORS, _UTILS)
    for name in group.split()
)

_P = "adafruit-circuitpython-"
#: package -> guest code bodies (each a function body returning what to print) run after the
#: imports; the parts and addresses are those of hal/scenarios/feather_weather.toml (the SSD1680
#: e-paper has no simulated panel: its probe only builds the driver's EPaperDisplay subclass).
PROBES = {
    _P + "bme280": ["""
import board
from adafruit_bme280 import basic
s = basic.Adafruit_BME280_I2C(board.I2C())
return round(s.temperature), round(s.pressure), round(s.humidity)
"""],
    _P + "sht31d": ["""
import board, adafruit_sht31d
s = adafruit_sht31d.SHT31D(board.I2C())
return round(s.temperature), round(s.relative_humidity)
"""],
    _P + "ssd1306": ["""
import board, adafruit_ssd1306
d = adafruit_ssd1306.SSD1306_I2C(128, 32, board.I2C())
d.fill(0)
d.pixel(3, 2, 1)
d.show()  # (text() would need font5x8.bin on the drive, as on a board)
return d.width, d.height
"""],
    _P + "displayio-ssd1306": ["""
import board, displayio, i2cdisplaybus, adafruit_displayio_ssd1306
displayio.release_displays()
bus = i2cdisplaybus.I2CDisplayBus(board.I2C(), device_address=0x3C)
d = adafruit_displayio_ssd1306.SSD1306(bus, width=128, height=32)
return d.width, d.height
"""],
    _P + "mcp3xxx": ["""
import board, digitalio
from adafruit_mcp3xxx.mcp3008 import MCP3008
from adafruit_mcp3xxx.analog_in import AnalogIn
adc = MCP3008(board.SPI(), digitalio.DigitalInOut(board.D5))
return round(AnalogIn(adc, 1).voltage, 1)
"""],
    _P + "neopixel": ["""
import board, neopixel
p = neopixel.NeoPixel(board.NEOPIXEL, 1, auto_write=False)
p[0] = (10, 20, 30)
p.show()
return tuple(p[0])
"""],
    _P + "ssd1680": ["""
import board, displayio, fourwire, adafruit_ssd1680
displayio.release_displays()
bus = fourwire.FourWire(board.SPI(), command=board.D9, chip_select=board.D10, baudrate=1000000)
d = adafruit_ssd1680.SSD1680(bus, width=250, height=122, rotation=270)
return d.width, d.height
"""],
    # hal/scenarios/feather_displays.toml (SCENARIOS below): ST7789 on SPI, SH1106 on I2C
    _P + "displayio-sh1106": ["""
import board, displayio, i2cdisplaybus, adafruit_displayio_sh1106
displayio.release_displays()
bus = i2cdisplaybus.I2CDisplayBus(board.I2C(), device_address=0x3C)
d = adafruit_displayio_sh1106.SH1106(bus, width=128, height=64)
return d.width, d.height
"""],
    _P + "st7789": ["""
import board, displayio, fourwire, adafruit_st7789
displayio.release_displays()
bus = fourwire.FourWire(board.SPI(), command=board.D6, chip_select=board.D5, reset=board.D9)
d = adafruit_st7789.ST7789(bus, width=240, height=135, rowstart=40, colstart=53, rotation=270)
d.refresh()
return d.width, d.height
"""],
    _P + "rgb-display": ["""
import board, digitalio
from adafruit_rgb_display import st7789
pin = lambda p: digitalio.DigitalInOut(p)
d = st7789.ST7789(board.SPI(), cs=pin(board.D5), dc=pin(board.D6), rst=pin(board.D9),
                  width=135, height=240, x_offset=53, y_offset=40)
d.fill(0x07E0)
return d.width, d.height
"""],
    # hal/scenarios/feather_onewire.toml: a DS18B20 on D6
    _P + "onewire": ["""
import board
from adafruit_onewire.bus import OneWireBus
return ["".join("%02x" % b for b in d.rom) for d in OneWireBus(board.D6).scan()]
"""],
    _P + "ds18x20": ["""
import board
from adafruit_onewire.bus import OneWireBus
from adafruit_ds18x20 import DS18X20
bus = OneWireBus(board.D6)
return DS18X20(bus, bus.scan()[0]).temperature
"""],
}

#: package -> the scenario its probe needs, if not feather_weather.toml (in hal/scenarios/)
SCENARIOS = {_P + name: "feather_displays.toml" for name in ("displayio-sh1106", "st7789",
                                                              "rgb-display")}
SCENARIOS.update({_P + name: "feather_onewire.toml" for name in ("onewire", "ds18x20")})

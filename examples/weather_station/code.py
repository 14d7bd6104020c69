# A connected weather station (CircuitPython): read a BME280 every 10 s and POST the readings as
# JSON to a web service with the unmodified adafruit_requests library.
# Fill lib/ with: python tools/fetch_libs.py examples/weather_station/lib adafruit-circuitpython-bme280 \
#   adafruit-circuitpython-busdevice adafruit-circuitpython-register \
#   adafruit-circuitpython-requests adafruit-circuitpython-connectionmanager
# Run: jitvm run examples/weather_station --scenario examples/weather_station/scenario.toml
import time

import adafruit_connection_manager
import adafruit_requests
import board
import wifi
from adafruit_bme280 import basic as adafruit_bme280

SSID = "WeatherNet"  # on a real board these come from settings.toml (CIRCUITPY_WIFI_SSID ...)
PASSWORD = "sunny-day-42"
URL = "https://api.weather.example/v1/readings"
STATION = "feather-01"

sensor = adafruit_bme280.Adafruit_BME280_I2C(board.I2C(), address=0x77)

print("connecting to", SSID)
wifi.radio.connect(SSID, PASSWORD)
print("connected, address", wifi.radio.ipv4_address)

pool = adafruit_connection_manager.get_radio_socketpool(wifi.radio)
ssl_context = adafruit_connection_manager.get_radio_ssl_context(wifi.radio)
requests = adafruit_requests.Session(pool, ssl_context)

for n in range(3):
    reading = {
        "station": STATION,
        "temperature": round(sensor.temperature, 1),
        "humidity": round(sensor.relative_humidity, 1),
        "pressure": round(sensor.pressure, 1),
        "uptime": round(time.monotonic(), 1),
    }
    try:
        with requests.post(URL, json=reading) as response:
            print("posted", reading, "->", response.status_code, response.json())
    except OSError as e:  # the network can fail: keep measuring, try again next time
        print("post failed:", e)
    time.sleep(10)

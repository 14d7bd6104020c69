"""Virtual devices for the sim board; ``DEVICE_TYPES`` maps a scenario ``type`` to its class."""

from __future__ import annotations

from hal.sim.devices.basic import AnalogSource, Button, Led
from hal.sim.devices.bme280 import BME280
from hal.sim.devices.ds18b20 import DS18B20
from hal.sim.devices.keymatrix import KeyMatrix
from hal.sim.devices.mcp3008 import MCP3008
from hal.sim.devices.mipi import GC9A01, ILI9341, ST7789
from hal.sim.devices.neopixel import NeoPixelStrip
from hal.sim.devices.sh1106 import SH1106
from hal.sim.devices.sht31 import SHT31D
from hal.sim.devices.ssd1306 import SSD1306
from hal.sim.devices.uart_peer import UartPeer

DEVICE_TYPES = {
    cls.TYPE: cls
    for cls in (
        Led,
        Button,
        AnalogSource,
        NeoPixelStrip,
        BME280,
        SHT31D,
        SSD1306,
        SH1106,
        ST7789,
        ILI9341,
        GC9A01,
        MCP3008,
        DS18B20,
        KeyMatrix,
        UartPeer,
    )
}

__all__ = ["DEVICE_TYPES"]

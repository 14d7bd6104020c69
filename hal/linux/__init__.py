"""The Linux backend: GPIO through libgpiod v2 (``gpiod``), I2C through i2c-dev (``smbus2``), SPI
through spidev (``spidev``).  Those packages are imported only when a linux board is opened."""

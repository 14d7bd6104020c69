# Sensor-driver work: struct pack/unpack of register blocks, bit fields and CRC-8 checks.

import struct


def crc8(data):
    # Sensirion-style CRC-8: polynomial 0x31, init 0xFF
    crc = 0xFF
    for b in data:
        crc ^= b
        for _ in range(8):
            if crc & 0x80:
                crc = ((crc << 1) ^ 0x31) & 0xFF
            else:
                crc = (crc << 1) & 0xFF
    return crc


class FakeDevice:
    """A register map like an I2C temperature/humidity chip."""

    def __init__(self):
        self.regs = bytearray(64)
        # calibration block: three signed and unsigned 16-bit words at 0x10
        struct.pack_into("<HhhH", self.regs, 0x10, 27504, 26435, -1000, 36477)

    def sample(self, i):
        raw_t = 500000 + (i * 37) % 20000
        raw_h = 30000 + (i * 91) % 9000
        # 20-bit temperature, big-endian, left-aligned in 3 bytes (like a BMP280)
        r = self.regs
        r[0x20] = (raw_t >> 12) & 0xFF
        r[0x21] = (raw_t >> 4) & 0xFF
        r[0x22] = (raw_t << 4) & 0xF0
        word = struct.pack(">H", raw_h)
        r[0x24] = word[0]
        r[0x25] = word[1]
        r[0x26] = crc8(word)

    def read(self, reg, n):
        return bytes(self.regs[reg : reg + n])

    def write(self, reg, data):
        self.regs[reg : reg + len(data)] = data


class Driver:
    def __init__(self, dev):
        self.dev = dev
        self.t1, self.t2, self.t3, self.h1 = struct.unpack("<HhhH", dev.read(0x10, 8))
        self.crc_errors = 0

    def configure(self, osrs_t, osrs_p, mode):
        ctrl = ((osrs_t & 7) << 5) | ((osrs_p & 7) << 2) | (mode & 3)
        self.dev.write(0x30, struct.pack("<B", ctrl))
        return self.dev.read(0x30, 1)[0]

    def temperature(self):
        b = self.dev.read(0x20, 3)
        adc = (b[0] << 12) | (b[1] << 4) | (b[2] >> 4)
        var1 = (((adc >> 3) - (self.t1 << 1)) * self.t2) >> 11
        var2 = (((((adc >> 4) - self.t1) * ((adc >> 4) - self.t1)) >> 12) * self.t3) >> 14
        return ((var1 + var2) * 5 + 128) >> 8

    def humidity(self):
        raw = self.dev.read(0x24, 3)
        if crc8(raw[:2]) != raw[2]:
            self.crc_errors += 1
            return -1
        (h,) = struct.unpack(">H", raw[:2])
        return (h * 100 * 1000) // self.h1


def work(n):
    dev = FakeDevice()
    drv = Driver(dev)
    acc = 0
    for i in range(n):
        acc += drv.configure(i & 7, (i >> 3) & 7, i & 3)
        dev.sample(i)
        t = drv.temperature()
        h = drv.humidity()
        frame = struct.pack("<Ihh", i, t, h & 0x7FFF)
        seq, t2, h2 = struct.unpack("<Ihh", frame)
        acc = (acc + seq + t2 + h2 + crc8(frame)) & 0xFFFFFFFF
    return acc, drv.crc_errors


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (200,),
    (100, 10): (400,),
    (1000, 10): (10000,),
    (5000, 10): (50000,),
}


def bm_setup(params):
    (n,) = params
    state = None

    def run():
        nonlocal state
        state = work(n)

    def result():
        return n, state

    return run, result

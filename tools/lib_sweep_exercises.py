"""The exercises tools/lib_sweep.py runs on jitvm and on CPython (see EXERCISES below)."""

_P = "adafruit-circuitpython-"

_REG_I2C = """
class RegI2C:  # busio.I2C over register files: (register width in bytes, count) per address
    def __init__(self, devices):
        self.regs = {a: [0] * n for a, (w, n) in devices.items()}
        self.width = {a: w for a, (w, n) in devices.items()}
        self.ptr, self.log = {}, []
    def set(self, address, reg, value):
        self.regs[address][reg] = value
    def try_lock(self):
        return True
    def unlock(self):
        pass
    def _check(self, address):
        if address not in self.regs:
            raise OSError(19)
    def writeto(self, address, buf, *, start=0, end=None):
        self._check(address)
        data = bytes(buf[start:end])
        self.log.append((address, data))
        if data:
            self.ptr[address] = data[0]
            w, regs = self.width[address], self.regs[address]
            for i in range(1, len(data) - w + 1, w):
                regs[(data[0] + (i - 1) // w) % len(regs)] = int.from_bytes(data[i:i + w], "big")
    def readfrom_into(self, address, buf, *, start=0, end=None):
        self._check(address)
        end = len(buf) if end is None else end
        w, regs, p = self.width[address], self.regs[address], self.ptr.get(address, 0)
        raw = b"".join(regs[(p + i) % len(regs)].to_bytes(w, "big") for i in range(end - start))
        buf[start:end] = raw[:end - start]
    def writeto_then_readfrom(self, address, out, into, *, out_start=0, out_end=None,
                              in_start=0, in_end=None):
        self.writeto(address, out, start=out_start, end=out_end)
        self.readfrom_into(address, into, start=in_start, end=in_end)
"""

_FAKE_SPI = """
class FakeSPI:  # busio.SPI: logs what is written, answers reads with ``reply``
    def __init__(self, reply):
        self.reply, self.log = reply, []
    def try_lock(self):
        return True
    def unlock(self):
        pass
    def configure(self, **settings):
        self.log.append(sorted(settings.items()))
    def write(self, buf, *, start=0, end=None):
        self.log.append(bytes(buf[start:end]))
    def readinto(self, buf, *, start=0, end=None, write_value=0):
        end = len(buf) if end is None else end
        buf[start:end] = self.reply[:end - start]
class FakeCS:  # digitalio.DigitalInOut as a chip select
    def __init__(self):
        self.history = []
    def switch_to_output(self, value=False, drive_mode=None):
        self.value = value
    @property
    def value(self):
        return self.history[-1]
    @value.setter
    def value(self, v):
        self.history.append(bool(v))
"""

#: package -> a function body using the library with no hardware; tools/lib_sweep.py runs it on
#: jitvm and on CPython over the same .py sources (the reference; CPython's own standard library
#: comes first, so `colorsys` and `asyncio` are CPython's) and compares the repr of what it
#: returns. Floats are rounded: MicroPython and CPython print them to different lengths.
EXERCISES = {
    _P + "datetime": """
from adafruit_datetime import datetime, timedelta, date
d = datetime(2024, 2, 28, 23, 30) + timedelta(hours=2, minutes=45)
p = datetime.fromisoformat("2023-12-31T22:15:07")
return (d.isoformat(), d.weekday(), date(2024, 2, 29).toordinal(),
        str(timedelta(days=1, seconds=3661)), (p + timedelta(seconds=7400)).isoformat(),
        d > p, d.ctime(), date.fromordinal(date(2024, 3, 1).toordinal() - 1).isoformat())
""",
    _P + "itertools": """
from adafruit_itertools import (accumulate, combinations, cycle, groupby, islice, permutations,
                                product, zip_longest)
return (list(islice(cycle("ab"), 5)), list(permutations([1, 2, 3], 2)),
        list(combinations("abcd", 2)), [(k, list(g)) for k, g in groupby("aabbbc")],
        list(accumulate([1, 2, 3, 4])), list(product("ab", "xy")),
        list(zip_longest("ab", "xyz", fillvalue="-")))
""",
    _P + "logging": """
import adafruit_logging as logging
got = []
class Keep(logging.Handler):
    def emit(self, record):
        got.append((record.name, record.levelname, record.msg, record.args))
log = logging.getLogger("sweep")
log.addHandler(Keep())
log.setLevel(logging.INFO)
log.debug("hidden")
log.info("t=%d", 21)
log.warning("low %s", "battery")
try:
    1 / 0
except ZeroDivisionError as e:
    log.error("caught %s", type(e).__name__)
return got, log.getEffectiveLevel()
""",
    _P + "colorsys": """
import colorsys  # on CPython the standard library's: an independent reference
return [[round(v, 6) for v in f(h, a, b)] for f in (colorsys.hls_to_rgb, colorsys.hsv_to_rgb)
        for h, a, b in ((0.3, 0.5, 0.8), (0.75, 0.5, 0.9), (0.0, 1.0, 0.0), (0.99, 0.2, 0.7))]
""",
    _P + "fancyled": """
import adafruit_fancyled.adafruit_fancyled as fancy
pal = [fancy.CRGB(255, 0, 0), fancy.CRGB(0, 0, 255)]
return (fancy.CRGB(255, 128, 0).pack(), fancy.CHSV(0.5, 1.0, 1.0).pack(),
        fancy.mix(pal[0], pal[1], 0.25).pack(), fancy.palette_lookup(pal, 0.5).pack(),
        fancy.gamma_adjust(fancy.CRGB(200, 100, 50)).pack(), fancy.unpack(0x123456).pack())
""",
    _P + "binascii": """
import adafruit_binascii as b
enc = b.b2a_base64(b"jitvm \\x00\\xff runs")
return enc, b.a2b_base64(enc), b.hexlify(b"\\x01\\xab"), b.unhexlify(b"01ab")
""",
    _P + "hashlib": """
import adafruit_hashlib as h
out = [h.new(a, b"abc").hexdigest() for a in ("md5", "sha1", "sha224", "sha256", "sha512")]
s = h.sha256()
s.update(b"a" * 100)
s.update(b"b" * 3)
return out, s.hexdigest(), h.sha1(b"").digest_size
""",
    _P + "templateengine": """
from adafruit_templateengine import render_string
return render_string(
    "Hi {{ context['name'] }}!{% for i in context['items'] %} <{{ i }}>{% endfor %}"
    "{% if context['n'] > 2 %} big{% else %} small{% endif %}",
    {"name": "Ada & co", "items": [1, "two"], "n": 3})
""",
    _P + "miniqr": """
import adafruit_miniqr
qr = adafruit_miniqr.QRCode(qr_type=3, error_correct=adafruit_miniqr.L)
qr.add_data(b"https://jitvm.example/lib")
qr.make()
m = qr.matrix
rows = [sum((1 if m[x, y] else 0) << x for x in range(m.width)) for y in range(m.height)]
return m.width, m.height, rows
""",
    _P + "waveform": """
from adafruit_waveform import sine, square
s = sine.sine_wave(8000, 440)
q = square.square_wave(4)
return len(s), sum(s), list(s[:6]), list(q)
""",
    _P + "ticks": """
from adafruit_ticks import ticks_add, ticks_diff, ticks_less
top = (1 << 29) - 1
return (ticks_add(top, 1), ticks_add(0, -1), ticks_diff(ticks_add(5, -10), 5),
        ticks_diff(2, top), ticks_less(top, ticks_add(top, 3)), ticks_less(3, 2))
""",
    _P + "gps": """
import adafruit_gps
class FakeUART:
    def __init__(self):
        self.lines = [
            b"$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\\r\\n",
            b"$GPRMC,123520,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A\\r\\n"]
        self.written = []
    @property
    def in_waiting(self):
        return 64 if self.lines else 0
    def readline(self):
        return self.lines.pop(0) if self.lines else None
    def write(self, data):
        self.written.append(bytes(data))
gps = adafruit_gps.GPS(FakeUART())
got = [gps.update(), gps.update(), gps.update()]
return (got, gps.has_fix, round(gps.latitude, 5), round(gps.longitude, 5), gps.fix_quality,
        gps.satellites, gps.altitude_m, gps.speed_knots, gps.timestamp_utc[:6])
""",
    _P + "midi": """
import adafruit_midi
from adafruit_midi.note_on import NoteOn
from adafruit_midi.note_off import NoteOff
from adafruit_midi.control_change import ControlChange
from adafruit_midi.pitch_bend import PitchBend
class Out:
    def __init__(self):
        self.data = b""
    def write(self, buf, n=None):
        self.data += bytes(buf)
out = Out()
m = adafruit_midi.MIDI(midi_out=out, out_channel=2)
m.send(NoteOn(60, 100))
m.send([NoteOff("C#4", 0), ControlChange(7, 90)])
m.send(PitchBend(8192 + 1000), channel=5)
return out.data
""",
    _P + "hid": """
from adafruit_hid.keyboard_layout_us import KeyboardLayoutUS
from adafruit_hid.keycode import Keycode
class FakeKeyboard:
    def __init__(self):
        self.log = []
    def press(self, *codes):
        self.log.append(codes)
    def release_all(self):
        self.log.append("up")
kb = FakeKeyboard()
layout = KeyboardLayoutUS(kb)
layout.write("Hi, 3!")
return kb.log, layout.keycodes("A"), Keycode.ENTER
""",
    _P + "json-stream": """
import adafruit_json_stream as js
chunks = [b'{"name": "sweep", "vals": [1, 2.5, ', b'"x", true, null], "deep": {"a": {"b": [7]}}, ', b'"end": -3}']
obj = js.load(iter(chunks))
name = obj["name"]
vals = [v for v in obj["vals"]]
b = obj["deep"]["a"]["b"].as_object() if hasattr(obj["deep"], "as_object") else None
return name, vals, b
""",
    _P + "framebuf": """
import adafruit_framebuf
buf = bytearray(16 * 16 // 8)
fb = adafruit_framebuf.FrameBuffer(buf, 16, 16, adafruit_framebuf.MVLSB)
fb.fill(0)
fb.line(0, 0, 15, 9, 1)
fb.rect(2, 3, 6, 5, 1)
fb.fill_rect(10, 10, 4, 3, 1)
fb.circle(8, 8, 5, 1)
fb.scroll(1, 2)
return bytes(buf), fb.pixel(3, 3)
""",
    _P + "pixelbuf": """
import adafruit_pixelbuf
class Strip(adafruit_pixelbuf.PixelBuf):
    def __init__(self, n, **kw):
        self.sent = []
        super().__init__(n, **kw)
    def _transmit(self, buffer):
        self.sent.append(bytes(buffer))
s = Strip(4, byteorder="GRB", brightness=0.5, auto_write=False)
s[0] = (255, 128, 0)
s[1:3] = [0x102030, (1, 2, 3)]
s[-1] = 0xFFFFFF
s.show()
s.brightness = 1.0
s.fill((9, 8, 7))
s.show()
return s.sent, s[1], list(s[0:2]), len(s)
""",
    _P + "motor": """
from adafruit_motor import motor, servo
class PWM:
    def __init__(self):
        self.duty_cycle, self.frequency = 0, 50
s = servo.Servo(PWM(), min_pulse=500, max_pulse=2500)
out = []
for angle in (0, 45.5, 90, 180):
    s.angle = angle
    out.append((s._pwm_out.duty_cycle, round(s.angle, 3)))
c = servo.ContinuousServo(PWM())
c.throttle = -0.5
a, b = PWM(), PWM()
m = motor.DCMotor(a, b)
m.throttle = 0.5
out.append((a.duty_cycle, b.duty_cycle))
m.decay_mode = motor.SLOW_DECAY
m.throttle = -0.25
out.append((a.duty_cycle, b.duty_cycle, m.throttle))
m.throttle = None
return out, c._pwm_out.duty_cycle, (a.duty_cycle, b.duty_cycle)
""",
    _P + "irremote": """
import adafruit_irremote
def nec(code):
    pulses = [9000, 4500]
    for i in range(32):
        pulses += [560, 1690 if code >> (31 - i) & 1 else 560]
    return pulses + [560]
d = adafruit_irremote.GenericDecode()
out = [list(d.decode_bits(nec(0x20DF10EF))), type(adafruit_irremote.decode_bits([9000, 2250, 560])).__name__]
for bad in ([100, 200], [100] * 12):
    try:
        d.decode_bits(bad)
    except adafruit_irremote.IRDecodeException as e:
        out.append(type(e).__name__)
    try:
        adafruit_irremote.decode_bits(bad)
    except adafruit_irremote.FailedToDecode as e:
        out.append(e.args[0].reason)
return out
""",
    _P + "register": """
from adafruit_register.i2c_struct import ROUnaryStruct, UnaryStruct, Struct
from adafruit_register.i2c_bit import RWBit, ROBit
from adafruit_register.i2c_bits import RWBits
class FakeDevice:  # what adafruit_bus_device.I2CDevice offers the descriptors
    def __init__(self):
        self.regs = bytearray(range(0x80, 0x90))
        self.regs[0:2] = bytes((0x30, 0xFF))
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        return False
    def write(self, buf, *, start=0, end=None):
        data = bytes(buf[start:end])
        self.regs[data[0]:data[0] + len(data) - 1] = data[1:]
    def write_then_readinto(self, out, into, *, out_start=0, out_end=None, in_start=0, in_end=None):
        reg = out[out_start]
        end = len(into) if in_end is None else in_end
        into[in_start:end] = self.regs[reg:reg + end - in_start]
class Chip:
    temperature = ROUnaryStruct(0x00, "<h")
    config = UnaryStruct(0x02, ">H")
    enable = RWBit(0x04, 3)
    ready = ROBit(0x05, 7)
    mode = RWBits(3, 0x06, 2)
    pair = Struct(0x08, "<bB")
    def __init__(self):
        self.i2c_device = FakeDevice()
c = Chip()
before = (c.temperature, c.config, c.enable, c.ready, c.mode, c.pair)
c.config = 0xBEEF
c.enable = False
c.mode = 5
c.pair = (-3, 200)
return before, (c.config, c.enable, c.mode, c.pair), bytes(c.i2c_device.regs)
""",
    _P + "ht16k33": """
from adafruit_ht16k33.segments import Seg7x4, Seg14x4
class FakeI2C:  # what busio.I2C offers adafruit_bus_device
    def __init__(self):
        self.log = []
    def try_lock(self):
        return True
    def unlock(self):
        pass
    def writeto(self, address, buf, *, start=0, end=None):
        self.log.append((address, bytes(buf[start:end])))
    def readfrom_into(self, address, buf, *, start=0, end=None):
        pass
bus = FakeI2C()
seg = Seg7x4(bus, auto_write=False)
seg.print("12.34")
seg.show()
seg.print_hex(0xBEEF)
seg.colon = True
seg.show()
alpha = Seg14x4(bus, address=0x71, auto_write=False)
alpha.print("Hi!?")
alpha.brightness = 0.5
alpha.show()
return bus.log
""",
    _P + "asyncio": """
import asyncio
log = []
async def worker(name, n, ev):
    for i in range(n):
        log.append((name, i))
        await asyncio.sleep(0)
    if name == "a":
        ev.set()
    return name * n
async def waiter(ev):
    await ev.wait()
    log.append("event")
async def slow():
    await asyncio.sleep(10)
async def main():
    ev = asyncio.Event()
    t = asyncio.create_task(waiter(ev))
    r = await asyncio.gather(worker("a", 3, ev), worker("b", 2, ev))
    await t
    try:
        await asyncio.wait_for(slow(), 0.01)
    except asyncio.TimeoutError:
        log.append("timeout")
    task = asyncio.create_task(slow())
    await asyncio.sleep(0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        log.append("cancelled")
    lock = asyncio.Lock()
    async with lock:
        log.append(lock.locked())
    log.append(lock.locked())
    return r
return asyncio.run(main()), log
""",
    _P + "led-animation": """
from adafruit_led_animation.animation.comet import Comet
from adafruit_led_animation.animation.chase import Chase
from adafruit_led_animation.color import RED, AMBER, colorwheel, calculate_intensity
class Pixels(list):  # what the animations use of a NeoPixel
    auto_write = False
    def __init__(self, n):
        super().__init__([(0, 0, 0)] * n)
        self.shown = 0
    def fill(self, color):
        self[:] = [color] * len(self)
    def show(self):
        self.shown += 1
frames = []
for anim in (Comet(Pixels(10), speed=0.1, color=RED, tail_length=4, bounce=True),
             Chase(Pixels(8), speed=0.1, color=AMBER, size=2, spacing=2)):
    for _ in range(6):
        anim.draw()
        frames.append([tuple(p) if not isinstance(p, int) else p for p in anim.pixel_object])
return frames, [colorwheel(i) for i in range(0, 256, 17)], calculate_intensity(RED, 0.25)
""",
    _P + "requests": """
import adafruit_requests
BODY = b'{"temp": 21.5, "ok": [true, null]}'
REPLY = (b"HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\nX-Thing: a b\\r\\n"
         b"Content-Length: %d\\r\\n\\r\\n" % len(BODY)) + BODY
class FakeSocket:
    def __init__(self):
        self.reply, self.sent = REPLY, b""
    def settimeout(self, t):
        pass
    def connect(self, addr):
        self.addr = addr
    def send(self, data):
        self.sent += bytes(data)
        return len(data)
    def recv_into(self, buf, nbytes=0):
        n = min(nbytes or len(buf), len(self.reply))
        buf[:n] = self.reply[:n]
        self.reply = self.reply[n:]
        return n
    def close(self):
        pass
class FakePool:
    AF_INET, SOCK_STREAM = 2, 1
    def __init__(self):
        self.sockets = []
    def getaddrinfo(self, host, port, *args):
        return [(2, 1, 0, "", ("10.0.0.7", port))]
    def socket(self, *args):
        self.sockets.append(FakeSocket())
        return self.sockets[-1]
pool = FakePool()
s = adafruit_requests.Session(pool)
r = s.post("http://sensors.example/api?x=1", json={"v": [1, 2]}, headers={"X-Key": "k"})
out = (r.status_code, r.reason, r.headers, r.json(), pool.sockets[0].sent, pool.sockets[0].addr)
r.close()
return out
""",
    _P + "minimqtt": """
import adafruit_minimqtt.adafruit_minimqtt as MQTT
class FakeSocket:
    def __init__(self):
        self.reply, self.sent = bytearray(b"\\x20\\x02\\x00\\x00"), b""
    def settimeout(self, t):
        pass
    def connect(self, addr):
        self.addr = addr
    def send(self, data):
        self.sent += bytes(data)
        return len(data)
    def recv_into(self, buf, nbytes=0):
        n = min(nbytes or len(buf), len(self.reply))
        buf[:n] = self.reply[:n]
        self.reply = self.reply[n:]
        return n
    def close(self):
        pass
class FakePool:
    AF_INET, SOCK_STREAM = 2, 1
    def __init__(self):
        self.sockets = []
    def getaddrinfo(self, host, port, *args):
        return [(2, 1, 0, "", ("10.0.0.9", port))]
    def socket(self, *args):
        self.sockets.append(FakeSocket())
        return self.sockets[-1]
pool = FakePool()
m = MQTT.MQTT(broker="mqtt.example", port=1883, username="u", password="p", client_id="jitvm",
              socket_pool=pool, keep_alive=30, connect_retries=1)
m.will_set("status", "gone", qos=0, retain=True)
m.connect()
m.publish("sensors/temp", 21.5, retain=True)
m.publish("sensors/raw", b"\\x00\\x01", qos=0)
m.disconnect()
return pool.sockets[0].sent, pool.sockets[0].addr
""",
    _P + "ina219": _REG_I2C + """
from adafruit_ina219 import INA219
bus = RegI2C({0x40: (2, 6)})
bus.set(0x40, 0x01, 0x0064)
bus.set(0x40, 0x02, 0x1F42)
bus.set(0x40, 0x04, 0x0FA0)
bus.set(0x40, 0x03, 0x0200)
s = INA219(bus)
got = (s.bus_voltage, s.shunt_voltage, round(s.current, 3), round(s.power, 3), s.overflow)
s.set_calibration_16V_400mA()
return got, bus.log
""",
    _P + "ds3231": _REG_I2C + """
import time
import adafruit_ds3231
bus = RegI2C({0x68: (1, 0x13)})
for reg, v in enumerate((0x30, 0x45, 0x12, 0x03, 0x15, 0x06, 0x24)):
    bus.set(0x68, reg, v)
bus.set(0x68, 0x11, 0x19)
bus.set(0x68, 0x12, 0x40)
rtc = adafruit_ds3231.DS3231(bus)
now = tuple(rtc.datetime)[:7]
rtc.datetime = time.struct_time((2025, 1, 2, 3, 4, 5, 3, -1, -1))
return now, rtc.temperature, rtc.lost_power, bus.log
""",
    _P + "pca9685": _REG_I2C + """
from adafruit_pca9685 import PCA9685
bus = RegI2C({0x40: (1, 256)})
pca = PCA9685(bus)
pca.frequency = 50
pca.channels[0].duty_cycle = 0x7FFF
pca.channels[15].duty_cycle = 0xFFFF
pca.channels[3].duty_cycle = 0
return pca.frequency, pca.channels[0].duty_cycle, pca.channels[15].duty_cycle, bus.log
""",
    _P + "mcp9808": _REG_I2C + """
import adafruit_mcp9808
bus = RegI2C({0x18: (2, 16)})
bus.set(0x18, 6, 0x0054)
bus.set(0x18, 7, 0x0400)
bus.set(0x18, 5, 0xC1A4)
m = adafruit_mcp9808.MCP9808(bus)
got = [m.temperature]
bus.set(0x18, 5, 0x1F2C)
got.append(m.temperature)
m.resolution = 2
return got, m.resolution, bus.log
""",
    _P + "lis3dh": _REG_I2C + """
import adafruit_lis3dh
bus = RegI2C({0x18: (1, 256)})
bus.set(0x18, 0x0F, 0x33)
for i, v in enumerate((0x40, 0x01, 0xC0, 0xFE, 0x10, 0x40)):  # OUT_X_L.. read with bit 7 set
    bus.set(0x18, 0xA8 + i, v)
a = adafruit_lis3dh.LIS3DH_I2C(bus)
a.range = adafruit_lis3dh.RANGE_8_G
return [round(v, 4) for v in a.acceleration], a.range, a.data_rate, bus.log
""",
    _P + "ads1x15": _REG_I2C + """
from adafruit_ads1x15 import ads1115, ads1x15
from adafruit_ads1x15.analog_in import AnalogIn
bus = RegI2C({0x48: (2, 4)})
bus.set(0x48, 0, 0x5DC0)
ads = ads1115.ADS1115(bus, gain=2)
chan = AnalogIn(ads, ads1x15.Pin.A0)
diff = AnalogIn(ads, ads1x15.Pin.A0, ads1x15.Pin.A1)
bus.set(0x48, 0, 0xF060)
return chan.value, round(chan.voltage, 5), diff.value, ads.gain, bus.log
""",
    _P + "tca9548a": _REG_I2C + """
import adafruit_tca9548a
bus = RegI2C({0x70: (1, 1), 0x18: (2, 16)})
tca = adafruit_tca9548a.TCA9548A(bus)
ch = tca[3]
ok = ch.try_lock()
ch.writeto(0x18, bytes([5]))
got = bytearray(2)
ch.readfrom_into(0x18, got)
ch.unlock()
try:
    tca[9]
except IndexError as e:
    err = str(e)
return ok, bytes(got), err, bus.log
""",
    _P + "max31855": _FAKE_SPI + """
import adafruit_max31855
out = []
for reply in (b"\\x01\\x90\\x19\\x00", b"\\xff\\x5c\\xf9\\x00", b"\\x00\\x00\\x00\\x01"):
    spi = FakeSPI(reply)
    t = adafruit_max31855.MAX31855(spi, FakeCS())
    try:
        out.append((t.temperature, t.reference_temperature, round(t.temperature_NIST, 3)))
    except RuntimeError as e:
        out.append(str(e))
return out, spi.log
""",
    _P + "max7219": _FAKE_SPI + """
from adafruit_max7219 import matrices
spi, cs = FakeSPI(b""), FakeCS()
m = matrices.Matrix8x8(spi, cs)
m.brightness(3)
m.fill(0)
m.pixel(1, 1, 1)
m.pixel(7, 0, 1)
m.show()
m.scroll(1, 0)
m.show()
return spi.log, cs.history
""",
}


"""The simulated DS18B20 answers a 1-Wire controller bit-banged through the hal (the timings of
CircuitPython's onewireio): presence, READ ROM, SEARCH ROM, CONVERT T with its busy time,
READ/WRITE SCRATCHPAD; CRC-8 checked against Maxim's application note 27 example."""

from hal.api import DriveMode
from hal.sim.devices.ds18b20 import crc8
from hal.sim.scenario import apply_scenario


def test_crc8_matches_maxim_application_note_27():
    assert crc8(bytes.fromhex("021cb801000000")) == 0xA2  # the ROM example of AN27
    assert crc8(bytes.fromhex("021cb801000000a2")) == 0


class Controller:
    """1-Wire slots with onewireio's delays (reset 480/70/410 us, read 6/6/55, write 6/64 60/10)."""

    def __init__(self, board, pin):
        self.clock = board.clock
        self.line = board.gpio(board.pins[pin])

    def _low(self, us):
        self.line.switch_to_output(False, DriveMode.OPEN_DRAIN)
        self.clock.sleep_ns(us * 1000)
        self.line.switch_to_input(None)

    def reset(self) -> bool:  # True: a presence pulse
        self._low(480)
        self.clock.sleep_ns(70_000)
        present = not self.line.value
        self.clock.sleep_ns(410_000)
        return present and bool(self.line.value)

    def read_bit(self) -> int:
        self._low(6)
        self.clock.sleep_ns(6_000)
        bit = int(self.line.value)
        self.clock.sleep_ns(55_000)
        return bit

    def write_bit(self, bit: int) -> None:
        self._low(6 if bit else 60)
        self.clock.sleep_ns(64_000 if bit else 10_000)

    def write(self, data: bytes) -> None:
        for byte in data:
            for i in range(8):
                self.write_bit(byte >> i & 1)

    def read(self, n: int) -> bytes:
        return bytes(sum(self.read_bit() << i for i in range(8)) for _ in range(n))


def _attach(board, **spec):
    apply_scenario(board, {"device": [{"type": "ds18b20", "name": "t", "pin": "D6", **spec}]})
    return board.devices["t"], Controller(board, "D6")


def test_no_device_no_presence(feather):
    assert not Controller(feather, "D6").reset()


def test_read_rom_and_search_rom_give_the_family_serial_and_crc(feather):
    dev, bus = _attach(feather, serial=0xA1B2C3D4E5F6)
    assert bus.reset()
    bus.write(b"\x33")
    rom = bus.read(8)
    assert rom[:7] == bytes([0x28, 0xF6, 0xE5, 0xD4, 0xC3, 0xB2, 0xA1]) and crc8(rom) == 0
    assert bus.reset()
    bus.write(b"\xf0")
    found = 0
    for i in range(64):
        bit, complement = bus.read_bit(), bus.read_bit()
        assert complement == bit ^ 1  # one device: never a conflict
        bus.write_bit(bit)
        found |= bit << i
    assert found.to_bytes(8, "little") == rom


def test_convert_is_busy_for_the_resolution_time_then_the_scratchpad_holds_the_reading(feather):
    dev, bus = _attach(feather, temperature=-10.125)
    assert bus.reset()
    bus.write(b"\xcc\xbe")
    pad = bus.read(9)
    assert pad[:2] == b"\x50\x05" and pad[4] == 0x7F and crc8(pad) == 0  # +85 C at power-on
    assert bus.reset()
    bus.write(b"\xcc\x44")
    start = feather.clock.now()
    while not bus.read_bit():
        pass
    assert 750_000_000 <= feather.clock.now() - start < 751_000_000  # 12 bits: 750 ms
    assert bus.reset()
    bus.write(b"\xcc\xbe")
    pad = bus.read(9)
    assert int.from_bytes(pad[:2], "little", signed=True) == -162 and crc8(pad) == 0  # /16 C
    assert bus.reset()
    bus.write(b"\xcc\x4e\x10\x20\x1f")  # TH, TL, 9-bit configuration
    assert bus.reset()
    bus.write(b"\xcc\x44")
    start = feather.clock.now()
    while not bus.read_bit():
        pass
    assert 93_750_000 <= feather.clock.now() - start < 94_500_000
    assert bus.reset()
    bus.write(b"\xcc\xbe")
    pad = bus.read(9)
    # 9 bits: 0.5 C steps, the three low bits cleared: -10.125 C reads -10.5
    assert pad[2:5] == b"\x10\x20\x1f" and int.from_bytes(pad[:2], "little", signed=True) == -168
    assert dev.state() == {"rom": dev.rom.hex(), "conversions": 2, "resolution": 9}


def test_match_rom_selects_only_its_device(feather):
    dev, bus = _attach(feather)
    assert bus.reset()
    bus.write(b"\x55" + bytes(8) + b"\xbe")  # another ROM: the device stays silent
    assert bus.read(2) == b"\xff\xff"
    assert bus.reset()
    bus.write(b"\x55" + dev.rom + b"\xbe")
    assert bus.read(2) == b"\x50\x05"


def _search_all(bus) -> list[bytes]:
    """Maxim's SEARCH ROM walk (application note 187): every ROM on the bus."""
    roms, last_conflict, prev = [], -1, 0
    while True:
        assert bus.reset()
        bus.write(b"\xf0")
        rom, conflict = 0, -1
        for i in range(64):
            bit, complement = bus.read_bit(), bus.read_bit()
            assert not (bit and complement), "no device answered"
            if not bit and not complement:  # devices differ here
                bit = 1 if i < last_conflict and prev >> i & 1 else int(i == last_conflict)
                if not bit:
                    conflict = i
            bus.write_bit(bit)
            rom |= bit << i
        roms.append(rom.to_bytes(8, "little"))
        prev, last_conflict = rom, conflict
        if conflict < 0:
            return roms


def test_search_rom_finds_every_device_sharing_the_pin(feather):
    serials = (0x0000_0000_0001, 0x0000_0000_0003, 0x8000_0000_0000)
    apply_scenario(feather, {"device": [
        {"type": "ds18b20", "name": f"t{i}", "pin": "D6", "serial": s, "temperature": 20 + i}
        for i, s in enumerate(serials)]})
    found = _search_all(Controller(feather, "D6"))
    assert sorted(found) == sorted(feather.devices[f"t{i}"].rom for i in range(3))

"""machine.RTC / WDT, ESP32 PWM.duty, esp / esp32 (NVS) on the esp32_devkitc layout, platform."""

from __future__ import annotations

from tests.interp.helpers import jitvm_run

ESP = ("--layout", "esp32_devkitc")


def test_rtc_datetime_follows_board_clock_and_can_be_set(tmp_path):
    r = jitvm_run(tmp_path, """
        import machine, time
        r = machine.RTC()
        print(r.datetime())
        r.datetime((2024, 2, 29, 0, 23, 59, 58, 0))
        time.sleep(3)
        print(r.datetime()[:7], time.localtime()[:6])
        print(r.memory()); r.memory(b'abc'); print(machine.RTC().memory())
        try:
            r.memory(bytes(2049))
        except ValueError as e:
            print(e)
        try:
            r.datetime((2024, 1, 1, 0, 0, 0, 0))
        except ValueError as e:
            print(e)
    """)
    # 2000-01-01 was a Saturday (weekday 5, Monday is 0); 2024-03-01 a Friday (4).
    assert r.stdout == ("(2000, 1, 1, 5, 0, 0, 0, 1)\n"
                        "(2024, 3, 1, 4, 0, 0, 1) (2024, 3, 1, 0, 0, 1)\n"
                        "b''\nb'abc'\nbuffer too long\n"
                        "requested length 8 but object has length 7\n"), r.stderr


def test_fed_watchdog_runs_on_starved_one_resets_the_board(tmp_path):
    r = jitvm_run(tmp_path, """
        import machine, time
        try:
            machine.WDT(timeout=0)
        except ValueError as e:
            print(e)
        w = machine.WDT(timeout=100)
        for i in range(5):
            time.sleep_ms(60)
            w.feed()
        print('fed')
        time.sleep_ms(150)
        print('not reached')
    """)
    assert r.stdout == "WDT timeout too short\nfed\n"
    assert r.stderr == "jitvm: the watchdog reset the board (not fed within 100 ms): run ended\n"
    assert r.returncode == 1


def test_pwm_duty_is_10_bit_on_esp32_only(tmp_path):
    src = """
        import machine
        p = machine.PWM(machine.Pin(2), freq=5000, duty_u16=0)
        p.duty(512)
        print(p.duty(), p.duty_u16())
        p.duty(1023)
        print(p.duty())
        try:
            p.duty(1024)
        except ValueError as e:
            print(e)
    """
    r = jitvm_run(tmp_path, src, *ESP)
    assert r.stdout == "512 32768\n1023\nduty must be from 0 to 1023\n", r.stderr
    r = jitvm_run(tmp_path, src)
    assert "AttributeError: 'PWM' object has no attribute 'duty'" in r.stdout


NVS = """
import esp32, esp
n = esp32.NVS("app")
try:
    print('boots', n.get_i32("boots"))
except OSError as e:
    print(repr(e))
    n.set_i32("boots", 0)
n.set_i32("boots", n.get_i32("boots") + 1)
n.commit()
n.set_blob("blob", b"hello")
b = bytearray(8)
print(n.get_blob("blob", b), b)
try:
    n.get_blob("blob", bytearray(2))
except OSError as e:
    print(e)
try:
    n.erase_key("nope")
except OSError as e:
    print(e)
try:
    n.get_i32("blob")  # a blob's key is not an i32's (MicroPython's ports/esp32/esp32_nvs.py)
except OSError as e:
    print(e)
print(esp32.raw_temperature() > 0, esp.flash_size(), esp.osdebug(None))
"""


def test_nvs_keeps_values_under_the_drive_across_runs(tmp_path):
    first = jitvm_run(tmp_path, NVS, *ESP)
    assert first.stdout == ("OSError(-4354, 'ESP_ERR_NVS_NOT_FOUND')\n"
                            "5 bytearray(b'hello\\x00\\x00\\x00')\n"
                            "(-4364, 'ESP_ERR_NVS_INVALID_LENGTH')\n"
                            "(-4354, 'ESP_ERR_NVS_NOT_FOUND')\n"
                            "(-4354, 'ESP_ERR_NVS_NOT_FOUND')\nTrue 4194304 None\n"), first.stderr
    assert (tmp_path / ".nvs" / "app.json").is_file()
    second = jitvm_run(tmp_path, NVS, *ESP)
    assert second.stdout.startswith("boots 1\n")


def test_esp_modules_exist_only_on_esp32_layouts(tmp_path):
    r = jitvm_run(tmp_path, "import esp32\n")
    assert "ImportError: no module named 'esp32'" in r.stdout


def test_platform_as_the_unix_port_and_esp32(tmp_path):
    src = """
        import platform
        print(platform.platform(), platform.python_compiler(), platform.libc_ver())
    """
    r = jitvm_run(tmp_path, src)
    assert r.stdout == "Linux-1.29.0-x86_64--with-glibc2.28 GCC 14.2.1 ('glibc', '2.28')\n"
    r = jitvm_run(tmp_path, src, *ESP)
    assert r.stdout.startswith("MicroPython-1.29.0-xtensa-IDFv5.2.2-with-newlib4.3.0 ")

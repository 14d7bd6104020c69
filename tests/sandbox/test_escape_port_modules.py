"""machine.RTC/WDT, esp, esp32 and platform objects give the guest no way to the host; an NVS
namespace cannot name a file outside the drive's .nvs folder."""

from tests.interp.helpers import jitvm_run

WALK = """
import machine, esp, esp32, platform
r = machine.RTC(); w = machine.WDT(timeout=10000); n = esp32.NVS("ok")
chains = [
    lambda: r.__class__.__dict__, lambda: r.datetime.__self__.__class__.__init__.__globals__,
    lambda: w._task, lambda: w._starve, lambda: n._file(), lambda: n._load,
    lambda: esp32._hw, lambda: esp32.json, lambda: esp32._OSError, lambda: platform._hw,
    lambda: platform._port, lambda: esp.__dict__['_hw'], lambda: type(n).__subclasses__(),
    lambda: esp32.raw_temperature.__globals__, lambda: type(w).__mro__,
]
blocked = 0
for i, c in enumerate(chains):
    try:
        print('REACHED', i, c())
    except (AttributeError, TypeError, KeyError, NameError):
        blocked += 1
print('blocked', blocked, 'of', len(chains))
for ns in ("../../escape", "/tmp/x", "a/b", "..", "x" * 16, 5):
    try:
        esp32.NVS(ns).set_i32("k", 1)
        print('WROTE', ns)
    except (ValueError, OSError, TypeError) as e:
        pass
print('done')
"""


def test_port_module_objects_give_no_way_out(tmp_path):
    r = jitvm_run(tmp_path, WALK, "--layout", "esp32_devkitc")
    assert "REACHED" not in r.stdout and "WROTE" not in r.stdout, r.stdout
    assert "blocked 15 of 15\ndone\n" in r.stdout, r.stdout + r.stderr
    assert not (tmp_path / ".nvs").exists()  # no namespace was accepted, nothing written

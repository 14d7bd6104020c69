"""Walk every attribute a guest can read, from the objects a guest program can make, to depth 4:
no object of a host type off the allowlist may be reachable (host modules, frames, code,
tracebacks, paths, jitvm's VM, importer, frames, sandbox, the simulated board's internals)."""

from __future__ import annotations

import io
import types
from pathlib import Path

import pytest

from jitvm.compiler import compile_cached
from jitvm.gexc import guestify
from jitvm.objects import GuestModule, GuestType
from jitvm.sandbox import OPEN, VALUE, policy
from jitvm.vm import VM

GUEST = r'''
import sys, os, io, gc, micropython, time, math, json, re, struct, collections, array, binascii
import errno, random, heapq, hashlib, select, builtins, traceback, rainbowio
import board, digitalio, busio, analogio, pwmio, microcontroller, keypad, usb_hid, supervisor
import machine, neopixel_write, asyncio, vfs
import pkg
from pkg import sub

def plain(a, b=2, *c, **d):
    return a
def outer():
    x = 1
    def inner():
        return x
    return inner
def gen():
    yield 1
async def coro():
    return 1
class Base:
    attr = 1
    def method(self):
        return super()
    @staticmethod
    def st():
        return 1
    @classmethod
    def cm(cls):
        return cls
    @property
    def prop(self):
        return 2
class Child(Base, Exception):
    pass
class S(str):
    pass
def hot():
    for i in range(300):
        g = gen()
        next(g)
    return g
for i in range(3):
    hg = hot()
try:
    1 / 0
except ZeroDivisionError as e:
    caught = e
f = open('data.txt', 'w')
f.write('x')
f.close()
fr = open('data.txt')
fb = open('data.txt', 'rb')
c = Child()
pin = digitalio.DigitalInOut(board.D5) if hasattr(board, 'D5') else None
objs = [plain, outer(), gen(), hg, coro(), Base, Base(), Base().method, Base().method(), Child, c,
        S('s'), caught, sys, os, io, gc, micropython, time, math, json, re, struct, collections,
        array, binascii, errno, random, heapq, hashlib, select, builtins, traceback, rainbowio,
        board, digitalio, busio, analogio, pwmio, microcontroller, keypad, usb_hid, supervisor,
        machine, neopixel_write, asyncio, pkg, sub, fr, fb, sys.stdin, sys.stdout, sys.stderr,
        sys.stdout.buffer, iter([1]), map(abs, [1]), range(3), re.compile('a'),
        re.match('a', 'a'), array.array('i', [1]), collections.deque((), 3),
        collections.OrderedDict(a=1), struct, io.StringIO('x'), io.BytesIO(b'x'),
        select.poll(), sys.implementation, os.uname(), compile('1', 's', 'eval'),
        hashlib.sha256(b''), pin, keypad.Event(1, True), asyncio.Event(),
        asyncio.Lock(), machine.Pin(2), print, len, super, object, type, globals()]
def tryit(f):
    try:
        return f()
    except Exception as e:
        return e
objs += [tryit(f) for f in (
    lambda: board.I2C(), lambda: board.SPI(), lambda: board.UART(),
    lambda: analogio.AnalogIn(board.A0), lambda: analogio.AnalogOut(board.A0),
    lambda: pwmio.PWMOut(board.D6), lambda: keypad.Keys((board.D7,), value_when_pressed=False),
    lambda: machine.I2C(0), lambda: machine.SPI(0), lambda: machine.PWM(machine.Pin(3)),
    lambda: machine.ADC(26), lambda: machine.Timer(-1), lambda: machine.UART(0),
    lambda: machine.SoftI2C(scl=machine.Pin(8), sda=machine.Pin(9)),
    lambda: microcontroller.cpu, lambda: supervisor.runtime, lambda: usb_hid.devices,
    lambda: time.localtime(), lambda: Base.__dict__, lambda: os.ilistdir('/'),
    lambda: vfs.mount(), lambda: vfs.mount()[0][0], lambda: vfs.VfsPosix('.'))]
'''

# jitvm's own modules whose classes may reach the guest (everything else of jitvm may not)
GUEST_MODULES = ("jitvm.modules.", "jitvm.streams", "jitvm.objects", "jitvm.gexc", "jitvm.vmmods",
                 "jitvm.builtins_", "jitvm.viper", "jitvm.vfs", "jitvm.vmstorage", "hal.api")


def type_allowed(t: type) -> bool:
    if isinstance(t, GuestType):
        return True
    if issubclass(t, (types.FrameType, types.CodeType, types.TracebackType, types.CellType,
                      types.ModuleType, types.GeneratorType, types.CoroutineType, Path)):
        return False
    mod = getattr(t, "__module__", "") or ""
    if t.__dict__.get("__jitvm_guest_type__"):
        return True  # a firmware module's class, shown as the firmware names it (vetted there)
    if mod == "builtins":
        return True
    if t in (io.StringIO, io.BytesIO):
        return True
    return mod.startswith(GUEST_MODULES) and not mod.startswith(("jitvm.modules._hw",))


def names_of(obj) -> list[str]:
    names = set()
    try:
        names.update(n for n in dir(obj) if isinstance(n, str))
    except Exception:
        pass
    d = getattr(obj, "__dict__", None) if policy(obj if isinstance(obj, type) else type(obj)) \
        is not VALUE else None
    if isinstance(d, dict):
        names.update(k for k in d if isinstance(k, str))
    # names a guest might guess: jitvm internals and host internals
    names.update(("code", "vm", "globals", "frame", "pg", "closed", "root", "importer", "host_path",
                  "executor", "sandbox", "board", "_h", "_board", "gi_frame", "f_back", "tb_frame",
                  "__globals__", "__dict__", "__traceback__", "__closure__", "__code__",
                  "__func__", "__self__", "__wrapped__", "__subclasses__", "__mro__", "__base__",
                  "fget", "cell_contents", "buffer", "raw", "name", "_pin", "_dev", "_bus"))
    return sorted(names)


def walk(vm: VM, roots: list, depth: int = 4, budget: int = 60000):
    seen: set[int] = set()
    keep = []  # keep objects alive so ids stay unique during the walk
    frontier = [(r, "objs[%d]" % i) for i, r in enumerate(roots)]
    bad = []
    for _level in range(depth):
        nxt = []
        for obj, path in frontier:
            if id(obj) in seen or len(seen) > budget:
                continue
            seen.add(id(obj))
            keep.append(obj)
            t = type(obj)
            if not type_allowed(t):
                bad.append((path, t))
                continue
            if isinstance(obj, (int, float, complex, str, bytes, bool)) and not isinstance(obj, type):
                continue
            for n in names_of(obj):
                try:
                    v = vm.sandbox.getattr(obj, n)
                except BaseException:
                    continue
                nxt.append((v, f"{path}.{n}"))
            items = ()
            if isinstance(obj, (list, tuple, set, frozenset)) and len(obj) < 500:
                items = list(obj)
            elif isinstance(obj, dict) and len(obj) < 500:
                items = list(obj.values())
            elif isinstance(obj, GuestModule):
                items = list(obj.__dict__.values())
            nxt.extend((v, f"{path}[...]") for v in items)
        frontier = nxt
    return bad, len(seen)


@pytest.fixture(scope="module")
def guest_objects(tmp_path_factory):
    from jitvm.modules import _hw

    _hw.reset()
    tmp_path = tmp_path_factory.mktemp("drive")
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("x = 1\n")
    (tmp_path / "pkg" / "sub.py").write_text("def f():\n    return 1\n")
    src = tmp_path / "main.py"
    src.write_text(GUEST)
    vm = VM(str(tmp_path), stdout=io.TextIOWrapper(io.BytesIO()))
    code = vm.load_mpy(compile_cached(str(src), source_name="main.py"), "main.py")
    main = GuestModule("__main__")
    vm.importer.modules["__main__"] = main
    try:
        vm.run_module_code(code, main)
    except BaseException as e:  # noqa: BLE001
        raise AssertionError(f"guest program failed: {guestify(e)!r}") from None
    return vm, main.__dict__["objs"]


def test_no_host_type_off_the_allowlist_is_reachable(guest_objects):
    vm, objs = guest_objects
    bad, n = walk(vm, objs)
    assert n > 2000  # the walk really went somewhere
    assert not bad, "\n".join(f"{p}: {t}" for p, t in bad[:40])


def test_jitvm_internals_are_refused_by_name(guest_objects):
    vm, objs = guest_objects
    plain, closure, gen = objs[0], objs[1], objs[2]
    for obj, name in ((plain, "code"), (plain, "globals"), (closure, "closed"), (gen, "frame"),
                      (objs[3], "pg"), (type(plain), "code"), (objs[5], "__subclasses__")):
        with pytest.raises(AttributeError):
            vm.sandbox.getattr(obj, name)
    assert policy(type(plain)) is not OPEN and policy(type(plain)) is not VALUE

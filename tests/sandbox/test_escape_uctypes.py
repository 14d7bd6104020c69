"""uctypes reaches only the bytes of guest buffers jitvm mapped (jitvm.viper.MEMORY): stray,
negative, wrapped and huge addresses and sizes, pointer chains through host ids, recursive and
enormous descriptors and writes through read-only buffers fail with guest exceptions; the
struct and bytearray_at objects show nothing of the host."""

from tests.interp.helpers import jitvm_run

PROGRAM = r'''
import uctypes as u

def t(label, f):
    try:
        v = f()
        print(label, "VALUE", repr(v)[:60])
    except Exception as e:
        print(label, type(e).__name__, e)

buf = bytearray(b"0123456789abcdef")
ro = b"read-only bytes!"
A = u.addressof(buf)
R = u.addressof(ro)
# addresses outside every mapped buffer
t("zero", lambda: u.struct(0, {"a": u.UINT32 | 0}).a)
t("stray", lambda: u.bytes_at(0x7f0000001000, 4))
t("past_end", lambda: u.bytes_at(A + len(buf), 1))
t("straddle", lambda: u.bytes_at(A + 14, 4))
t("before", lambda: u.bytes_at(A - 1, 2))
t("huge", lambda: u.bytes_at(A, 1 << 62))
t("minus1", lambda: u.bytes_at(A, -1))
t("wrap", lambda: u.bytes_at(A + (1 << 64), 4))
t("lazy", lambda: u.bytearray_at(0xdead0000, 4)[0])
def lazy_w():
    u.bytearray_at(0xdead0000, 4)[0] = 1
t("lazy_w", lazy_w)
t("lazy_big", lambda: bytes(u.bytearray_at(A, 1 << 40)))
t("lazy_len", lambda: len(u.bytearray_at(A, -1)))
# negative offsets and indexes
S = u.struct(A, {"arr": (u.ARRAY | 0, u.UINT32 | 4), "sarr": (u.ARRAY | 0, 2, {"x": u.UINT64 | 0})})
t("neg_index", lambda: S.arr[-1])
t("neg_far", lambda: S.arr[-(1 << 60)])
t("neg_struct", lambda: S.sarr[-(1 << 40)].x)
t("neg_addr", lambda: u.struct(-8, {"a": u.UINT8 | 0}).a)
# pointer chains
cell = bytearray(8)
P = u.struct(u.addressof(cell), {"raw": u.UINT64 | 0, "p": (u.PTR | 0, u.UINT8),
                                 "pp": (u.PTR | 0, {"q": (u.PTR | 0, u.UINT64)})})
for target in (id(buf), id(P), 0x400000, 1 << 63, A + len(buf) + 8):
    P.raw = target
    t("ptr", lambda: P.p[0])
    t("ptrptr", lambda: P.pp[0].q[0])
P.raw = A
print(P.p[1])
P.raw = R
def ptr_store_ro():
    P.p[0] = 65  # MicroPython reads through the pointer and stores nothing
t("ptr_store_ro", ptr_store_ro)
print(ro)
# a C string pointer (struct's 'S') to anything but a mapped buffer
import struct
for target in (0x400000, id(buf) & 0xFFFFFFFFFFFF, A + len(buf) + 8):
    t("cstring", lambda: struct.unpack("<S", struct.pack("<Q", target)))
t("cstring_ok", lambda: struct.unpack("<S", struct.pack("<Q", A + 14)))
# writes through a read-only buffer
RO = u.struct(R, {"a": u.UINT8 | 0, "f": u.FLOAT64 | 8, "bf": u.BFUINT8 | 1 | 2 << u.BF_LEN})
t("ro_write", lambda: setattr(RO, "a", 65))
t("ro_float", lambda: setattr(RO, "f", 1.0))
t("ro_bitfield", lambda: setattr(RO, "bf", 1))
def ro_byref():
    u.bytearray_at(R, 4)[0] = 65
t("ro_byref", ro_byref)
t("ro_str", lambda: setattr(u.struct(u.addressof("abc"), {"a": u.UINT8 | 0}), "a", 65))
print(ro, RO.a)
# descriptor tricks
rec = {}
rec["s"] = (0, rec)
t("recursive", lambda: u.sizeof(rec))
t("recursive_field", lambda: u.struct(A, rec).s.s.s.s.s)
deep = {"a": u.UINT8 | 0}
for i in range(6):
    deep = {"x": (u.ARRAY | 0, (1 << 27) - 1, deep)}
t("huge_desc", lambda: u.sizeof(deep))
t("huge_bytes", lambda: bytes(u.struct(A, deep)))
t("huge_bytearray", lambda: bytearray(u.struct(A, deep)))
t("huge_item", lambda: u.struct(A, deep).x[(1 << 27) - 2].x[5].x[0].x[0].x[0].x[0].a)
class Evil(dict):
    def values(self):
        return [u.UINT8 | 0] * 3
t("dict_subclass", lambda: u.sizeof(Evil()))
t("bool_word", lambda: u.struct(A, {"a": True}).a)
t("big_word", lambda: u.struct(A, {"a": 1 << 100}).a)
t("big_tuple", lambda: u.struct(A, {"a": (1 << 100, 5)}).a)
# the host behind the objects
B = u.bytearray_at(A, 4)
chains = [lambda: S._jitvm_addr, lambda: S._jitvm_desc, lambda: S.__class__.__dict__,
          lambda: type(S).__init__.__globals__, lambda: S.__getattr__, lambda: S._jitvm_field,
          lambda: u.sizeof.__globals__, lambda: u.struct.__subclasses__(),
          lambda: type(S).__mro__, lambda: B._jitvm_bytes, lambda: B.decode.__self__,
          lambda: B.decode.__func__, lambda: type(B).__dict__, lambda: S.__dict__,
          lambda: u.struct.__init__.__globals__, lambda: u.__dict__["_m"],
          lambda: S.__setattr__, lambda: S.__int__.__globals__,
          lambda: memoryview(B)._jitvm_addr, lambda: type(memoryview(B)).__mro__]
blocked = 0
for i, c in enumerate(chains):
    try:
        print("REACHED", i, c())
    except (AttributeError, TypeError, KeyError, NameError):
        blocked += 1
print("blocked", blocked, "of", len(chains))
t("set_internal", lambda: setattr(S, "_jitvm_addr", 0))
print(u.addressof(S) == A, buf)
'''

EFAULT = "OSError [Errno 14] EFAULT"


def _lines(tmp_path) -> dict:
    r = jitvm_run(tmp_path, PROGRAM)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and "jitvm/" not in r.stdout + r.stderr, r.stderr
    out: dict = {}
    for line in r.stdout.splitlines():
        label, _, rest = line.partition(" ")
        out.setdefault(label, []).append(rest)
    return out


def test_no_address_outside_mapped_buffers(tmp_path):
    out = _lines(tmp_path)
    for label in ("zero", "stray", "past_end", "straddle", "before", "huge", "minus1", "lazy",
                  "lazy_w", "lazy_big", "neg_index", "neg_far", "neg_struct", "neg_addr",
                  "huge_bytes", "huge_bytearray", "huge_item"):
        assert out[label] == [EFAULT], (label, out[label])
    assert out["wrap"] == ["VALUE b'0123'"]  # machine words wrap: the same buffer
    assert out["lazy_len"][0].startswith("OverflowError")
    # host ids, a host-looking address, the top half, a gap between buffers: all stray
    assert out["ptr"] == [EFAULT] * 5 and out["ptrptr"] == [EFAULT] * 5
    assert out["cstring"] == [EFAULT] * 3 and out["cstring_ok"] == ["VALUE ('ef',)"]
    assert out["49"] == [""]  # a pointer to a mapped buffer does read it ("1")


def test_read_only_buffers_stay_unchanged(tmp_path):
    out = _lines(tmp_path)
    for label in ("ro_write", "ro_float", "ro_bitfield", "ro_byref", "ro_str"):
        assert out[label] == [EFAULT], (label, out[label])
    assert out["ptr_store_ro"] == ["VALUE None"]  # MicroPython stores nothing through a PTR
    assert out["b'read-only"] == ["bytes!'", "bytes!' 114"]


def test_descriptor_tricks_are_guest_errors(tmp_path):
    out = _lines(tmp_path)
    assert out["recursive"] == ["RuntimeError maximum recursion depth exceeded"]
    assert out["huge_desc"] == [f"VALUE {((1 << 27) - 1) ** 6}"]
    assert out["dict_subclass"] == ["VALUE 0"]  # the map itself, not the guest's values()
    for label in ("bool_word", "big_word", "big_tuple"):
        assert out[label] == ["TypeError syntax error in uctypes descriptor"]


def test_struct_objects_give_no_way_out(tmp_path):
    out = _lines(tmp_path)
    assert "REACHED" not in out, out["REACHED"]
    assert out["blocked"] == ["20 of 20"]
    assert out["set_internal"][0].startswith("AttributeError")
    assert out["True"] == ["bytearray(b'0123456789abcdef')"]

"""bitmaptools end to end in the guest: values worked out by hand from CircuitPython's
documented arithmetic (shared-module/bitmaptools), and its texts."""

from __future__ import annotations

import subprocess
import sys


def run_guest(tmp_path, code: str) -> list[str]:
    prog = tmp_path / "code.py"
    prog.write_text(code)
    r = subprocess.run([sys.executable, "-m", "jitvm", "run", str(prog)], capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout.splitlines()


def test_alphablend_dither_replace_color(tmp_path):
    out = run_guest(tmp_path, """
import bitmaptools, displayio
L8 = displayio.Colorspace.L8
a, b, d = displayio.Bitmap(2, 1, 256), displayio.Bitmap(2, 1, 256), displayio.Bitmap(2, 1, 256)
a[0], b[0], a[1], b[1] = 100, 200, 10, 0
bitmaptools.alphablend(d, a, b, L8)
print(d[0], d[1])
bitmaptools.alphablend(d, a, b, L8, 1.0, 0.25, skip_source2_index=0)
print(d[0], d[1])
bitmaptools.alphablend(d, a, b, L8, blendmode=bitmaptools.BlendMode.Screen)
print(d[0])
p, q, r = (displayio.Bitmap(1, 1, 65536) for _ in range(3))
p[0], q[0] = 0xF800, 0x001F
bitmaptools.alphablend(r, p, q, displayio.Colorspace.RGB565)
print(hex(r[0]))
bitmaptools.replace_color(d, d[0], 7)
print(d[0], d[1])
try:
    bitmaptools.alphablend(d, a, displayio.Bitmap(3, 1, 256), L8)
except ValueError as e:
    print(e)
try:
    bitmaptools.alphablend(r, p, q, L8)
except ValueError as e:
    print(e)
src = displayio.Bitmap(4, 1, 256)
for i, v in enumerate((0, 100, 200, 255)):
    src[i] = v
mono = displayio.Bitmap(4, 1, 2)
bitmaptools.dither(mono, src, L8, bitmaptools.DitherAlgorithm.FloydStenberg)
print([mono[i] for i in range(4)])
try:
    bitmaptools.dither(displayio.Bitmap(4, 1, 4), src, L8)
except TypeError as e:
    print(e)
print(bitmaptools.BlendMode.Normal, bitmaptools.DitherAlgorithm.Atkinson)
""")
    # 100*128 and 200*128: 25600 + 12800*128/256 = 32000, / (128+128-64) = 166;
    # 10 over 0 the same way: 1280*128/256 = 640 / 192 = 3
    # factors 256 and 64, source 2 skipped at index 1: 10*256/256 = 10;
    # index 0: 12800 + 25600*192/256 = 32000 / (256+64-64) = 125
    # screen: 25600 + 12800 - 25600*12800/65536 = 33400 / 192 = 173; 10 over 0: 1280 / 192 = 6
    # RGB565 red over blue at 1/2: red 248*128 = 31744 *128/256 = 15872 / 192 = 82 -> 82<<8
    # & 0xF800 = 0x5000; blue 248*128=31744 / 192 = 165 >> 3 = 20 = 0x14 -> 0x5014
    # Floyd-Steinberg, one row: 0 -> 0 (err 0); 100 -> 0, err 100*112/256 = 43; 243 -> 1,
    # err -12 * 112/256 = -5; 250 -> 1
    assert out == ["166 3", "125 10", "173", "0x5014", "7 6",
                   "Bitmap size and bits per value must match",
                   "For L8 colorspace, input bitmap must have 8 bits per pixel",
                   "[0, 0, 1, 1]", "source_bitmap must have value_count of 2 or 65536",
                   "bitmaptools.BlendMode.Normal bitmaptools.DitherAlgorithm.Atkinson"]


def test_lines_fills_blits_and_readinto(tmp_path):
    out = run_guest(tmp_path, """
import bitmaptools, displayio, io
b = displayio.Bitmap(8, 5, 4)
bitmaptools.draw_line(b, 0, 0, 7, 3, 1)
print([(x, y) for y in range(5) for x in range(8) if b[x, y] == 1])
bitmaptools.fill_region(b, 1, 1, 3, 3, 2)
print(sum(1 for i in range(40) if b[i] == 2))
bitmaptools.boundary_fill(b, 7, 4, 3, 0)
print(sum(1 for i in range(40) if b[i] == 3), b[0, 4], b[7, 0])
s = displayio.Bitmap(3, 2, 4)
s.fill(2)
s[1, 0] = 0
d = displayio.Bitmap(4, 3, 4)
bitmaptools.blit(d, s, 1, 1, skip_source_index=0)
print([d[i] for i in range(12)])
try:
    bitmaptools.fill_region(b, 0, 0, 9, 1, 1)
except ValueError as e:
    print(e)
try:
    bitmaptools.fill_region(b, 0, 0, 1, 1, 4)
except ValueError as e:
    print(e)
r = displayio.Bitmap(8, 2, 2)
bitmaptools.readinto(r, io.BytesIO(bytes((0b00000011, 0b10000000))), bits_per_pixel=1)
print([r[x, 0] for x in range(8)], [r[x, 1] for x in range(8)])
r16 = displayio.Bitmap(2, 1, 65536)
bitmaptools.readinto(r16, io.BytesIO(bytes((0x34, 0x12, 0xCD, 0xAB))), bits_per_pixel=16,
                     element_size=2)
print(hex(r16[0]), hex(r16[1]))
c = displayio.Bitmap(7, 7, 2)
bitmaptools.draw_circle(c, 3, 3, 2, 1)
print(["".join(str(c[x, y]) for x in range(7)) for y in range(7)])
z = displayio.Bitmap(4, 4, 4)
src = displayio.Bitmap(4, 4, 4)
for i in range(16):
    src[i] = i % 4
bitmaptools.rotozoom(z, src)
print([z[i] for i in range(16)] == [src[i] for i in range(16)])
""")
    assert out[0] == "[(0, 0), (1, 0), (2, 1), (3, 1), (4, 2), (5, 2), (6, 3), (7, 3)]"
    assert out[1] == "4"
    # boundary fill of value 0 from (7, 4): every 0 connected to it (the line and box block
    # nothing off completely: only 0s are replaced)
    assert out[2].split()[1:] == ["3", "0"]
    assert out[3] == "[0, 0, 0, 0, 0, 2, 0, 2, 0, 2, 2, 2]"
    assert out[4:6] == ["x2 must be 0-8", "out of range of target"]
    # 1 bit: the low bit is the first pixel (CircuitPython's readinto)
    assert out[6] == "[1, 1, 0, 0, 0, 0, 0, 0] [0, 0, 0, 0, 0, 0, 0, 1]"
    assert out[7] == "0x1234 0xabcd"
    assert out[8] == ("['0000000', '0011100', '0100010', '0100010', '0100010', '0011100', "
                      "'0000000']")
    assert out[9] == "True"


def test_vectorio_shapes_contains_and_checks(tmp_path):
    out = run_guest(tmp_path, """
import displayio, vectorio
p = displayio.Palette(2)
c = vectorio.Circle(pixel_shader=p, radius=5, x=10, y=10)
print(c.contains((10, 5)), c.contains((14, 13)), c.contains((14, 14)), c.contains((16, 10)))
r = vectorio.Rectangle(pixel_shader=p, width=4, height=3, x=1, y=1)
print(r.contains((1, 1)), r.contains((4, 3)), r.contains((5, 1)), r.location)
t = vectorio.Polygon(pixel_shader=p, points=[(0, 0), (10, 0), (0, 10)], x=0, y=0)
print(t.contains((2, 2)), t.contains((6, 6)), t.points)
for f in (lambda: vectorio.Polygon(pixel_shader=p, points=[(0, 0), (1, 1)]),
          lambda: vectorio.Polygon(pixel_shader=p, points=[(0, 0), (1, 1), [2, 2]]),
          lambda: vectorio.Circle(pixel_shader=p, radius=0),
          lambda: vectorio.Circle(pixel_shader=None, radius=2),
          lambda: setattr(r, 'location', (1, 2, 3))):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
""")
    # circle rule: |x|+|y| <= r, or x*x + y*y <= r*r: (4, 3) -> 16+9 = 25 in; (4, 4) -> 32 out
    assert out == ["True True False False", "True True False (1, 1)",
                   "True False [(0, 0), (10, 0), (0, 10)]",
                   "TypeError Polygon needs at least 3 points",
                   "TypeError point must be of type tuple, not list",
                   "ValueError radius must be >= 1",
                   "TypeError unsupported pixel_shader type",
                   "ValueError location length must be 2"]


def test_bitmap_buffer_protocol_has_circuitpythons_layout(tmp_path):
    out = run_guest(tmp_path, """
import displayio
b = displayio.Bitmap(3, 2, 65536)
m = memoryview(b)
b[1, 0] = 0x1234
print(len(m), hex(m[1]), len(bytes(b)))
m[4] = 7
print(b[0, 1])
c = displayio.Bitmap(10, 2, 2)
c[0, 0] = 1
c[9, 1] = 1
mc = memoryview(c)
print(len(mc), list(bytes(mc)))
mc[4] = 0xFF
c.dirty()
print([c[x, 1] for x in range(10)])
e = displayio.Bitmap(5, 1, 256)
e.fill(3)
print(list(memoryview(e)))
""")
    # rows are padded to whole 32-bit words: 3 x 16 bits -> 8 bytes, 10 x 1 bit -> 4 bytes;
    # sub-byte values fill each byte from its most significant bits
    assert out == ["8 0x1234 16", "7", "8 [128, 0, 0, 0, 0, 64, 0, 0]",
                   "[1, 1, 1, 1, 1, 1, 1, 1, 0, 1]", "[3, 3, 3, 3, 3, 0, 0, 0]"]


def test_ondiskbitmap_errors_and_palette(tmp_path):
    import struct

    # a 2x1 4-bit BMP with a 2-colour palette (colours-used = 2), header 40, bottom-up
    header = struct.pack("<IiiHHIIiiII", 40, 2, 1, 1, 4, 0, 4, 0, 0, 2, 0)
    palette = bytes((0x30, 0x20, 0x10, 0, 0xFF, 0xEE, 0xDD, 0))
    pixels = bytes((0x10, 0, 0, 0))  # pixel 0 = index 1, pixel 1 = index 0
    offset = 14 + len(header) + len(palette)
    (tmp_path / "tiny.bmp").write_bytes(b"BM" + struct.pack("<IHHI", offset + 4, 0, 0, offset)
                                        + header + palette + pixels)
    (tmp_path / "bad.bmp").write_bytes(b"XX" + bytes(60))
    core = bytearray((tmp_path / "tiny.bmp").read_bytes())
    core[14] = 64  # an OS/2 2.x header: not one CircuitPython reads
    (tmp_path / "core.bmp").write_bytes(bytes(core))
    rle = bytearray((tmp_path / "tiny.bmp").read_bytes())
    rle[30] = 2
    (tmp_path / "rle.bmp").write_bytes(bytes(rle))
    out = run_guest(tmp_path, """
import displayio
odb = displayio.OnDiskBitmap("/tiny.bmp")
p = odb.pixel_shader
print(odb.width, odb.height, len(p), hex(p[0]), hex(p[1]))
with open("/tiny.bmp", "rb") as f:
    print(displayio.OnDiskBitmap(f).width)
for name in ("/bad.bmp", "/core.bmp", "/rle.bmp", "/missing.bmp"):
    try:
        displayio.OnDiskBitmap(name)
    except Exception as e:
        print(type(e).__name__, e)
""")
    assert out == ["2 1 2 0x102030 0xddeeff", "2", "ValueError Invalid file",
                   "ValueError Only Windows format, uncompressed BMP supported: given header "
                   "size is 64",
                   "ValueError RLE-compressed BMP not supported",
                   "OSError [Errno 2] ENOENT"]  # the VM's guest open() text

"""framebuf against the real MicroPython binary: the same program draws with every operation in
every format (odd sizes, strides, clipping, negative coordinates) on jitvm and on MicroPython,
printing the buffer bytes after each step; the outputs must be identical."""

import subprocess
import sys
from pathlib import Path

import pytest

MICROPYTHON = Path(sys.executable).parent / "micropython"

PROGRAM = r"""
import framebuf
from array import array

seed = [12345]
def rnd(n):
    seed[0] = (seed[0] * 1103515245 + 12345) & 0x7FFFFFFF
    return (seed[0] >> 8) % n

FORMATS = [("MONO_VLSB", framebuf.MONO_VLSB, 1), ("MONO_HLSB", framebuf.MONO_HLSB, 1),
           ("MONO_HMSB", framebuf.MONO_HMSB, 1), ("RGB565", framebuf.RGB565, 16),
           ("GS2_HMSB", framebuf.GS2_HMSB, 2), ("GS4_HMSB", framebuf.GS4_HMSB, 4),
           ("GS8", framebuf.GS8, 8)]
SIZES = [(13, 11, 13), (16, 9, 21), (7, 17, 9)]

def nbytes(fmt, w, h, stride):
    if fmt == framebuf.MONO_VLSB:
        return ((h + 7) // 8) * stride
    bpp = {framebuf.MONO_HLSB: 1, framebuf.MONO_HMSB: 1, framebuf.RGB565: 16,
           framebuf.GS2_HMSB: 2, framebuf.GS4_HMSB: 4, framebuf.GS8: 8}[fmt]
    per = 8 // bpp if bpp < 8 else 1
    stride = (stride + per - 1) // per * per
    return (stride * h * bpp + 7) // 8

def show(tag, buf):
    print(tag, bytes(buf).hex())

def col(bits):
    return rnd(1 << bits) if rnd(4) else (1 << bits) - 1

for name, fmt, bits in FORMATS:
    for w, h, stride in SIZES:
        buf = bytearray(nbytes(fmt, w, h, stride))
        fb = framebuf.FrameBuffer(buf, w, h, fmt, stride)
        print(name, w, h, stride, len(buf))
        fb.fill(col(bits)); show("fill", buf)
        fb.fill(0)
        for i in range(6):
            fb.pixel(rnd(w + 4) - 2, rnd(h + 4) - 2, col(bits))
        print("get", [fb.pixel(x, y) for x in (-1, 0, 3, w - 1, w) for y in (0, 2, h - 1, h)])
        show("pixel", buf)
        fb.hline(rnd(w) - 3, rnd(h), rnd(w + 6), col(bits)); show("hline", buf)
        fb.vline(rnd(w), rnd(h) - 3, rnd(h + 6), col(bits)); show("vline", buf)
        for i in range(5):
            fb.line(rnd(w + 10) - 5, rnd(h + 10) - 5, rnd(w + 10) - 5, rnd(h + 10) - 5, col(bits))
        show("line", buf)
        fb.rect(rnd(w) - 2, rnd(h) - 2, rnd(w), rnd(h), col(bits)); show("rect", buf)
        fb.rect(rnd(w) - 2, rnd(h) - 2, rnd(w), rnd(h), col(bits), True); show("rectf", buf)
        fb.fill_rect(rnd(w) - 4, rnd(h) - 4, rnd(w + 4), rnd(h + 4), col(bits)); show("fillr", buf)
        fb.fill(0)
        for f in (False, True):
            for m in (None, 1, 2, 4, 8, 5, 10, 15):
                args = [rnd(w), rnd(h), rnd(9), rnd(7), col(bits), f]
                if m is not None:
                    args.append(m)
                fb.ellipse(*args)
            show("ellipse" + str(f), buf)
        fb.ellipse(3, 3, 0, 0, col(bits)); show("ellipse0", buf)
        fb.fill(0)
        for f in (False, True):
            pts = array("h", [rnd(w + 6) - 3 for i in range(2 * (3 + rnd(4)))])
            fb.poly(rnd(5) - 2, rnd(5) - 2, pts, col(bits), f)
            show("poly" + str(f), buf)
        fb.poly(1, 1, array("h", [0, 0, 5, 0, 5, 5, 0, 5]), col(bits), True); show("polysq", buf)
        fb.poly(1, 1, bytes([0, 0, 6, 2, 2, 6]), col(bits)); show("polyb", buf)
        fb.text("Hi!", rnd(6) - 3, rnd(6) - 3, col(bits)); show("text", buf)
        fb.text("\x01\x7f\u00e9~", -2, 1); show("text2", buf)
        for xs, ys in ((1, 0), (0, 1), (-2, 0), (0, -3), (2, -1), (-1, 2), (w, 0), (0, -h)):
            fb.scroll(xs, ys)
            show("scroll", buf)
        src_buf = bytearray(nbytes(fmt, 5, 4, 5))
        src = framebuf.FrameBuffer(src_buf, 5, 4, fmt)
        for i in range(8):
            src.pixel(rnd(5), rnd(4), col(bits))
        fb.blit(src, rnd(w) - 2, rnd(h) - 2); show("blit", buf)
        fb.blit(src, -3, h - 2, 0); show("blitkey", buf)
        fb.blit((src_buf, 5, 4, fmt), w - 3, -1); show("blittuple", buf)
        fb.blit(fb, 1, 1); show("blitself", buf)
        fb.blit((buf, w, h, fmt, stride), -2, 1, 0); show("blitselftuple", buf)
        if bits <= 8:  # a palette entry for every source value (past its end is undefined)
            n = 1 << bits
            pal = framebuf.FrameBuffer(bytearray(nbytes(fmt, n, 1, n)), n, 1, fmt)
            for i in range(n):
                pal.pixel(i, 0, (i * 37 + 5) % n)
            fb.blit(src, 1, 0, -1, pal); show("blitpal", buf)

mono = bytearray(4)  # MONO_HLSB rows are 8 pixels (a byte) wide
src = framebuf.FrameBuffer(mono, 4, 4, framebuf.MONO_HLSB)
src.rect(0, 0, 4, 4, 1)
pal = framebuf.FrameBuffer(bytearray(4), 2, 1, framebuf.RGB565)
pal.pixel(0, 0, 0x1234)
pal.pixel(1, 0, 0xF00F)
dst = bytearray(2 * 6 * 6)
fbd = framebuf.FrameBuffer(dst, 6, 6, framebuf.RGB565)
fbd.blit(src, 1, 1, -1, pal); show("palette", dst)
fbd.blit(src, 2, 2, 0x1234, pal); show("palkey", dst)

gs = framebuf.FrameBuffer(bytearray(8 * 8), 8, 8, framebuf.GS8)
gs.fill(200)
m1 = framebuf.FrameBuffer(bytearray(8), 8, 8, framebuf.MONO_VLSB)
m1.blit(gs, 0, 0); show("gs8->mono", bytes(m1))
fb1 = framebuf.FrameBuffer1(bytearray(10), 10, 8)
fb1.text("A", 1, 0); show("fb1", bytes(fb1))
av = array("B", bytes(16))
fa = framebuf.FrameBuffer(av, 4, 4, framebuf.GS8)
fa.line(0, 0, 3, 3, 9); show("array", bytes(av))
mv = memoryview(bytearray(16))
fm = framebuf.FrameBuffer(mv[4:], 3, 4, framebuf.GS8)
fm.fill(7); show("memoryview", mv)

for args in [(bytearray(1), 8, 8, framebuf.MONO_VLSB), (bytearray(64), 0, 8, framebuf.GS8),
             (bytearray(64), 8, 8, 99), (bytearray(64), 8, 8, framebuf.GS8, 7),
             (b"12345678", 2, 2, framebuf.GS8), (bytearray(64), 8.0, 8, framebuf.GS8)]:
    try:
        framebuf.FrameBuffer(*args)
        print("ok")
    except Exception as e:
        print(type(e).__name__, e.args)
try:
    fb.blit(None, 0, 0)
except TypeError:
    print("TypeError")
try:
    fb.blit((bytearray(4), 2), 0, 0)
except ValueError as e:
    print("ValueError", e.args)
"""


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("framebuf")
    prog = d / "fb.py"
    prog.write_text(PROGRAM)
    mp = subprocess.run([str(MICROPYTHON), str(prog)], capture_output=True, text=True, timeout=120)
    jv = subprocess.run([sys.executable, "-m", "jitvm", "run", str(prog)], capture_output=True,
                        text=True, timeout=300)  # fmt: skip
    return mp, jv


def test_micropython_reference_ran(outputs):
    mp, _ = outputs
    assert mp.returncode == 0, mp.stderr
    assert mp.stdout.count("fill ") == 21 and "memoryview" in mp.stdout


def test_every_format_and_operation_matches_micropython_byte_for_byte(outputs):
    mp, jv = outputs
    assert jv.returncode == 0, jv.stderr
    for i, (a, b) in enumerate(zip(mp.stdout.splitlines(), jv.stdout.splitlines())):
        assert a == b, f"line {i + 1}: MicroPython {a!r} jitvm {b!r}"
    assert len(mp.stdout.splitlines()) == len(jv.stdout.splitlines())

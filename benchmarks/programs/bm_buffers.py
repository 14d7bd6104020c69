# Buffer kernels in viper-friendly integer style: checksum, blit and FIR filter over bytearrays.


def checksum(buf, n):
    # Fletcher-16 with explicit index loop (no iterators, no slicing)
    s1 = 0
    s2 = 0
    i = 0
    while i < n:
        s1 = (s1 + buf[i]) % 255
        s2 = (s2 + s1) % 255
        i += 1
    return (s2 << 8) | s1


def blit(dst, dst_w, src, src_w, src_h, x0, y0):
    # copy a src_w x src_h 8-bit sprite into dst at (x0, y0), 0 is transparent
    y = 0
    while y < src_h:
        d = (y0 + y) * dst_w + x0
        s = y * src_w
        x = 0
        while x < src_w:
            v = src[s + x]
            if v != 0:
                dst[d + x] = v
            x += 1
        y += 1


def fir(src, dst, n, taps, ntaps):
    # integer FIR on 16-bit little-endian samples, coefficients in Q8
    i = ntaps - 1
    while i < n:
        acc = 0
        k = 0
        while k < ntaps:
            j = (i - k) * 2
            sample = src[j] | (src[j + 1] << 8)
            if sample & 0x8000:
                sample -= 0x10000
            acc += sample * taps[k]
            k += 1
        acc >>= 8
        if acc > 32767:
            acc = 32767
        elif acc < -32768:
            acc = -32768
        o = i * 2
        dst[o] = acc & 0xFF
        dst[o + 1] = (acc >> 8) & 0xFF
        i += 1


def work(size, rounds):
    frame = bytearray(size * size)
    sprite = bytearray(16 * 16)
    i = 0
    while i < 256:
        sprite[i] = (i * 7) & 0xFF if (i >> 4) != (i & 15) else 0
        i += 1
    nsamp = size * 4
    samples = bytearray(nsamp * 2)
    i = 0
    while i < nsamp:
        v = ((i * 97) % 2001) - 1000
        samples[2 * i] = v & 0xFF
        samples[2 * i + 1] = (v >> 8) & 0xFF
        i += 1
    filtered = bytearray(nsamp * 2)
    taps = bytearray(b"\x10\x20\x40\x20\x10\x08\x04\x02")
    acc = 0
    mv = memoryview(frame)
    for r in range(rounds):
        blit(frame, size, sprite, 16, 16, (r * 5) % (size - 16), (r * 3) % (size - 16))
        acc += checksum(mv, size * size)
        fir(samples, filtered, nsamp, taps, 8)
        acc += checksum(filtered, nsamp * 2)
    return acc


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (32, 2),
    (100, 10): (48, 2),
    (1000, 10): (64, 120),
    (5000, 100): (128, 300),
}


def bm_setup(params):
    size, rounds = params
    state = None

    def run():
        nonlocal state
        state = work(size, rounds)

    def result():
        return size * rounds, state

    return run, result

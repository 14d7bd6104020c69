# Float math: escape-time Mandelbrot on a small grid, using only + - * (bit-exact everywhere).


def mandelbrot(width, height, max_iter):
    total = 0
    checksum = 0
    y = 0
    while y < height:
        ci = -1.25 + 2.5 * y / height
        x = 0
        while x < width:
            cr = -2.0 + 3.0 * x / width
            zr = 0.0
            zi = 0.0
            it = 0
            while it < max_iter:
                zr2 = zr * zr
                zi2 = zi * zi
                if zr2 + zi2 > 4.0:
                    break
                zi = 2.0 * zr * zi + ci
                zr = zr2 - zi2 + cr
                it += 1
            total += it
            checksum = (checksum * 7 + it) & 0xFFFFFF
            x += 1
        y += 1
    return total, checksum


###########################################################################
# Benchmark interface

bm_params = {
    (50, 10): (12, 8, 30),
    (100, 10): (20, 12, 40),
    (1000, 10): (160, 96, 150),
    (5000, 10): (320, 192, 300),
}


def bm_setup(params):
    width, height, max_iter = params
    state = None

    def run():
        nonlocal state
        state = mandelbrot(width, height, max_iter)

    def result():
        return width * height, state

    return run, result

"""Compare bitmaptools.dither with the pictures real CircuitPython made: CircuitPython's
tests/circuitpython-manual/bitmaptools/dither.py turns minerva16.bmp into dither-atkinson.bmp and
dither-floydstenberg.bmp (both in that folder).

    PYTHONPATH=. python tools/check_dither_against_cp.py <circuitpython>/tests/circuitpython-manual/bitmaptools
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

import hal
from jitvm.modules import _hw, bitmaptools, displayio


def main(folder: Path) -> int:
    _hw.set_board(hal.open_board("sim"))
    source = displayio.Bitmap(320, 240, 65536)
    with open(folder / "minerva16.bmp", "rb") as f:
        f.seek(70)  # the 70-byte header _bmp16.py skips
        bitmaptools.readinto(source, f, bits_per_pixel=16, element_size=2, reverse_rows=True)
    out = displayio.Bitmap(320, 240, 65536)
    worst = 1.0
    for algorithm, name in ((bitmaptools.DitherAlgorithm.Atkinson, "dither-atkinson.bmp"),
                            (bitmaptools.DitherAlgorithm.FloydStenberg, "dither-floydstenberg.bmp")):
        bitmaptools.dither(out, source, displayio.Colorspace.BGR565, algorithm)
        data = (folder / name).read_bytes()
        ref = np.frombuffer(data[70: 70 + 320 * 240 * 2], dtype="<u2").reshape(240, 320)[::-1]
        same = float((out._dio_data == ref).mean())
        worst = min(worst, same)
        print(f"{name}: {same * 100:.2f} % of pixels equal")
    return 0 if worst == 1.0 else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

"""The display modules' guest-visible objects (displayio, busdisplay, fontio, terminalio,
vectorio, bitmaptools) give no way to the host: no numpy array, module, function globals,
bound-method owner or class dict behind them, also through guest subclasses."""

import pytest

from .helpers import E, check_escape, escape_params, run_escape

CASES = [
    E("displayio_objects_hide_their_host_state", '''
import displayio, fontio, terminalio, vectorio, bitmaptools
b = displayio.Bitmap(4, 4, 2)
p = displayio.Palette(2)
tg = displayio.TileGrid(b, pixel_shader=p)
g = displayio.Group()
c = vectorio.Circle(pixel_shader=p, radius=2)
f = terminalio.FONT
objs = [b, p, tg, g, c, f, f.get_glyph(65), displayio.ColorConverter(), displayio.Colorspace.RGB565]
for o in objs:
    name = type(o).__name__
    _try(name + '._dio_data', lambda: o._dio_data.tofile('@OUTSIDE@/x'))
    _try(name + '.__dict__', lambda: print('ESCAPED', o.__dict__))
    _try(name + ' class dict', lambda: print('ESCAPED', type(o).__dict__))
    _try(name + ' globals', lambda: print('ESCAPED', type(o).__init__.__globals__))
    _try(name + ' __self__ module', lambda: print('ESCAPED', o.__init__.__self__.__module__.__dict__))
_try('font bitmap data', lambda: f.bitmap._dio_data.tofile('@OUTSIDE@/y'))
_try('bitmaptools globals', lambda: print('ESCAPED', bitmaptools.blit.__globals__))
_try('displayio np', lambda: print('ESCAPED', displayio.np))
_try('displayio _hw', lambda: print('ESCAPED', displayio._hw))
_try('terminalio font()', lambda: print('ESCAPED', terminalio.font))
print('DONE')
''', "AttributeError", "TypeError", done=True),

    E("displayio_guest_subclass_cannot_use_host_arrays", '''
import displayio
class B(displayio.Bitmap):
    pass
class G(displayio.Group):
    pass
b = B(4, 4, 2)
g = G()
g.append(displayio.TileGrid(b, pixel_shader=displayio.Palette(2)))
_try('subclass array tofile', lambda: b._dio_data.tofile('@OUTSIDE@/z'))
_try('subclass array ctypes', lambda: print('ESCAPED', b._dio_data.ctypes))
_try('subclass array base', lambda: print('ESCAPED', b._dio_data.base))
_try('group layers list type', lambda: print('ESCAPED', type(g._dio_layers[0]).__dict__))
b[1, 1] = 1
print(b[1, 1], len(g))
print('DONE')
''', "AttributeError", "TypeError", done=True),

    E("display_bus_objects_hide_the_hal", '''
import board, busdisplay, displayio, fourwire
displayio.release_displays()
bus = fourwire.FourWire(board.SPI(), command=board.D6, chip_select=board.D5)
d = busdisplay.BusDisplay(bus, b"", width=16, height=16, auto_refresh=False)
for o, name in ((bus, 'FourWire'), (d, 'BusDisplay'), (d.bus, 'bus')):
    _try(name + ' private line', lambda: print('ESCAPED', o._command.__class__.__dict__))
    _try(name + ' core', lambda: print('ESCAPED', o._core.bus._bus._dev))
    _try(name + ' class dict', lambda: print('ESCAPED', type(o).__dict__))
    _try(name + ' method globals', lambda: print('ESCAPED', o.refresh.__func__.__globals__))
    _try(name + ' send self', lambda: print('ESCAPED', o.send.__self__._bus))
print(d.width, d.refresh())
import epaperdisplay
displayio.release_displays()
bus = fourwire.FourWire(board.SPI(), command=board.D6, chip_select=board.D5)
e = epaperdisplay.EPaperDisplay(bus, b"", b"", width=8, height=8, ram_width=8, ram_height=8,
                                write_black_ram_command=0x24, refresh_display_command=0x20)
_try('epaper core', lambda: print('ESCAPED', e._core.bus._bus._dev))
_try('epaper class dict', lambda: print('ESCAPED', type(e).__dict__))
_try('epaper refresh globals', lambda: print('ESCAPED', e.refresh.__func__.__globals__))
print('DONE')
''', "AttributeError", "TypeError", done=True),
]


@pytest.mark.parametrize("case, mode", escape_params(CASES))
def test_displayio_escape(tmp_path, case, mode):
    pg, run = run_escape(tmp_path, case, mode)
    check_escape(pg, case, run)

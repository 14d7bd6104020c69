"""The modules added for real libraries (warnings, zlib, onewireio, keypad's KeyMatrix and
ShiftRegisterKeys) give no way to the host: no module, function globals, bound-method owner,
class dict or hal line behind them, also through guest subclasses of Warning."""

import pytest

from .helpers import E, check_escape, escape_params, run_escape

CP = ("--flavor", "circuitpython", "--layout", "adafruit_feather_rp2040")

CASES = [
    E("warnings_and_zlib_hide_the_host", '''
import warnings, zlib
for f, name in ((warnings.warn, 'warn'), (warnings.simplefilter, 'simplefilter'),
                (zlib.decompress, 'decompress')):
    _try(name + ' globals', lambda: print('ESCAPED', f.__globals__))
    _try(name + ' module', lambda: print('ESCAPED', f.__module__.__dict__))
    _try(name + ' self', lambda: print('ESCAPED', f.__self__.__dict__))
_try('zlib host module', lambda: print('ESCAPED', zlib._host_zlib))
_try('warnings _hw', lambda: print('ESCAPED', warnings._hw))
class W(Warning):
    def __init__(self, *a):
        print('init', a)
warnings.simplefilter('error')
try:
    warnings.warn('x', W)
except W as e:
    _try('warning class dict', lambda: print('ESCAPED', type(e).__mro__[-2].__subclasses__()))
_try('Warning subclasses', lambda: print('ESCAPED', Warning.__subclasses__()))
print(zlib.decompress(b'x\\x9c\\x03\\x00\\x00\\x00\\x00\\x01'))
print('DONE')
''', "AttributeError", "TypeError", done=True, args=CP),

    E("onewire_and_keypad_scanners_hide_their_lines", '''
import board, keypad, onewireio
ow = onewireio.OneWire(board.D6)
km = keypad.KeyMatrix((board.D9,), (board.D10, board.D11))
sr = keypad.ShiftRegisterKeys(clock=board.D12, data=board.D13, latch=board.D24, key_count=4,
                              value_when_pressed=False)
for o, name in ((ow, 'OneWire'), (km, 'KeyMatrix'), (sr, 'ShiftRegisterKeys')):
    _try(name + ' line', lambda: print('ESCAPED', o._line.__class__.__dict__))
    _try(name + ' lines', lambda: print('ESCAPED', o._lines[0]._board))
    _try(name + ' class dict', lambda: print('ESCAPED', type(o).__dict__))
    _try(name + ' method globals', lambda: print('ESCAPED', o.deinit.__func__.__globals__))
    _try(name + ' method self', lambda: print('ESCAPED', o.deinit.__self__._task))
    _try(name + ' scan hook', lambda: print('ESCAPED', o._sample()))
    _try(name + ' base class', lambda: print('ESCAPED', type(o).__bases__[0].__dict__))
print(ow.reset(), km.key_count, sr.key_count)
print('DONE')
''', "AttributeError", "TypeError", done=True, args=CP),
]


@pytest.mark.parametrize("case, mode", escape_params(CASES))
def test_lib_modules_escape(tmp_path, case, mode):
    pg, run = run_escape(tmp_path, case, mode)
    check_escape(pg, case, run)

"""framebuf's guest-visible objects (FrameBuffer, its methods, FrameBuffer1) give no way to
the host: no module globals, no numpy, no private buffer attributes, no class internals."""

import pytest

from .helpers import E, check_escape, escape_params, run_escape

CASES = [
    E("framebuf_attribute_chains", '''
import framebuf
fb = framebuf.FrameBuffer(bytearray(8), 8, 8, framebuf.MONO_VLSB)
_try('fb._raw', lambda: print('ESCAPED', fb._raw))
_try('fb._obj', lambda: print('ESCAPED', fb._obj))
_try('fb.__jitvm_buffer__', lambda: print('ESCAPED', fb.__jitvm_buffer__))
_try('fb._set', lambda: print('ESCAPED', fb._set))
_try('pixel.__self__._raw', lambda: print('ESCAPED', fb.pixel.__self__._raw))
_try('pixel.__func__', lambda: print('ESCAPED', fb.pixel.__func__))
_try('pixel.__globals__', lambda: print('ESCAPED', fb.pixel.__globals__))
_try('type.__dict__', lambda: print('ESCAPED', type(fb).__dict__['_fill_clipped']))
_try('class.__module__.np', lambda: print('ESCAPED', framebuf.np))
_try('FrameBuffer1.__globals__', lambda: print('ESCAPED', framebuf.FrameBuffer1.__globals__))
_try('FrameBuffer1.__code__', lambda: print('ESCAPED', framebuf.FrameBuffer1.__code__))
_try('__class__.__mro__', lambda: print('ESCAPED', fb.__class__.__mro__[-1].__subclasses__()))
_try('module _framebuf_font', lambda: print('ESCAPED', framebuf.FONT_8X8))
_try('module __dict__', lambda: print('ESCAPED', framebuf.__dict__['get_int']))
print('DONE')
''', "AttributeError", "TypeError", "KeyError", done=True),

    E("framebuf_subclass_tampering_stays_guest", '''
import framebuf
class FB(framebuf.FrameBuffer):
    pass
fb = FB(bytearray(8), 8, 8, framebuf.MONO_VLSB)
fb.pixel(0, 0, 1)
# a subclass sees its own instance state, which holds only the guest's own values
print(type(fb._raw) is bytearray, fb._obj is fb._raw)
_try('super()._setup', lambda: print('ESCAPED', super(FB, fb)._setup))
def tamper(name, value, op):
    f = FB(bytearray(8), 8, 8, framebuf.MONO_VLSB)
    setattr(f, name, value)
    op(f)
for name, value in (('_raw', 5), ('_raw', b'x'), ('_fmt', 99), ('_stride', -10**30),
                    ('_w', 10**9), ('_raw', [1, 2])):
    for op in (lambda f: f.fill(1), lambda f: f.text('A', 0, 0), lambda f: f.scroll(1, 1),
               lambda f: f.line(0, 0, 7, 7, 1)):
        try:
            tamper(name, value, op)  # succeeding is fine too: only guest values are involved
        except (TypeError, IndexError, ValueError, OverflowError):
            pass
print('DONE')
''', "AttributeError", "TypeError", "IndexError", "ValueError", "OverflowError", done=True),
]


@pytest.mark.parametrize("case, mode", escape_params(CASES))
def test_framebuf_escape(tmp_path, case, mode):
    pg, run = run_escape(tmp_path, case, mode)
    check_escape(pg, case, run)

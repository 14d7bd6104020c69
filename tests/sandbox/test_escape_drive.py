"""A.2 What the drive behaviours hand the guest: the `storage` module, its VfsFat object,
`os.getenv` over settings.toml and `micropython.kbd_intr`. None of them may lead to a host
object, a host path, the VM's Drive or a settings file outside the root.
"""

import pytest

from .helpers import E, check_escape, escape_params, run_escape

CP = ("--flavor", "circuitpython")

CASES = [
    E("storage_objects_walks", '''
import storage
m = storage.getmount("/")
_try('mount._drive', lambda: print('ESCAPED', m._drive))
_try('mount.__dict__', lambda: print('ESCAPED', m.__dict__))
_try('type(mount).__dict__', lambda: print('ESCAPED', type(m).__dict__))
_try('readonly.fget', lambda: print('ESCAPED', type(m).readonly.fget))
_try('remount.__globals__', lambda: print('ESCAPED', storage.remount.__globals__))
_try('remount.__closure__', lambda: print('ESCAPED', storage.remount.__closure__))
_try('getmount.__code__', lambda: print('ESCAPED', storage.getmount.__code__))
_try('set readonly', lambda: setattr(m, 'readonly', 1))
_try('mount.__class__.__init__', lambda: print('ESCAPED', m.__class__.__init__.__globals__))
_try('storage.__dict__', lambda: print('ESCAPED', storage.__dict__['remount'].__globals__))
print('DONE')
''', "AttributeError", "TypeError", "KeyError", done=True, args=CP),

    E("getenv_reads_only_the_roots_settings", '''
import os
print(os.getenv("SECRET_KEY"), os.getenv("../SECRET_KEY"))
_try('getenv(int)', lambda: os.getenv(1))
_try('getenv.__globals__', lambda: print('ESCAPED', os.getenv.__globals__))
print('DONE')
''', "TypeError", "AttributeError", done=True, args=CP,
      setup=lambda pg: (pg.base / "settings.toml").write_text('SECRET_KEY = "ESCAPED"\\n')),

    E("kbd_intr_walks", '''
import micropython
_try('kbd_intr("x")', lambda: micropython.kbd_intr("x"))
_try('kbd_intr.__globals__', lambda: print('ESCAPED', micropython.kbd_intr.__globals__))
_try('kbd_intr.__module__', lambda: print('ESCAPED', __import__(micropython.kbd_intr.__module__)))
micropython.kbd_intr(3)
print('DONE')
''', "TypeError", "AttributeError", "ImportError", done=True),
]


@pytest.mark.parametrize("case, mode", escape_params(CASES))
def test_drive_objects_give_no_way_out(tmp_path, case, mode):
    pg, run = run_escape(tmp_path, case, mode)
    check_escape(pg, case, run)

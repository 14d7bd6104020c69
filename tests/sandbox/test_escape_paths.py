"""A.4 Imports and files through symlinks out of the root, '..' paths, absolute host paths, NUL
bytes and very long paths: ``import`` must refuse (ImportError) exactly where ``open()``,
``os.listdir`` and ``os.stat`` refuse (OSError), and nothing outside the root may be read,
written, listed, run or deleted.
"""

import os
import subprocess
import sys

import pytest

from .helpers import E, check_escape, escape_params, run_escape

IMP = ("ImportError",)
OSE = ("OSError",)


def links(pg):
    """Symlinks inside the root that lead out of it."""
    os.symlink(pg.outside, pg.root / "evil")                       # a folder with mod.py, pkg/
    os.symlink(pg.outside / "mod.py", pg.root / "evilmod.py")      # a module file
    os.symlink(pg.outside / "pkg", pg.root / "evilpkg")            # a package folder
    os.symlink(pg.secret_file, pg.root / "secret_link.txt")        # a data file
    os.symlink("../outside/mod.py", pg.root / "relmod.py")         # a relative link
    os.symlink("/", pg.root / "hostroot")                          # the host's /


def lib_link(pg):
    os.symlink(pg.outside / "libdir", pg.root / "lib")


def lib_inner_links(pg):
    (pg.root / "lib").mkdir()
    os.symlink(pg.outside / "libdir" / "libmod.py", pg.root / "lib" / "libmod.py")
    os.symlink(pg.outside / "pkg", pg.root / "lib" / "libpkg")
    os.symlink(pg.outside, pg.root / "lib" / "up")


def pkg_inner_links(pg):
    os.symlink(pg.outside / "mod.py", pg.root / "pkg" / "evilsub.py")
    os.symlink(pg.outside / "pkg", pg.root / "pkg" / "evilsubpkg")


def mpy_link(pg):
    out = pg.outside / "mod.mpy"
    subprocess.run([sys.executable, "-m", "jitvm", "compile", str(pg.outside / "mod.py"), "-o", str(out)],
                   check=True, capture_output=True)
    os.symlink(out, pg.root / "evilc.mpy")


def _outside_untouched(pg, run):
    names = sorted(p.name for p in pg.outside.iterdir())
    assert [n for n in names if n not in ("mod.mpy",)] == ["libdir", "mod.py", "pkg", "secret.txt"], \
        f"the folder outside the root changed: {names}\n" + run.text()
    assert pg.secret_file.read_text().startswith(pg.secret), "the secret file was changed"
    assert (pg.outside / "mod.py").read_text().startswith("print('ESCAPED"), "mod.py changed"


CASES = [
    E("import_through_linked_folder", "import evil.mod\nprint('ESCAPED', evil.mod)\n", *IMP,
      setup=links),
    E("import_linked_folder_as_namespace_package", '''
import evil
print('ESCAPED namespace package outside the root', evil)
''', *IMP, setup=links),
    E("import_linked_module_file", "import evilmod\nprint('ESCAPED', evilmod)\n", *IMP, setup=links),
    E("import_relative_linked_module_file", "import relmod\nprint('ESCAPED', relmod)\n", *IMP,
      setup=links),
    E("import_linked_package_folder", "import evilpkg\nprint('ESCAPED', evilpkg)\n", *IMP,
      setup=links),
    E("from_linked_package_import", "from evilpkg import mod\nprint('ESCAPED', mod)\n", *IMP,
      setup=links),
    E("import_from_linked_lib_folder", "import libmod\nprint('ESCAPED', libmod)\n", *IMP,
      setup=lib_link),
    E("import_links_inside_lib", '''
_try('lib/libmod.py link', lambda: __import__('libmod'))
_try('lib/libpkg link', lambda: __import__('libpkg'))
_try('lib/up/mod.py', lambda: __import__('up.mod'))
print('DONE')
''', *IMP, setup=lib_inner_links, done=True),
    E("import_links_inside_a_package", '''
_try('pkg.evilsub', lambda: __import__('pkg.evilsub'))
_try('pkg.evilsubpkg', lambda: __import__('pkg.evilsubpkg'))
_try('from pkg import evilsub', lambda: exec('from pkg import evilsub'))
import pkg
print(pkg.X)
print('DONE')
''', *IMP, setup=pkg_inner_links, done=True),
    E("import_linked_mpy", "import evilc\nprint('ESCAPED', evilc)\n", *IMP, setup=mpy_link),
    E("import_through_host_root_link", '''
import sys
sys.path.append('/hostroot' + '@OUTSIDE@')
import mod
print('ESCAPED', mod)
''', *IMP, setup=links),

    E("file_ops_through_links", '''
import os
_try('open link', lambda: print('ESCAPED', open('secret_link.txt').read()))
_try('open via dir link', lambda: print('ESCAPED', open('evil/secret.txt').read()))
_try('open hostroot', lambda: print('ESCAPED', open('hostroot/etc/passwd').read()))
_try('listdir link', lambda: print('ESCAPED', os.listdir('evil')))
_try('listdir hostroot', lambda: print('ESCAPED', os.listdir('hostroot')))
_try('stat link', lambda: print('ESCAPED', os.stat('secret_link.txt')))
_try('stat dir link', lambda: print('ESCAPED', os.stat('evil/secret.txt')))
_try('chdir link', lambda: os.chdir('evil') or print('ESCAPED', os.listdir()))
_try('ilistdir link', lambda: print('ESCAPED', list(os.ilistdir('evil'))))
_try('execfile link', lambda: execfile('evil/mod.py'))
print('DONE')
''', *OSE, setup=links, done=True),

    E("writes_through_links", '''
import os
_try('write via dir link', lambda: open('evil/planted.txt', 'w').write('x'))
_try('write file link', lambda: open('secret_link.txt', 'w').write('overwritten'))
_try('append file link', lambda: open('secret_link.txt', 'a').write('appended'))
_try('mkdir via link', lambda: os.mkdir('evil/newdir'))
_try('remove via link', lambda: os.remove('evil/mod.py'))
_try('rename into link', lambda: os.rename('data.txt', 'evil/stolen.txt'))
_try('rename out of link', lambda: os.rename('evil/mod.py', 'taken.py'))
_try('rmdir via link', lambda: os.rmdir('evil/libdir'))
print(open('data.txt').read().strip())
print('DONE')
''', *OSE, setup=links, post=_outside_untouched, done=True),

    E("remove_the_link_itself_is_fine_but_not_its_target", '''
import os
try:
    os.remove('secret_link.txt')
except OSError:
    pass
try:
    os.remove('evilmod.py')
except OSError:
    pass
print('DONE')
''', setup=links, post=_outside_untouched, done=True),

    E("dotdot_and_absolute_paths", '''
import os
_try('../outside', lambda: print('ESCAPED', open('../outside/secret.txt').read()))
_try('many ..', lambda: print('ESCAPED', open('../' * 30 + '@SECRET@').read()))
_try('absolute host path', lambda: print('ESCAPED', open('@SECRET@').read()))
_try('/.. prefix', lambda: print('ESCAPED', open('/..' + '@SECRET@').read()))
_try('bytes path', lambda: print('ESCAPED', open(b'@SECRET@').read()))
_try('bytes dotdot', lambda: print('ESCAPED', open(b'../outside/secret.txt').read()))
_try('listdir ..', lambda: print('ESCAPED' if 'outside' in os.listdir('..') else 'x', os.listdir('..'), [][1]))
_try('stat abs', lambda: print('ESCAPED', os.stat('@SECRET@')))
_try('chdir ..', lambda: os.chdir('..') or print('ESCAPED' if 'outside' in os.listdir() else 'x', [][1]))
print(os.getcwd())
print('DONE')
''', "OSError", "IndexError", done=True),

    E("sys_path_entries_outside", '''
import sys
_try('abs host path', lambda: (sys.path.insert(0, '@OUTSIDE@'), __import__('mod')))
_try('dotdot path', lambda: (sys.path.insert(0, '../outside'), __import__('mod')))
_try('many dotdot', lambda: (sys.path.insert(0, '/../../../../..' + '@OUTSIDE@'), __import__('mod')))
_try('bytes entry', lambda: (sys.path.insert(0, b'@OUTSIDE@'), __import__('mod')))
_try('frozen dotdot', lambda: (sys.path.insert(0, '.frozen/..'), __import__('vm')))
_try('frozen dotdot 2', lambda: (sys.path.insert(0, '.frozen/../..'), __import__('jitvm')))
_try('pathlike entry', lambda: (sys.path.insert(0, type('P', (), {'__fspath__': lambda s: '@OUTSIDE@'})()), __import__('mod')))
print('DONE')
''', "ImportError", "TypeError", done=True),

    E("relative_imports_above_the_root", '''
_try('from .. import', lambda: exec('from .. import mod'))
_try('from ... import', lambda: exec('from ...outside import mod'))
_try('level 5', lambda: __import__('outside.mod', {'__name__': 'pkg.sub', '__package__': 'pkg'}, None, ('x',), 5))
_try('package name ..', lambda: __import__('..outside.mod'))
_try('slash name', lambda: __import__('@OUTSIDE@/mod'))
_try('dotdot name', lambda: __import__('../outside/mod'))
print('DONE')
''', "ImportError", "ValueError", "KeyError", done=True),

    E("nul_bytes_in_paths", '''
import os, sys
_try('open nul', lambda: print('ESCAPED', open('data.txt\\x00@SECRET@').read()))
_try('open nul abs', lambda: print('ESCAPED', open('@SECRET@\\x00').read()))
_try('stat nul', lambda: os.stat('data.txt\\x00x'))
_try('listdir nul', lambda: os.listdir('pkg\\x00'))
_try('mkdir nul', lambda: os.mkdir('d\\x00x'))
_try('import nul', lambda: __import__('pkg\\x00mod'))
_try('sys.path nul', lambda: (sys.path.insert(0, 'x\\x00'), __import__('nomod')))
_try('chdir nul', lambda: os.chdir('pkg\\x00'))
_try('execfile nul', lambda: execfile('data.txt\\x00'))
print('still printing')
print('DONE')
''', "ValueError", "OSError", "ImportError", "TypeError", done=True),

    E("very_long_paths", '''
import os, sys
_try('open long name', lambda: open('x' * 100000))
_try('open long path', lambda: open('a/' * 20000 + 'b'))
_try('write long name', lambda: open('y' * 5000, 'w'))
_try('mkdir long', lambda: os.mkdir('z' * 5000))
_try('stat long', lambda: os.stat('d/' * 50000))
_try('listdir long', lambda: os.listdir('../' * 50000))
_try('import long', lambda: __import__('m' * 100000))
_try('import deep', lambda: __import__('.'.join(['p'] * 20000)))
_try('sys.path long', lambda: (sys.path.insert(0, 'q/' * 50000), __import__('nomod')))
_try('dotdot flood', lambda: print('ESCAPED', open('../' * 200000 + '@SECRET@').read()))
print('still printing')
print('DONE')
''', "OSError", "ImportError", "ValueError", "RuntimeError", "MemoryError", done=True),

    E("pathlike_and_str_subclass_paths", '''
class P:
    def __fspath__(self):
        return '@SECRET@'
class S(str):
    def startswith(self, *a):
        return True
    def split(self, *a):
        return ['@SECRET@']
    def __fspath__(self):
        return '@SECRET@'
class T(str):
    calls = 0
    def __str__(self):
        T.calls += 1
        return 'data.txt' if T.calls < 2 else '@SECRET@'
_try('__fspath__', lambda: print('ESCAPED', open(P()).read()))
_try('str subclass split', lambda: print('ESCAPED', open(S('data.txt')).read()))
_try('str subclass str', lambda: print('ESCAPED' if 'TOPSECRET' in open(T('data.txt')).read() else 'ok', [][1]))
_try('bytearray path', lambda: print('ESCAPED', open(bytearray(b'@SECRET@')).read()))
import os
_try('listdir pathlike', lambda: print('ESCAPED', os.listdir(P())))
print('DONE')
''', "OSError", "TypeError", "IndexError", done=True),

    E("frozen_library_paths_show_no_host_folder", '''
import asyncio
print(getattr(asyncio, '__file__', '-'), getattr(asyncio, '__path__', '-'))
import sys
print(sys.path)
print('DONE')
''', done=True),

    E("outside_module_not_found_by_name", '''
import mod
print('ESCAPED', mod)
''', *IMP),

    # the mount table (os.mount / vfs): a filesystem the guest makes is a folder of the drive,
    # its internals are not the guest's, and a path through a mount stays inside the drive
    E("vfs_posix_roots_outside_the_drive", '''
import os, vfs
_try('VfsPosix(link)', lambda: print('ESCAPED', list(vfs.VfsPosix('evil').ilistdir('/'))))
_try('VfsPosix(hostroot)', lambda: print('ESCAPED', list(vfs.VfsPosix('hostroot/etc').ilistdir('/'))))
_try('VfsPosix(abs host)', lambda: print('ESCAPED', list(vfs.VfsPosix('@OUTSIDE@').ilistdir('/'))))
print(sorted(n for n, *_ in vfs.VfsPosix('..').ilistdir('/')) == sorted(os.listdir('/')))  # the top
print('DONE')
''', *OSE, setup=links, done=True),
    E("vfs_mounted_paths_stay_inside", '''
import os, vfs
os.mkdir('m')
vfs.mount(vfs.VfsPosix('m'), '/mnt')
_try('open ../../', lambda: print('ESCAPED', open('/mnt/../../outside/secret.txt').read()))
_try('open ../../ rel', lambda: os.chdir('/mnt') or print('ESCAPED', open('../../outside/secret.txt').read()))
os.chdir('/')
_try('listdir ../..', lambda: print('ESCAPED', os.listdir('/mnt/../../outside')))
_try('stat link', lambda: print('ESCAPED', os.stat('/mnt/../secret_link.txt')))
print(open('/data.txt').read().strip())
fs = vfs.mount()[0][0]
_try('fs._top', lambda: print('ESCAPED', fs._top))
_try('fs._drive', lambda: print('ESCAPED', fs._drive))
_try('set _top', lambda: setattr(fs, '_top', '/'))
print([n for n in dir(fs) if n.startswith('_') and n not in ('__class__',)])
print('DONE')
''', "OSError", "AttributeError", setup=links, post=_outside_untouched, done=True),
]


@pytest.mark.parametrize("case, mode", escape_params(CASES))
def test_path_escape(tmp_path, case, mode):
    pg, run = run_escape(tmp_path, case, mode)
    check_escape(pg, case, run)
    if case.setup is links:
        _outside_untouched(pg, run)

"""A.3 jitvm's own objects: guest functions, generators, cells, modules, packages, classes,
builtins, the import system and exec/eval/compile must not lead to the VM, its root Path, the
importer, the executor, frames, code objects or host modules.
"""

import pytest

from .helpers import E, check_escape, escape_params, run_escape

AE = ("AttributeError",)

DEFS = '''
def f(a=1):
    return a
def outer():
    v = 'cell'
    def inner():
        return v
    return inner
def gen():
    n = 0
    while True:
        n += 1
        yield n
def tgen():
    for _ in range(5):
        g = gen()
        next(g)
    g = gen()
    next(g)
    return g
class A:
    def m(self):
        return 1
'''


def _outside_untouched(pg, run):
    names = sorted(p.name for p in pg.outside.iterdir())
    assert names == ["libdir", "mod.py", "pkg", "secret.txt"], f"outside folder changed: {names}"


CASES = [
    E("function_code_vm_root_path", DEFS + '''
P = type(f.code.vm.root)
print('ESCAPED', P('@SECRET@').read_text())
''', *AE),

    E("function_internal_attributes", DEFS + '''
inner = outer()
for name in ('code', 'globals', 'closed', 'vm', 'calls', 'defaults', 'kwdefaults', 'func_code',
             'func_globals', '__code__', '__closure__', '__defaults__', '__kwdefaults__',
             '__builtins__', '__func__', '__self__', '__wrapped__'):
    _try('f.' + name, lambda: print('ESCAPED', getattr(f, name)))
    _try('inner.' + name, lambda: print('ESCAPED', getattr(inner, name)), 3)
_try('f.code direct', lambda: print('ESCAPED', f.code))
_try('f.globals direct', lambda: print('ESCAPED', f.globals))
_try('inner.closed direct', lambda: print('ESCAPED', inner.closed[0].value))
print('DONE')
''', *AE, done=True),

    E("generator_internal_attributes", DEFS + '''
g1 = gen()
next(g1)
g2 = tgen()
for g in (g1, g2):
    for name in ('frame', 'pg', 'gi_frame', 'gi_code', 'gi_yieldfrom', 'running', 'started',
                 'finished', 'resume', 'name', 'cr_frame', '__self__'):
        _try('g.' + name, lambda: print('ESCAPED', getattr(g, name)), 3)
    _try('g.frame.code.vm', lambda: print('ESCAPED', g.frame.code.vm))
    _try('g.pg.gi_frame', lambda: print('ESCAPED', g.pg.gi_frame))
print('DONE')
''', *AE, done=True),

    E("format_reaches_vm", DEFS + '''
_try('{0.code.vm}', lambda: print('ESCAPED', '{0.code.vm}'.format(f)))
_try('{0.code.vm.root}', lambda: print('ESCAPED', '{0.code.vm.root}'.format(f)))
_try('{0.frame.code.vm.importer}', lambda: print('ESCAPED', '{0.frame.code.vm.importer}'.format(gen())))
_try('{0.pg.gi_frame.f_globals}', lambda: print('ESCAPED', '{0.pg.gi_frame.f_globals}'.format(tgen())))
_try('{0[0]}', lambda: print('ESCAPED', '{0.closed[0].value}'.format(outer())))
print('DONE')
''', "AttributeError", "NotImplementedError", "ValueError", "KeyError", done=True),

    E("package_path_and_file_show_no_host_folder", '''
import pkg
import pkg.sub
import sys
print('path', getattr(pkg, '__path__', '-'))
print('file', getattr(pkg, '__file__', '-'), getattr(pkg.sub, '__file__', '-'))
print('main', __file__)
print('modules', sys.modules)
for k in sorted(sys.modules):
    print(k, sys.modules[k], getattr(sys.modules[k], '__file__', '-'), getattr(sys.modules[k], '__path__', '-'))
print('DONE')
''', done=True),

    E("package_path_rebound_outside", '''
import pkg
pkg.__path__ = '@OUTSIDE@'
import pkg.mod
print('ESCAPED', pkg.mod)
''', "ImportError", "AttributeError", "TypeError", "OSError"),

    E("package_path_list_outside", '''
import pkg
pkg.__path__ = ['@OUTSIDE@']
from pkg import mod
print('ESCAPED', mod)
''', "ImportError", "AttributeError", "TypeError", "OSError"),

    E("fake_package_in_sys_modules", '''
import sys
M = type(sys)
m = M('evil')
m.__path__ = '@OUTSIDE@'
sys.modules['evil'] = m
import evil.mod
print('ESCAPED', evil.mod)
''', "ImportError", "AttributeError", "TypeError", "OSError"),

    E("fake_package_via_module_namespace", '''
import sys
try:
    m = type(sys)('evil2', {'__path__': '@OUTSIDE@/pkg', '__name__': 'evil2'})
except TypeError:
    m = type(sys)('evil2')
    m.__path__ = '@OUTSIDE@/pkg'
sys.modules['evil2'] = m
from evil2 import mod
print('ESCAPED', mod)
''', "ImportError", "AttributeError", "TypeError", "OSError"),

    E("sys_modules_and_sys_attributes", '''
import sys
for k, v in sorted(sys.modules.items()):
    print(k, repr(v))
for name in dir(sys):
    v = getattr(sys, name)
    print(name, repr(v)[:200], type(v))
print('DONE')
''', done=True),

    E("function_type_constructor", DEFS + '''
class FakeCode:
    name = 'x'
    is_generator = False
    def invoke(self, func, args, kwargs):
        return 'ESCAPED: jitvm called a crafted code object with ' + repr(func)
F = type(f)
h = F(FakeCode(), {})
print(h())
''', "TypeError", "AttributeError"),

    E("generator_type_constructor", DEFS + '''
class FakeCode:
    name = 'x'
    def resume(self, gen, exc):
        return 'ESCAPED: jitvm resumed a crafted frame'
class FakeFrame:
    code = FakeCode()
    stack = []
for g in (gen(), tgen()):
    _try('type(g)(frame)', lambda: print(next(type(g)(FakeFrame()))))
    _try('type(g)(iter, name)', lambda: print('ESCAPED', next(type(g)(iter([1]), 'n'))))
    _try('type(g).__new__', lambda: print('ESCAPED', type(g).__new__(type(g))))
    _try('object.__new__(type(g))', lambda: print('ESCAPED', object.__new__(type(g))))
_try('object.__new__(type(f))', lambda: print('ESCAPED', object.__new__(type(f))))
print('DONE')
''', "TypeError", "AttributeError", done=True),

    E("subclass_jitvm_types_via_metaclass", DEFS + '''
M = type(A)
g = tgen()
_try('M(function)', lambda: print('ESCAPED', M('X', (type(f),), {}).code.__get__(f)))
_try('M(generator)', lambda: print('ESCAPED', M('X', (type(gen()),), {}).frame.__get__(gen())))
_try('M(translated generator)', lambda: print('ESCAPED', M('X', (type(g),), {}).pg.__get__(g)))
import sys
_try('M(stream)._h', lambda: print('ESCAPED', M('X', (type(sys.stdout),), {})._h.__get__(sys.stdout)))
_try('M(stream) class stmt', lambda: print('ESCAPED', __build_class__(lambda: None, 'Y', type(sys.stdout))))
print('DONE')
''', "TypeError", "AttributeError", done=True),

    E("subclass_jitvm_types_via_type_builtin", DEFS + '''
g = tgen()
_try('type(function)', lambda: print('ESCAPED', type('X', (type(f),), {}).code.__get__(f)))
_try('type(generator)', lambda: print('ESCAPED', type('X', (type(gen()),), {}).frame.__get__(gen())))
_try('type(tgen)', lambda: print('ESCAPED', type('X', (type(g),), {}).pg.__get__(g)))
_try('class stmt', lambda: print('ESCAPED', type(f).__name__, __build_class__(lambda: None, 'X', type(f))))
print('DONE')
''', "TypeError", "AttributeError", done=True),

    E("subclass_stream_reads_host_file", '''
import sys
class A:
    pass
M = type(A)
Z = M('Z', (type(sys.stdout),), {})
f = open('data.txt', 'rb', 0)
h = Z._h.__get__(f)
hf = type(h)('@SECRET@')
z = Z.__new__(Z)
z._h = hf
z._closed = False
z._binary = True
print('ESCAPED', z.read())
''', "TypeError", "AttributeError"),

    E("subclass_file_writes_outside", '''
class A:
    pass
M = type(A)
f = open('data.txt', 'wb', 0)
Z = M('Z', (type(f),), {})
h = Z._h.__get__(f)
hf = type(h)('@OUTSIDE@/planted.txt', 'w')
print('ESCAPED', hf)
''', "TypeError", "AttributeError", post=_outside_untouched),

    E("bound_method_internals", DEFS + '''
import sys, os
a = A()
_try('a.m.__func__', lambda: print('ESCAPED', a.m.__func__.code))
_try('a.m.__self__', lambda: print('ESCAPED', a.m.__self__.__dict__ and a.m.__func__))
_try('len.__self__', lambda: print('ESCAPED', len.__self__.open('@SECRET@').read()))
_try('os.urandom.__self__', lambda: print('ESCAPED', os.urandom.__self__.system))
_try('sys.stdout.write.__self__', lambda: print('ESCAPED', sys.stdout.write.__self__._h))
_try('[].append.__self__', lambda: [].append.__self__.__class__.__subclasses__())
_try('getattr __self__', lambda: print('ESCAPED', getattr(hash, '__self__')))
print('DONE')
''', *AE, done=True),

    E("cells_via_closures", DEFS + '''
inner = outer()
_try('__closure__', lambda: print('ESCAPED', inner.__closure__[0].cell_contents))
_try('closed', lambda: print('ESCAPED', inner.closed[0]))
def mk():
    x = [1]
    return lambda: x
L = mk()
_try('lambda closed', lambda: print('ESCAPED', L.closed))
_try('cell type', lambda: print('ESCAPED', type(L.__closure__[0])(1)))
print('DONE')
''', *AE, done=True),

    E("super_objects", DEFS + '''
class B(A):
    def m(self):
        return super()
b = B()
s = b.m()
for name in ('__self__', '__thisclass__', '__self_class__', '__class__.__subclasses__'):
    _try('super.' + name, lambda: print('ESCAPED', eval('s.' + name, {'s': s})))
_try('super(type, type)', lambda: print('ESCAPED', super(type, type).__subclasses__(object)))
_try('super(A, A).__init_subclass__', lambda: print('ESCAPED', super(A, A).__dict__))
print('DONE')
''', "AttributeError", "TypeError", done=True),

    E("super_over_jitvm_objects", DEFS + '''
import sys
g = gen()
fh = open('data.txt', 'rb', 0)
_try('super(function).code', lambda: print('ESCAPED', super(type(f), f).code))
_try('super(generator).frame', lambda: print('ESCAPED', super(type(g), g).frame))
_try('super(stdout)._h', lambda: print('ESCAPED', super(type(sys.stdout), sys.stdout)._h))
_try('super(file)._h', lambda: print('ESCAPED', super(type(fh), fh)._h))
_try('super(file).detach', lambda: print('ESCAPED', super(type(fh), fh).detach()))
_try('unbound close on fake', lambda: type(fh).close(type('Fake', (), {'_closed': False, '_h': None})()) or print('ESCAPED unbound method on a fake self'))
_try('unbound read on fake', lambda: print('ESCAPED', type(fh).read(A())))
print('DONE')
''', "AttributeError", "TypeError", done=True),

    E("class_hierarchy_shows_no_jitvm_classes", DEFS + '''
print(A.__bases__, type(A), type(A).__bases__, type(A()))
try:
    print(A.mro())
except AttributeError:
    print('no mro')
try:
    print(type(A).mro(A))
except (AttributeError, TypeError):
    print('no mro')
print(super(A, A()).__init__)
print(type(f), type(gen()), type(tgen()), type(outer()), type(print), type(len))
print(type(type(f)), type(f).__bases__ if hasattr(type(f), '__bases__') else '-')
print('DONE')
''', done=True),

    E("monkeypatch_jitvm_classes", DEFS + '''
M = type(A)
_try('M.__repr__', lambda: setattr(M, '__repr__', lambda c: 'ESCAPED: metaclass patched'))
_try('function.__repr__', lambda: setattr(type(f), '__repr__', lambda c: 'ESCAPED: function class patched'))
_try('generator.send', lambda: setattr(type(gen()), 'send', lambda *a: 'ESCAPED: generator class patched'))
_try('M.mro', lambda: setattr(M, 'mro', lambda c: [c]))
_try('object.__setattr__', lambda: object.__setattr__(type(f), '__repr__', lambda c: 'ESCAPED'))
_try('type.__setattr__', lambda: type.__setattr__(M, '__call__', lambda *a: 'ESCAPED'))
print(A, f, gen().send(None))
print('DONE')
''', "AttributeError", "TypeError", done=True),

    E("module_dict_and_vars", '''
import sys, json, os, builtins
_try('vars', lambda: print('ESCAPED', vars(sys)['stdout']._h))
for m in (sys, json, os, builtins):
    d = m.__dict__
    for k in d:
        r = repr(d[k])
        if 'jitvm.' in r or '_io.' in r or 'posix' in r or 'from /' in r:
            print('ESCAPED', k, r)
print(sorted(os.__dict__))
print('DONE')
''', done=True),

    E("dir_lists_no_internals", DEFS + '''
import sys
BAD = ('code', 'globals', 'closed', 'vm', 'frame', 'pg', 'gi_frame', 'calls', 'defaults',
       '_h', 'detach', 'raw', 'fileno_', '__code__', '__closure__', '__subclasses__', '__mro__',
       '__self__', '__func__', 'resume', 'running', 'root', 'importer', 'executor')
for label, obj in (('f', f), ('gen', gen()), ('tgen', tgen()), ('A', A), ('A()', A()),
                   ('stdout', sys.stdout), ('file', open('data.txt')), ('print', print),
                   ('len', len), ('type(f)', type(f)), ('type(A)', type(A)), ('sys', sys)):
    bad = [n for n in dir(obj) if n in BAD]
    if bad:
        print('ESCAPED', label, bad)
    print(label, dir(obj))
print(dir())
print('DONE')
''', done=True),

    E("builtins_module_attributes", '''
import builtins
for n in dir(builtins):
    try:
        v = getattr(builtins, n)
    except AttributeError:
        continue
    r = repr(v)
    if 'jitvm.' in r or '<module' in r or '_io' in r:
        print('ESCAPED', n, r)
_try('__build_class__.__globals__', lambda: print('ESCAPED', builtins.__build_class__.__globals__))
_try('__build_class__ crafted', lambda: print('ESCAPED', builtins.__build_class__(len, 'X', metaclass=lambda *a: a)))
_try('__import__.__globals__', lambda: print('ESCAPED', builtins.__import__.__globals__))
_try('open.__closure__', lambda: print('ESCAPED', builtins.open.__closure__))
_try('print.__globals__', lambda: print('ESCAPED', print.__globals__['vm']))
_try('builtins.__dict__ host', lambda: print('ESCAPED', builtins.__dict__['__builtins__']))
print('DONE')
''', "AttributeError", "TypeError", "KeyError", done=True),

    E("import_host_modules", '''
for name in ('jitvm', 'jitvm.vm', 'jitvm.sandbox', 'importlib', 'os.path', 'posix', 'ctypes',
             'subprocess', '_io', 'io.open_code', 'gc.get_objects', 'inspect', 'pathlib',
             'sys.modules', 'shutil', 'threading', 'signal', 'mpy', 'hal',
             'conformance', 'tests', 'builtins.open', 'marshal', 'pickle'):
    _try('import ' + name.replace('.', '/'), lambda: print('ESCAPED', __import__(name)))
_try('from jitvm import vm'.replace('.', '/'), lambda: exec('from jitvm import vm\\nprint("ESCAPED", vm)'))
_try('relative import', lambda: print('ESCAPED', __import__('vm', globals(), None, ('VM',), 1)))
_try('level 3', lambda: print('ESCAPED', __import__('', {'__name__': 'a.b.c', '__package__': 'a.b'}, None, ('x',), 3)))
print('DONE')
''', "ImportError", "AttributeError", "ValueError", "KeyError", done=True),

    E("host_module_functions_via_known_modules", '''
import os, gc, sys, time
_try('os.system', lambda: os.system('echo ESCAPED'))
_try('os.popen', lambda: print(os.popen('echo ESCAPED').read()))
_try('os.environ', lambda: print('ESCAPED', os.environ))
_try('os.open', lambda: print('ESCAPED', os.open('@SECRET@', 0)))
_try('os.execv', lambda: os.execv('/bin/echo', ['echo', 'ESCAPED']))
_try('os.fork', lambda: os.fork())
_try('gc.get_objects', lambda: print('ESCAPED', len(gc.get_objects())))
_try('gc.get_referrers', lambda: print('ESCAPED', gc.get_referrers(sys)))
_try('sys._getframe', lambda: print('ESCAPED', sys._getframe()))
_try('sys.settrace', lambda: sys.settrace(lambda *a: None) or print('ESCAPED settrace'))
_try('sys.setrecursionlimit', lambda: sys.setrecursionlimit(10**9) or print('ESCAPED recursion'))
_try('time.sleep.__module__', lambda: print('ESCAPED', __import__(time.sleep.__module__)))
print('DONE')
''', "AttributeError", "ImportError", done=True),

    E("exec_eval_compile_routes", DEFS + '''
_try('exec os.system', lambda: exec('import os\\nos.system("echo ESCAPED")'))
_try('eval f.code', lambda: print('ESCAPED', eval('f.code', {'f': f})))
_try('exec __builtins__', lambda: exec('print("ESCAPED", __builtins__)', {}))
_try('exec builtins override', lambda: exec('print("ESCAPED", open("@SECRET@").read())', {'__builtins__': {'open': None}}))
_try('compile().source', lambda: print('ESCAPED', compile('1', 'f', 'eval').source))
_try('compile attrs', lambda: print('ESCAPED', compile('1', 'f', 'eval').co_code))
_try('type(compile())', lambda: print('ESCAPED', type(compile('1', 'f', 'eval'))('import os', 'exec').__init__.__globals__))
_try('eval dunder', lambda: print('ESCAPED', eval('().__class__.__base__.__subclasses__()')))
_try('exec in guest dict subclass', lambda: exec('x = __import__("os").system', type('D', (dict,), {})()))
_try('execfile outside', lambda: execfile('@SECRET@'))
print('DONE')
''', done=True),

    E("exception_traceback_objects", DEFS + '''
class E(Exception):
    pass
def raiser():
    raise E('x')
for exc_type in (E, ValueError):
    try:
        raiser() if exc_type is E else int('x')
    except Exception as e:
        _try('__traceback__', lambda: print('ESCAPED', e.__traceback__.tb_frame))
        _try('with_traceback tb', lambda: print('ESCAPED', e.with_traceback(None).__traceback__.tb_frame))
        _try('_jitvm_tb', lambda: print('ESCAPED', e._jitvm_tb[0][0].vm))
        _try('__context__ tb', lambda: print('ESCAPED', e.__context__.__traceback__))
        _try('args', lambda: print('args ok', e.args) or (_ for _ in ()).throw(KeyError('fine')))
import sys
_try('exc_info tb', lambda: print('ESCAPED', sys.exc_info()[2].tb_frame))
print('DONE')
''', done=True),

    E("object_dunder_hooks", DEFS + '''
_try('object.__getattribute__', lambda: print('ESCAPED', object.__getattribute__(f, 'code')))
_try('type.__getattribute__', lambda: print('ESCAPED', type.__getattribute__(type(f), '__dict__')))
_try('object.__setattr__ code', lambda: object.__setattr__(f, 'code', None))
_try('object.__delattr__ code', lambda: object.__delattr__(f, 'code'))
_try('object.__reduce_ex__', lambda: print('ESCAPED', f.__reduce_ex__(2)))
_try('type.__subclasses__', lambda: print('ESCAPED', type.__subclasses__(object)))
_try('object.__subclasses__', lambda: print('ESCAPED', object.__subclasses__()))
_try('int.__mro__', lambda: print('ESCAPED', int.__mro__))
_try('A.__dict__ of f', lambda: print('ESCAPED', type(f).__dict__))
_try('__init_subclass__', lambda: print('ESCAPED', type(f).__init_subclass__.__self__))
print(f(), next(gen()))
print('DONE')
''', done=True),
]


@pytest.mark.parametrize("case, mode", escape_params(CASES))
def test_internals_escape(tmp_path, case, mode):
    pg, run = run_escape(tmp_path, case, mode)
    check_escape(pg, case, run)

"""A.1 Unicode identifiers: CPython NFKC-normalises identifiers when it compiles source, so a
fullwidth / mathematical / script form of a denied name (``g.ｇi_frame``) that reaches generated
code as Python source would load the *normalised* host attribute. MicroPython never normalises:
``o.ｆｒａｍｅ`` is a different name from ``o.frame``. Every program uses such names in hot
functions (called 200 times) or long loops (1000 iterations) so the translated tier is
reached, in loads, method calls, getattr strings, stores and deletes.
"""

import pytest

from .helpers import E, check_escape, escape_params, run_escape

AE = ("AttributeError",)

# guest snippets shared by the programs
GEN = '''
def gen():
    n = 0
    while True:
        n += 1
        yield n
def warm_gen():
    for _ in range(5):
        g = gen()
        next(g)
    return gen()
def f():
    return 1
def outer():
    v = 'cell'
    def inner():
        return v
    return inner
class E(Exception):
    pass
def tb_of():
    try:
        raise E('x')
    except E as e:
        return e.__traceback__
'''

CASES = [
    E("tb_frame_fullwidth_hot", GEN + '''
def hot(t):
    return t.ｔb_frame.ｆ_globals['__builtins__']['__import__']('os')
_try('tb_frame', lambda: hot(tb_of()), 200)
print('DONE')
''', *AE, done=True),

    E("tb_frame_exception_chain_uncaught", GEN + '''
def hot(e):
    return e.__traceback__.ｔb_frame.ｆ_back
for i in range(200):
    try:
        raise E(i)
    except E as e:
        try:
            fr = hot(e)
            print('ESCAPED', fr)
        except AttributeError:
            pass
try:
    raise E('last')
except E as e:
    print(hot(e))
''', *AE),

    E("gi_frame_fullwidth_interpreted_and_translated", GEN + '''
def hot(g):
    return g.ｇi_frame
def hot2(g):
    return g.ｆｒａｍｅ
def hot3(g):
    return g.ｐｇ.ｇｉ_ｆｒａｍｅ
g1 = gen()
next(g1)
g2 = warm_gen()
next(g2)
for g in (g1, g2):
    _try('gi_frame', lambda: hot(g), 200)
    _try('frame', lambda: hot2(g), 200)
    _try('pg.gi_frame', lambda: hot3(g), 200)
print('DONE')
''', *AE, done=True),

    E("function_internals_fullwidth", GEN + '''
inner = outer()
def a(x):
    return x.ｃｏｄｅ
def b(x):
    return x.ｇｌｏｂａｌｓ
def c(x):
    return x.ｃｌｏｓｅｄ
def d(x):
    return x.ｃｏｄｅ.ｖｍ.ｒｏｏｔ
def e(x):
    return x.ｖｍ
for fn in (f, inner):
    _try('code', lambda: a(fn), 200)
    _try('globals', lambda: b(fn), 200)
    _try('closed', lambda: c(fn), 200)
    _try('code.vm.root', lambda: d(fn), 200)
    _try('vm', lambda: e(fn), 200)
print('DONE')
''', *AE, done=True),

    E("mathematical_and_script_letters", GEN + '''
def a(x):
    return x.𝐜𝐨𝐝𝐞
def b(x):
    return x.ℊi_frame
def c(x):
    return x.𝑓𝑟𝑎𝑚𝑒
def d(x):
    return x.𝐭𝐛_frame
def e(x):
    return x.ᵍi_code
g = warm_gen()
next(g)
_try('bold code', lambda: a(f), 200)
_try('script gi_frame', lambda: b(g), 200)
_try('italic frame', lambda: c(g), 200)
_try('bold tb_frame', lambda: d(tb_of()), 200)
_try('modifier gi_code', lambda: e(g), 200)
print('DONE')
''', *AE, done=True),

    E("frame_chain_f_back_f_builtins", GEN + '''
def hot(g):
    fr = g.ｇｉ_ｆｒａｍｅ
    return fr.ｆ_back.ｆ_builtins['open']('@SECRET@').read()
def hot2(g):
    return g.ｆｒａｍｅ.ｆｕｎｃ.ｃｏｄｅ.ｖｍ
g = warm_gen()
next(g)
_try('f_back.f_builtins', lambda: hot(g), 200)
_try('frame.func.code.vm', lambda: hot2(g), 200)
print('DONE')
''', *AE, done=True),

    E("dunders_with_compatibility_letters", '''
import json
def a():
    return ().__ｃlass__.__ｂase__.__ｓubclasses__()
def b():
    return json.dumps.__ｇｌｏｂａｌｓ__['__builtins__']
def c():
    return len.__ｓｅｌｆ__
def d(x):
    return x.__ｃｏｄｅ__.ｃｏ_ｃｏｄｅ
_try('__class__', a, 200)
_try('__globals__', b, 200)
_try('__self__', c, 200)
_try('__code__', lambda: d(a), 200)
print('DONE')
''', *AE, done=True),

    E("coroutine_cr_frame", '''
async def co():
    return 1
def a(c):
    return c.ｃr_frame
def b(c):
    return c.ｃｒ_ｃｏｄｅ.ｃｏ_ｃｏｄｅ
def d(c):
    return c.ｆｒａｍｅ
for i in range(5):
    c = co()
    try:
        c.send(None)
    except StopIteration:
        pass
c = co()
_try('cr_frame', lambda: a(c), 200)
_try('cr_code.co_code', lambda: b(c), 200)
_try('frame', lambda: d(c), 200)
print('DONE')
''', *AE, done=True),

    E("gi_code_co_code_translated_generator", GEN + '''
def hot(g):
    return g.ｇｉ_ｃｏｄｅ.ｃｏ_ｃｏｄｅ
def hot2(g):
    return g.ｐｇ.ｇｉ_ｃｏｄｅ
g = warm_gen()
next(g)
_try('gi_code.co_code', lambda: hot(g), 200)
_try('pg.gi_code', lambda: hot2(g), 200)
print('DONE')
''', *AE, done=True),

    E("getattr_hasattr_with_compatibility_strings", GEN + '''
g = warm_gen()
next(g)
NAMES = ('ｇi_frame', 'ｆｒａｍｅ', 'ｐｇ', 'ｃｏｄｅ', 'ｇｌｏｂａｌｓ', 'ｃｌｏｓｅｄ', 'ｔb_frame', '𝐜𝐨𝐝𝐞')
def get(o, n):
    return getattr(o, n)
def has(o, n):
    if hasattr(o, n):
        return 1
    raise AttributeError(n)
for n in NAMES:
    for o in (g, f):
        _try('getattr ' + repr(n), lambda: get(o, n), 200)
        _try('hasattr ' + repr(n), lambda: has(o, n), 200)
print('DONE')
''', *AE, done=True),

    E("method_calls_with_compatibility_names", '''
import sys, json
def a():
    return sys.stdout.ｄｅｔａｃｈ()
def b():
    return sys.stdout.ｂｕｆｆｅｒ.ｒａｗ.ｒｅａｄａｌｌ()
def c():
    return '{x.__init__.__globals__}'.ｆｏｒｍａｔ_ｍａｐ({'x': json.dumps})
def d():
    return '{0.__init__.__globals__}'.ｆｏｒｍａｔ(json.dumps)
def e():
    return open('data.txt').ｂｕｆｆｅｒ.ｒａｗ.ｒｅａｄａｌｌ()
_try('stdout.detach()', a, 200)
_try('stdout.buffer.raw.readall()', b, 200)
_try('format_map()', c, 200)
_try('format()', d, 200)
_try('file.buffer.raw.readall()', e, 200)
print('still printing')
print('DONE')
''', *AE, done=True),

    E("stores_and_deletes_with_compatibility_names", GEN + '''
import sys
g = warm_gen()
next(g)
def st1(x):
    x.ｃｏｄｅ = None
def st2(x):
    x.ｆｒａｍｅ = None
def st3(x):
    del x.ｃｏｄｅ
def st4(x):
    del x.ｆｒａｍｅ
def st5(x):
    x.ｗｒｉｔｅ = None
for i in range(200):
    for fn, o in ((st1, f), (st2, g), (st3, f), (st4, g), (st5, sys.stdout)):
        try:
            fn(o)
        except (AttributeError, TypeError):
            pass
try:
    ok = f() == 1 and next(g) > 0
except Exception as e:
    ok = False
print('intact' if ok else 'ESCAPED: a store through a normalised name reached jitvm state')
print('still printing')
print('DONE')
''', *AE, done=True),

    E("module_level_loop_1000", GEN + '''
g = warm_gen()
next(g)
hits = 0
for i in range(1000):
    try:
        r = g.ｆｒａｍｅ
        hits += 1
    except AttributeError:
        pass
    try:
        r = f.ｃｏｄｅ
        hits += 1
    except AttributeError:
        pass
if hits:
    print('ESCAPED', hits)
print(g.ｆｒａｍｅ)
''', *AE),

    E("class_method_hot", GEN + '''
class Probe:
    def __init__(self, g):
        self.g = g
    def frame(self):
        return self.g.ｆｒａｍｅ.ｃｏｄｅ
    def code(self):
        return f.ｃｏｄｅ.ｖｍ
g = warm_gen()
next(g)
p = Probe(g)
_try('method frame', p.frame, 200)
_try('method code', p.code, 200)
print('DONE')
''', *AE, done=True),

    E("generator_body_hot", GEN + '''
def probe(n):
    for i in range(n):
        try:
            yield f.ｃｏｄｅ
            print('ESCAPED in generator')
        except AttributeError:
            yield None
for k in range(5):
    for x in probe(200):
        pass
for x in probe(1):
    pass
def last():
    yield f.ｃｏｄｅ
for x in last():
    print('ESCAPED', x)
''', *AE),

    E("exec_defined_hot_function", '''
SRC = """
def hot(x):
    return x.ｃｏｄｅ
def f():
    return 1
n = 0
for i in range(200):
    try:
        hot(f)
        n += 1
    except AttributeError:
        pass
if n:
    print('ESCAPED exec', n)
hot(f)
"""
exec(SRC)
''', *AE),

    E("normalised_name_must_not_alias_guest_attribute", '''
class O:
    pass
o = O()
o.frame = 'ESCAPED: fullwidth name aliased to the ASCII one'
o.code = 'ESCAPED: mathematical bold name aliased'
def a(x):
    return x.ｆｒａｍｅ
def b(x):
    return x.𝐜𝐨𝐝𝐞
_try('fullwidth alias', lambda: print(a(o)), 200)
_try('bold alias', lambda: print(b(o)), 200)
print('DONE')
''', *AE, done=True),

    E("format_fields_with_compatibility_names", GEN + '''
g = warm_gen()
next(g)
def a(x):
    return '{0.ｆｒａｍｅ}'.format(x)
def b(x):
    return '{0.ｃｏｄｅ.ｖｍ}'.format(x)
_try('format frame', lambda: a(g), 200)
_try('format code.vm', lambda: b(f), 200)
print('DONE')
''', "AttributeError", "NotImplementedError", "ValueError", "KeyError", done=True),

    E("imports_with_compatibility_names", '''
def a():
    from sys import ｓｔｄｏｕｔ
    return ｓｔｄｏｕｔ
def b():
    return __import__('ｏｓ').system
def c():
    import ｊｉｔｖｍ
    return ｊｉｔｖｍ
_try('from sys import', a, 50)
_try('__import__ os', b, 50)
_try('import jitvm', c, 50)
print('DONE')
''', "ImportError", "AttributeError", done=True),
]


@pytest.mark.parametrize("case, mode", escape_params(CASES))
def test_unicode_escape(tmp_path, case, mode):
    pg, run = run_escape(tmp_path, case, mode)
    check_escape(pg, case, run)

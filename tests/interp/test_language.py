"""Programs whose output must match CPython's (MicroPython agrees on all of these)."""

import textwrap

import pytest

from jitvm.api import run_source

from .helpers import cpython

PROGRAMS = {
    "finally_and_with_in_hot_functions": """
        class CM:
            def __enter__(self): return self
            def __exit__(self, *a): print('exit', a[0] is not None); return a[0] is KeyError
        def ret():
            try:
                return 42
            finally:
                print('finally')
        def loop():
            n = 0
            for i in range(3):
                try:
                    if i == 0: continue
                    if i == 2: break
                finally:
                    n += 1
            return n
        def with_return():
            with CM():
                return 'w'
        def with_swallow():
            with CM():
                raise KeyError
            return 'swallowed'
        def nested(i):
            try:
                try:
                    if i % 2: raise ValueError(i)
                    return 'even'
                finally:
                    print('inner', i)
            except ValueError as e:
                return 'odd %s' % e
        def reraise(i):
            try:
                raise IndexError(i)
            except IndexError:
                if i: raise
                return 'kept'
        for _ in range(3):
            print(ret(), loop(), with_return(), with_swallow(), nested(1), nested(2))
            try:
                reraise(1)
            except IndexError as e:
                print('reraised', e, reraise(0))
    """,
    "hot_generators": """
        def count_up(n):
            i = 0
            while i < n:
                yield i
                i += 1
        def chained(n):
            r = yield from count_up(n)
            yield from (x * 2 for x in count_up(n // 2))
            return r
        def averager():
            total = count = avg = 0
            while True:
                v = yield avg
                total += v
                count += 1
                avg = total // count
        def stopper():
            yield 1
            raise StopIteration
        for r in range(3):
            print(list(chained(5)), sum(v & 7 for v in chained(9)))
            g = averager(); next(g)
            print([g.send(v) for v in count_up(6)])
            g.close()
            try:
                g.send(1)
            except StopIteration:
                print('closed')
            t = count_up(3); next(t)
            try:
                t.throw(ValueError('into gen'))
            except ValueError as e:
                print('thrown', e)
            try:
                list(stopper())
            except RuntimeError as e:
                print('pep479', e)
    """,
    "hot_loops_switch_mid_run": """
        total = 0
        for i in range(300):
            total += i * i
        j = 0
        while j < 300:
            j += 3
        def once(n):
            acc = []
            k = 0
            for x in range(n):
                k += x % 7
                if x % 50 == 0:
                    acc.append(k)
            return acc, k
        print(total, j, once(400))
        def deep(n):
            return 0 if n == 0 else 1 + deep(n - 1)
        print([deep(k) for k in range(0, 60, 7)])
        def kw(a, b=2, *rest, c=3, **more):
            return a + b + c + len(rest) + len(more)
        print([kw(i) + kw(i, 1, 2, c=0, z=1) for i in range(5)])
    """,
    "reraise_in_hot_functions": """
        class SensorError(Exception):
            pass
        class Timeout(SensorError):
            pass
        def read(i):
            if i % 5 == 0:
                raise Timeout(i)
            if i % 7 == 0:
                raise ValueError('bad', i)
            return i
        def guarded(i):
            try:
                return read(i)
            except ValueError:
                return -1
            finally:
                pass
        def nested(i):
            try:
                try:
                    return guarded(i)
                except SensorError as e:
                    if e.args[0] % 3 == 0:
                        raise
                    return -2
            except Timeout:
                return -3
        print([nested(i) for i in range(40)])
        def loop():
            n = 0
            for i in range(200):
                try:
                    {}[i]
                except KeyError:
                    n += 1
                try:
                    n += 1 // (i & 1)
                except ZeroDivisionError:
                    n -= 1
            return n
        print(loop(), loop())
    """,
    "closures_nonlocal": """
        def make():
            n = 0
            def inc(k=1):
                nonlocal n
                n += k
                return n
            return inc
        f = make(); f(); f(5)
        print(f(), [make()(i) for i in range(3)])
    """,
    "generators_send_throw_close": """
        def g():
            try:
                x = yield 1
                while True:
                    x = yield x * 2
            except ValueError as e:
                yield 'caught %s' % e
            finally:
                print('finally')
        it = g(); print(next(it), it.send(3), it.send(4), it.throw(ValueError('v')))
        it.close()
        def fin():
            yield 1
            yield 2
            return 'done'
        def d():
            r = yield from fin()
            print('got', r)
            yield r
        print(list(d()))
    """,
    "finally_paths": """
        def f(n):
            for i in range(n):
                try:
                    if i == 1: continue
                    if i == 3: break
                    if i == 5: return 'r'
                finally:
                    print('fin', i)
            else:
                return 'else'
            return 'after'
        print(f(2), f(4))
        def g():
            try:
                return 1
            finally:
                print('g fin')
        print(g())
        def h():
            for i in range(3):
                try:
                    try:
                        raise KeyError(i)
                    finally:
                        print('inner', i)
                except KeyError as e:
                    print('caught', e)
                    if i == 1: break
        h()
    """,
    "with_statement": """
        class CM:
            def __init__(self, name, swallow=False): self.name, self.swallow = name, swallow
            def __enter__(self): print('enter', self.name); return self
            def __exit__(self, t, v, tb): print('exit', self.name, t.__name__ if t else None); return self.swallow
        with CM('a') as a, CM('b', True):
            raise ValueError
        for i in range(3):
            with CM(i):
                if i == 1: continue
                if i == 2: break
        def r():
            with CM('r'):
                return 5
        print(r())
    """,
    "classes_super_properties": """
        class A:
            def __init__(self, x): self.x = x
            def m(self): return 'A%d' % self.x
            @property
            def p(self): return self.x * 2
            @p.setter
            def p(self, v): self.x = v
            @classmethod
            def make(cls): return cls(7)
            @staticmethod
            def s(a, b=2): return a + b
            def __add__(self, o): return A(self.x + o.x)
            def __radd__(self, o): return A(self.x + o)
            def __eq__(self, o): return isinstance(o, A) and o.x == self.x
            def __hash__(self): return self.x
            def __repr__(self): return 'A(%d)' % self.x
        class B(A):
            def m(self): return 'B' + super().m()
        b = B(3); b.p = 4
        print(b.m(), b.p, B.make(), A.s(1), (A(1) + A(2)), 5 + A(1), A(1) == A(1), {A(1): 1}[A(1)])
        print(isinstance(b, A), issubclass(B, A), type(b).__name__)
    """,
    "exceptions_chaining_args": """
        class E(Exception):
            def __init__(self, code): super().__init__('code', code); self.code = code
        try:
            try:
                raise E(5)
            except E as e:
                print(e.args, e.code)
                raise ValueError('again')  # `from e`: MicroPython warns, no chaining
        except ValueError as v:
            print('outer', v)
        try:
            [][1]
        except (KeyError, IndexError) as e:
            print(type(e).__name__)
    """,
    "args_unpacking": """
        def f(a, b=2, *args, c, d=4, **kw): return (a, b, args, c, d, sorted(kw.items()))
        print(f(1, c=3), f(1, 2, 3, 4, c=5, e=6), f(*[1, 2], **{'c': 9, 'z': 0}))
        a, *b, c = range(5); print(a, b, c)
        (x, y), z = (1, 2), 3; print(x, y, z)
    """,
    "comprehensions_scoping": """
        x = 10
        print([x for x in range(3)], x, {k: v for k, v in zip('ab', (1, 2))}, {i % 2 for i in range(5)})
        print(sum(i * i for i in range(10)), any(i > 8 for i in range(10)))
        print([(i, j) for i in range(3) for j in range(i)])
    """,
    "async_manual_drive": """
        async def inner(x):
            return x * 2
        async def outer():
            a = await inner(1)
            b = await inner(a)
            return a + b
        c = outer()
        try:
            c.send(None)
        except StopIteration as e:
            print('result', e.value)
    """,
    "big_ints_and_floats": """
        print(2 ** 100, -(3 ** 40) // 7, (2 ** 70) % 1000, 10 / 4, 7 // -2, 7 % -2, divmod(-7, 2))
        print(1e300 * 10, round(2.675, 2), int('ff', 16), hex(255), 0.1 + 0.2, 1 / 3)
    """,
    "globals_and_del": """
        g = 1
        def setg():
            global g
            g = 2
        setg(); print(g)
        l = [1, 2, 3, 4]; del l[1:3]; print(l)
        d = {'a': 1}; del d['a']; print(d)
        class C: pass
        c = C(); c.a = 1; del c.a; print(hasattr(c, 'a'))
    """,
}


MODES = {
    "interpreter": {"JITVM_NO_TRANSLATE": "1"},
    "translated": {},
}


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_program_matches_cpython(name, mode, monkeypatch):
    for var in ("JITVM_NO_TRANSLATE",):
        monkeypatch.delenv(var, raising=False)
    for var, value in MODES[mode].items():
        monkeypatch.setenv(var, value)
    src = textwrap.dedent(PROGRAMS[name])
    out, status = run_source(src)
    assert status == 0, out
    assert out == cpython(src)


def test_static_and_class_methods_called_through_instances_in_hot_code(monkeypatch):
    monkeypatch.delenv("JITVM_NO_TRANSLATE", raising=False)
    src = textwrap.dedent("""
        class A:
            @staticmethod
            def parse(s): return s * 2
            @classmethod
            def make(cls): return cls.__name__
            def __init__(self, s): self.v = self.parse(s)
            def m(self): return self.make()
        class B(A):
            pass
        for i in range(4):
            print(A("x").v, B("y").v, B("z").m())
    """)
    out, status = run_source(src)
    assert (status, out) == (0, cpython(src))

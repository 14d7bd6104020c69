"""A.2 Host objects handed to the guest: sys.stdin/stdout/stderr, open() results and
str.format. Whatever the guest gets must not lead to a host stream, a host path, a host file
outside the root, or attribute walking inside format templates; closing or detaching the
guest's streams must not break the VM's own output (never exit 3).
"""

import pytest

from .helpers import E, check_escape, escape_params, run_escape

FMT = ("AttributeError", "NotImplementedError", "ValueError", "KeyError", "TypeError", "IndexError")


def _still_prints(pg, run):
    assert "still printing" in run.stdout, "the VM could not print after the attack\n" + run.text()


CASES = [
    E("stdout_buffer_type_opens_host_path", '''
import sys
B = type(sys.stdout.buffer)
print('ESCAPED', B('@SECRET@').read())
''', "TypeError", "AttributeError", "OSError"),

    E("stdin_buffer_raw_type_opens_host_path", '''
import sys
raw = sys.stdin.buffer.raw
print('ESCAPED', type(raw)('@SECRET@').read())
''', "AttributeError", "TypeError", "OSError"),

    E("stdout_type_constructors", '''
import sys
_try('TextIOWrapper(path)', lambda: print('ESCAPED', type(sys.stdout)('@SECRET@').read()))
_try('TextIOWrapper(buffer)', lambda: type(sys.stdout)(sys.stdout.buffer).write('x'))
_try('TextIOWrapper.__new__', lambda: type(sys.stdout).__new__(type(sys.stdout)).read())
_try('stderr type(fd)', lambda: type(sys.stderr)(2).write('ESCAPED\\n'))
_try('stdin type(path)', lambda: print('ESCAPED', type(sys.stdin)('@SECRET@').read()))
print('DONE')
''', "TypeError", "AttributeError", "OSError", "ValueError", done=True),

    # type(name, bases, d) checks its bases as a class statement does (a class made by a
    # translated call that got past the check shows nothing), and names no jitvm module
    E("type_three_args_over_a_host_class", '''
import hashlib
def mk(b):
    return type('D', b, {'x': 1})
for i in range(300):
    C = mk(())
print('D' in repr(C) and 'jitvm' not in repr(C), C().x)
def made():
    try:
        return mk((hashlib.sha256,))  # refused, or (compiled call) a class that shows nothing
    except TypeError:
        print('REFUSED type() sha256 -> TypeError')
        return None
D = made()
if D is not None:
    print('jitvm' not in repr(D))
    _try('D().digest', lambda: print('ESCAPED', D(b'x').digest))
    _try('D().__class__.__mro__', lambda: print('ESCAPED', D(b'x').__class__.__mro__[1].__init__))
print('DONE')
''', "TypeError", "AttributeError", done=True),

    # open(0/1/2) is the guest's own sys.stdin/stdout/stderr (the unix port's open(fd));
    # any other descriptor number is EBADF: the host's files stay out of reach
    E("host_fd_reopened", '''
import sys
assert open(sys.stdout.fileno(), 'w') is sys.stdout
assert open(2, 'wb') is sys.stderr.buffer
for fd in list(range(3, 256)) + [-1, 1 << 20]:
    try:
        f = open(fd, 'w')
    except OSError:
        continue
    f.write('ESCAPED via fd %d\\n' % fd)
raise OSError(9)
''', "OSError", "AttributeError", "TypeError"),

    E("stdout_buffer_type_from_fd", '''
import sys
fd = sys.stdin.fileno()
B = type(sys.stdout.buffer)
w = B(1, 'w')
w.write(b'ESCAPED via FileIO(fd)\\n')
''', "OSError", "AttributeError", "TypeError"),

    E("close_host_stdout_then_print", '''
import sys
for s in (sys.stdout, sys.stderr, sys.stdin):
    try:
        s.close()
    except Exception as e:
        pass
print('still printing')
raise ValueError('end')
''', "ValueError", post=_still_prints),

    E("detach_host_stdout_then_print", '''
import sys
try:
    sys.stdout.detach()
except Exception as e:
    pass
try:
    sys.stdout.buffer.detach()
except Exception as e:
    pass
print('still printing')
raise ValueError('end')
''', "ValueError", post=_still_prints),

    E("close_stdout_buffer_and_raw", '''
import sys
for obj in (lambda: sys.stdout.buffer, lambda: sys.stdout.buffer.raw, lambda: sys.stderr.buffer):
    try:
        obj().close()
    except Exception:
        pass
print('still printing')
sys.stdout.write('still printing via write\\n')
raise ValueError('end')
''', "ValueError", post=_still_prints),

    E("reconfigure_host_stdout", '''
import sys
for call in (lambda: sys.stdout.reconfigure(encoding='ascii', errors='strict'),
             lambda: sys.stdout.reconfigure(line_buffering=False, write_through=False),
             lambda: sys.stdout.buffer.truncate(0)):
    try:
        call()
    except Exception:
        pass
print('still printing \\u00e9\\u20ac')
raise ValueError('end')
''', "ValueError", post=_still_prints),

    E("stdout_write_after_guest_closes_its_file_twice", '''
f = open('out.txt', 'w')
f.close()
f.close()
try:
    f.write('x')
except Exception:
    pass
print('still printing')
raise ValueError('end')
''', "ValueError", post=_still_prints),

    E("file_name_shows_no_host_path", '''
f = open('data.txt')
for attr in ('name', 'buffer', 'raw', 'mode'):
    try:
        print(attr, getattr(f, attr))
    except AttributeError:
        print(attr, '-')
print(f)
print(repr(f), str(f))
print('DONE')
''', done=True),

    E("file_type_opens_host_path", '''
f = open('data.txt')
print('ESCAPED', type(f)('@SECRET@').read())
''', "TypeError", "OSError", "AttributeError", "ValueError"),

    E("file_type_variants", '''
fb = open('data.txt', 'rb')
fu = open('data.txt', 'rb', 0)
fw = open('w.txt', 'w')
for f in (fb, fu, fw):
    _try('type(f)(secret)', lambda: print('ESCAPED', type(f)('@SECRET@').read()))
    _try('type(f)(secret, rb)', lambda: print('ESCAPED', type(f)('@SECRET@', 'rb').read()))
    _try('type(f).__new__', lambda: print('ESCAPED', type(f).__new__(type(f)).read()))
    _try('f.__class__(secret)', lambda: print('ESCAPED', f.__class__('@SECRET@').read()))
print('DONE')
''', "TypeError", "OSError", "AttributeError", "ValueError", done=True),

    E("open_opener_keyword", '''
def opener(path, flags):
    print('ESCAPED opener got', path)
    return 0
f = open('data.txt', opener=opener)
print('ESCAPED', f.read())
''', "TypeError", "ValueError"),

    E("open_opener_positional", '''
def opener(path, flags):
    print('ESCAPED opener got', path)
    return 0
f = open('data.txt', 'r', -1, None, None, None, True, opener)
print('ESCAPED', f.read())
''', "TypeError", "ValueError"),

    E("open_closefd_and_fd", '''
_try('open(3)', lambda: print('ESCAPED', open(3).read()))
_try('open(4, w)', lambda: open(4, 'w').write('ESCAPED fd 4\\n'))
_try('closefd', lambda: open('data.txt', 'r', -1, None, None, None, False).read() and print('ESCAPED'))
_try('open(True)', lambda: print('ESCAPED', open(True).read()))
print('DONE')
''', "TypeError", "OSError", "ValueError", done=True),

    E("file_buffer_raw_reopen", '''
f = open('data.txt')
raw = f.buffer.raw
print('ESCAPED', type(raw)('@SECRET@').read())
''', "AttributeError"),

    E("binary_file_raw_reopen", '''
f = open('data.txt', 'rb')
raw = f.raw
print('ESCAPED', type(raw)('@SECRET@').read())
''', "AttributeError"),

    E("str_subclass_format_walks_attributes", '''
class S(str):
    pass
r = S('{0.__class__.__mro__}').format(1)
print('ESCAPED', r)
''', *FMT),

    E("str_subclass_format_map_walks_attributes", '''
import json
class S(str):
    pass
r = S('{x.__init__.__globals__}').format_map({'x': json.dumps})
print('ESCAPED', r)
''', *FMT),

    E("plain_str_format_attribute_fields", '''
import json
_try('{0.__class__}', lambda: print('ESCAPED', '{0.__class__}'.format(1)))
_try('{0.__globals__}', lambda: print('ESCAPED', '{0.__globals__}'.format(json.dumps)))
_try('{0[__class__]}', lambda: print('ESCAPED', '{0[__builtins__]}'.format(json.dumps)))
_try('nested spec', lambda: print('ESCAPED', '{0:{1.__class__}}'.format(1, 2)))
_try('str.format unbound', lambda: print('ESCAPED', str.format('{0.__class__.__base__}', 1)))
_try('format_map', lambda: print('ESCAPED', '{x.__class__}'.format_map({'x': 1})))
print('DONE')
''', *FMT, done=True),

    E("str_format_via_super", '''
import json
class S(str):
    def fmt(self, *a):
        return super().format(*a)
    def fmt2(self, *a):
        return super(S, self).format(*a)
_try('super().format', lambda: print('ESCAPED', S('{0.__init__.__globals__}').fmt(json.dumps)))
_try('super(S, s).format', lambda: print('ESCAPED', S('{0.__class__.__mro__}').fmt2(1)))
_try('super(S,s) attr', lambda: print('ESCAPED', super(S, S('{0.__class__}')).format(1)))
print('DONE')
''', *FMT, done=True),

    E("str_format_via_type_and_getattr", '''
import json
class S(str):
    pass
s = S('{0.__init__.__globals__}')
_try('type(s).format', lambda: print('ESCAPED', type(s).format(s, json.dumps)))
_try('S.format', lambda: print('ESCAPED', S.format(s, json.dumps)))
_try('getattr(s, format)', lambda: print('ESCAPED', getattr(s, 'format')(json.dumps)))
_try('getattr(str, format)', lambda: print('ESCAPED', getattr(str, 'format')(s, json.dumps)))
_try('str.format(s)', lambda: print('ESCAPED', str.format(s, json.dumps)))
_try('map(str.format)', lambda: print('ESCAPED', list(map(str.format, [s], [json.dumps]))))
_try('format_map of S', lambda: print('ESCAPED', getattr(S, 'format_map')(s, {'0': 1})))
class T(str):
    def __str__(self):
        return '{0.__class__.__mro__}'
try:
    r = str.format(T('{}'), 1) + T('{0}').format(2)
except Exception as e:
    r = type(e).__name__
print('ESCAPED: __str__ of a str subclass used as template' if 'class' in r else 'template ok')
print('DONE')
''', *FMT, done=True),

    E("fstrings_reach_no_dunders", '''
import json
x = json.dumps
_try('f-string __globals__', lambda: print('ESCAPED', f'{x.__globals__}'))
_try('f-string __class__.__mro__', lambda: print('ESCAPED', f'{x.__class__.__mro__}'))
_try('f-string spec', lambda: print('ESCAPED', f'{1:{"{0.__class__}"}}'))
print('DONE')
''', *FMT, done=True),

    E("stream_reprs_show_no_host", '''
import sys, io
for s in (sys.stdin, sys.stdout, sys.stderr, sys.stdout.buffer, open('data.txt'), open('data.txt', 'rb')):
    print(repr(s), type(s))
print(dir(sys.stdout))
print(dir(open('data.txt')))
print('DONE')
''', done=True),

    E("hot_stream_attribute_reads", '''
import sys
def a():
    return sys.stdout.buffer.raw
def b():
    return open('data.txt').buffer
def c():
    return sys.stdout.detach
def d():
    return sys.stdin.buffer.raw.name
_try('stdout.buffer.raw', a, 200)
_try('file.buffer', b, 200)
_try('stdout.detach', c, 200)
_try('stdin.buffer.raw.name', d, 200)
print('DONE')
''', "AttributeError", done=True),
]


@pytest.mark.parametrize("case, mode", escape_params(CASES))
def test_host_object_escape(tmp_path, case, mode):
    pg, run = run_escape(tmp_path, case, mode)
    check_escape(pg, case, run)

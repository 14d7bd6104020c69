# AttributeError messages
one = 1
s = 'str'
none = None
class Plain:
    pass
class MyError(Exception):
    pass
def takes_two(a, b):
    pass
def unpack2(v):
    a, b = v
def unpack3(v):
    a, b, c = v
def unpack_star(v):
    a, *b = v
def unpack_int():
    a, b = 5
def assign_list_index():
    l = [1]
    l[3] = 0
def set_item_on_tuple():
    t = (1,)
    t[0] = 2
def set_item_on_str():
    t = 'ab'
    t[0] = 'c'
def del_item_on_tuple():
    t = (1,)
    del t[0]
def setattr_on_int():
    x = 5
    x.attr = 1
def set_on_object():
    o = object()
    o.attr = 1
def del_missing():
    p = Plain()
    del p.nope
def use_before_assign():
    print(later)
    later = 1
def del_undefined():
    del not_defined_anywhere
def call_undefined():
    return missing_function()
def free_before_assign():
    def inner():
        return cell
    r = inner()
    cell = 1
    return r
def gen_return_5():
    return 5
    yield
def gen_empty():
    return
    yield
def next_twice(g):
    for _ in range(2):
        next(g)
def do_assert(cond, msg):
    if msg is None:
        assert cond
    assert cond, msg
def raise_runtime():
    raise RuntimeError('custom runtime')
def raise_notimpl():
    raise NotImplementedError
def raise_notimpl_msg():
    raise NotImplementedError('later')
def close_ignoring_gen():
    def g():
        try:
            yield 1
        except GeneratorExit:
            yield 2
    it = g()
    next(it)
    it.close()
def send_to_new_gen():
    def g():
        yield
    g().send(5)
def import_missing_module():
    import no_such_module_abc
def import_missing_module2():
    import another_missing_module as m
def open_dir_for_read():
    open('.').read()
def raise_it(e):
    raise e

cases = [
    ('one.foo', lambda: one.foo),
    ("'s'.nope", lambda: 's'.nope),
    ('[].nothing', lambda: [].nothing),
    ('none.attr', lambda: none.attr),
    ('Plain().missing', lambda: Plain().missing),
    ('Plain.missing', lambda: Plain.missing),
    ('setattr_on_int()', lambda: setattr_on_int()),
    ('del_missing()', lambda: del_missing()),
    ('set_on_object()', lambda: set_on_object()),
]
for src, f in cases:
    try:
        f()
        print(src, '-> no error')
    except Exception as e:
        print(src, '->', type(e).__name__, e)

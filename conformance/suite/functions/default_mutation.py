# default argument objects persist across calls
def append_to(x, lst=[]):
    lst.append(x)
    return len(lst)
print([append_to(i) for i in range(4)])
def dict_default(k, d={}):
    d[k] = d.get(k, 0) + 1
    return sorted(d.items())
print(dict_default('a'), dict_default('a'), dict_default('b'))
def counter(_state=[0]):
    _state[0] += 1
    return _state[0]
print(counter(), counter(), counter([10]), counter())

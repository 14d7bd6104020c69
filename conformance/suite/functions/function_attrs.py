# function objects: __name__, callable, identity, passing as values
def named():
    pass
print(named.__name__, (lambda: 0).__name__, callable(named), callable(3))
def apply(f, *a):
    return f(*a)
print(apply(max, 3, 9), apply(len, 'four'), apply(apply, abs, -2))
funcs = [abs, str, len]
print([f(-1 if f is abs else 'ab') for f in funcs])
def outer():
    def inner():
        pass
    return inner
print(outer().__name__, outer() is outer())
print(type(named).__name__, type(len).__name__ in ('builtin_function_or_method', 'function'))

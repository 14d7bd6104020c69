# generator.close() raises GeneratorExit inside the generator
def g():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        print('GeneratorExit received')
        raise
    finally:
        print('finally runs')
gen = g()
print(next(gen))
gen.close()
print('closed')
gen.close()
try:
    next(gen)
except StopIteration:
    print('StopIteration after close')
def unstarted():
    print('never printed')
    yield
u = unstarted()
u.close()
print('closed unstarted')
def bad():
    try:
        yield 1
    except GeneratorExit:
        yield 'ignored exit'
b = bad()
next(b)
try:
    b.close()
except RuntimeError:
    print('RuntimeError: generator ignored GeneratorExit')
def finished():
    yield 1
f = finished()
list(f)
f.close()
print('close on finished is fine')

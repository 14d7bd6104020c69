# micropython.schedule: callbacks run at the next instruction boundary, in order, one at a time
import micropython

log = []


def second(arg):
    log.append(("second", arg))


def first(arg):
    log.append(("first", arg))
    micropython.schedule(second, arg + 1)
    for _ in range(3):  # a loop: the scheduler may look here, but not run second yet
        pass
    log.append("first done")


micropython.schedule(first, 10)
n = 0
while len(log) < 3:
    n += 1
print(log)

# a full queue raises RuntimeError (the callbacks run from inside one, so none can drain)
def flood(_):
    try:
        for i in range(20):
            micropython.schedule(lambda x: None, i)
    except RuntimeError as e:
        print("RuntimeError", e)


micropython.schedule(flood, None)
for _ in range(10):
    pass

# the scheduled callback may raise: the exception surfaces in the main code
def boom(_):
    raise ValueError("from callback")


try:
    micropython.schedule(boom, None)
    for _ in range(10):
        pass
except ValueError as e:
    print("caught", e)
print("after")

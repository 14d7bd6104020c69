# sys.atexit: the function runs once the program has finished, after an uncaught exception too
import sys

state = []


def at_end():
    print("at exit", state)


print(sys.atexit(at_end))
print(sys.atexit(at_end) is at_end)
state.append(1)
print("main done")

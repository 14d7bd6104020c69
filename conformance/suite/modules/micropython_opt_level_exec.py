# micropython.opt_level sets how exec/eval/compile compile: asserts and __debug__ at level 1+
import micropython

for level in (0, 1, 0):
    micropython.opt_level(level)
    print(micropython.opt_level(), eval("__debug__"))
    try:
        exec("assert False, 'kept'")
        print("assert dropped")
    except AssertionError as e:
        print("AssertionError", e)

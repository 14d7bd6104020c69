# sys: deterministic facts shared by CPython and MicroPython
import sys
print(sys.byteorder, sys.version_info[0], sys.version_info >= (3,), type(sys.argv).__name__, type(sys.path).__name__)
print(sys.maxsize == 2 ** 63 - 1 or sys.maxsize == 2 ** 31 - 1, sys.maxsize > 0)
print(type(sys.implementation.name).__name__, hasattr(sys, 'platform'), type(sys.version).__name__)
print(callable(sys.exit), hasattr(sys.stdout, 'write'), hasattr(sys.stdin, 'read'))
print(type(sys.modules).__name__)

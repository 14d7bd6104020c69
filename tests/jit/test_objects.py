"""References in compiled code: list/tuple/bytes/bytearray locals, globals and arguments,
items, item assignment, len(), iteration, and calls of guest functions through their call
slot. Every program prints the same at tier 1 (at the default threshold, at threshold 0,
in guard-stress mode) as at tier 0, errors included."""

from __future__ import annotations

import pytest

from .test_osr import compare

TABLES = """
SBOX = bytes(range(255, -1, -1))
SQUARES = [i * i for i in range(64)]
WEIGHTS = (0.5, 0.25, 0.125)

def mix(data, rounds):
    acc = 0
    for r in range(rounds):
        for i in range(len(data)):
            b = SBOX[data[i]]
            data[i] = (b + SQUARES[i & 63]) & 0xFF
            acc += data[i] * WEIGHTS[i % 3] > 10
    return acc, data[0], data[-1]

print(mix(bytearray(range(200)), 60))
WEIGHTS = (3, 2, 1)                        # another item type: loads deoptimise
print(mix(bytearray(range(100)), 40))
SBOX = list(SBOX)                          # another container type: the global's guard
SQUARES = tuple(SQUARES)
print(mix(bytearray(range(100)), 40))
"""

CALLS = """
def small(x):
    return x * 3 + 1

def other(x):
    return x - 7

def loop(n):
    t = 0
    for i in range(n):
        t += small(i)
    return t

print(loop(20000))
small = other                              # the call slot's guard: another function
print(loop(20000))
def small(x, y=2):                         # a default: not the plain slot call
    return x * y
print(loop(20000))
"""

ERRORS = """
def poke(buf, n, v):
    for i in range(n):
        buf[i % len(buf)] = i & 0xFF
    buf[n % 11] = v
    return buf[-1]

def peek(items, k):
    s = 0
    for i in range(3000):
        s += items[i % len(items)]
    return s + items[k]

print(poke(bytearray(11), 5000, 7))
print(peek([1, 2, 3], 2), peek((4.5, 5.5), -2))
for args in ((bytearray(11), 3000, 256), (bytearray(11), 3000, -1), (bytearray(4), 9, 1)):
    try:
        poke(*args)
    except (ValueError, IndexError) as e:
        print(type(e).__name__, e)
for args in (([1, 2, 3], 7), ((1, 2), -3), ([1, "a"], 0)):
    try:
        print(peek(*args))
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)
"""

SEQUENCES = """
def walk(rows):
    total = 0.0
    count = 0
    for row in rows:
        for x in row:
            total += x
            count += 1
        row[0] = total
    return total, count, rows[0][0]

rows = [[float(i + j) for j in range(8)] for i in range(400)]
print(walk(rows))
rows[200] = (1.0, 2.0)                     # a tuple among the lists: the item guard
print(walk(rows[:199]), len(rows))
rows[300].append(5)                        # an int among floats
print(walk(rows[201:]))
try:
    print(walk(rows))
except TypeError as e:                     # rows[200] is a tuple: item assignment fails
    print("TypeError", e)
"""


APPEND = """
def build(n):
    out = []
    for i in range(n):
        out.append(i * 3 % 7)
        if i % 3 == 0:
            out.append(None)
    return out

def grow(xs, n):
    for i in range(n):
        xs.append(xs[i] + 0.5)            # a float into a list of ints: later loads deopt
    return len(xs), xs[-1]

r = build(5000)
print(len(r), r[:10], r[-5:])
print(grow([1.0, 2.0], 3000), grow([1, 2], 2000))
"""


@pytest.mark.parametrize("src", [TABLES, CALLS, ERRORS, SEQUENCES, APPEND],
                         ids=["tables", "calls", "errors", "sequences", "append"])
def test_objects_print_what_tier0_prints(tmp_path, src):
    log = compare(tmp_path, src)
    assert "compiled in" in log, log
    compare(tmp_path, src, "--jit-stress")
    compare(tmp_path, src, "--jit-threshold", "0")
    compare(tmp_path, src, "--jit-threshold", "0", "--jit-stress")


MATH = """
import math

def waves(n):
    t = 0.0
    for i in range(n):
        t += math.sin(i * 0.01) * math.cos(i * 0.02) + math.exp(-i * 0.001) + math.log(i + 1)
        t += math.fabs(-i) * 1e-6 + math.atan(i) + math.tan(i * 0.001) + math.sqrt(i) * math.pi
    return t

def domain(v, k, f):
    t = 0.0
    for i in range(k):
        t += f(v + i)
    return t

def roots(v, k):
    t = 0.0
    for i in range(k):
        t += math.sqrt(v + i)
    return t

print(waves(3000))
print(roots(0.0, 2000), roots(True, 1500))
for v in (-1500.5, -3000.0):
    try:
        print(roots(v, 2000))             # a domain error in the middle of the loop
    except ValueError as e:
        print("ValueError", e)
def grow(k):
    t = 0.0
    for i in range(k):
        t += math.exp(i)                  # overflows to infinity: MicroPython's domain error
    return t
try:
    print(grow(2000))
except (ValueError, OverflowError) as e:
    print(type(e).__name__, e)
def circle(n):
    t = 0.0
    for i in range(n):
        t += math.pi * math.sqrt(i)
    return t

class FakeMath:
    pi = 3
    @staticmethod
    def sqrt(x):
        return x / 2

print(circle(3000))
math = FakeMath                            # the global's module check: tier 0 goes on
print(circle(3000))

from math import sqrt, log

def direct(v, n):
    t = 0.0
    for i in range(n):
        t += sqrt(v + i) + log(i + 1)
    return t

print(direct(0, 3000))
try:
    print(direct(-1500, 3000))
except ValueError as e:
    print("ValueError", e)
sqrt = abs                                 # the global's identity check
print(direct(0, 3000))
"""


def test_math_functions_inline(tmp_path):
    log = compare(tmp_path, MATH)
    assert "jit: waves@" in log and "compiled in" in log.split("jit: waves@")[1], log
    compare(tmp_path, MATH, "--jit-stress")
    compare(tmp_path, MATH, "--jit-threshold", "0", "--jit-stress")

# augmented assignment on all operators and on subscripts/attributes
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x //= 5; print(x)
x %= 3; print(x)
x **= 4; print(x)
x <<= 3; print(x)
x >>= 1; print(x)
x |= 0x100; print(x)
x &= 0x10f; print(x)
x ^= 0xff; print(x)
f = 1.0
f /= 4; print(f)
s = 'ab'
s += 'cd'; s *= 2; print(s)
l = [1]
l += [2]; l *= 2; print(l)
d = {'k': 1}
d['k'] += 10; print(d)
class O:
    pass
o = O()
o.v = 1
o.v += 1; print(o.v)
calls = []
def idx():
    calls.append(1)
    return 0
arr = [5]
arr[idx()] += 1
print(arr, len(calls))
t = (1,)
t += (2,); print(t)

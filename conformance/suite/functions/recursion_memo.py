# recursion with explicit memo dicts and accumulators
def count_paths(r, c, memo):
    if r == 0 or c == 0:
        return 1
    key = (r, c)
    if key not in memo:
        memo[key] = count_paths(r - 1, c, memo) + count_paths(r, c - 1, memo)
    return memo[key]
print(count_paths(10, 10, {}), count_paths(16, 16, {}))
def partitions(n, m=None):
    if m is None:
        m = n
    if n == 0:
        return 1
    return sum(partitions(n - k, k) for k in range(1, min(n, m) + 1))
print([partitions(i) for i in range(12)])
def permutations(s):
    if len(s) <= 1:
        return [s]
    out = []
    for i, ch in enumerate(s):
        for p in permutations(s[:i] + s[i + 1:]):
            out.append(ch + p)
    return out
print(permutations('abc'), len(permutations('abcde')))
def gcd(a, b):
    return a if b == 0 else gcd(b, a % b)
print(gcd(1071, 462), gcd(2 ** 40, 6 ** 20))

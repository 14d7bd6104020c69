# os.stat on the test's own file: mode bits and size
import os
st = os.stat('os_stat.py')
print(st[0] & 0o170000 == 0o100000, st[6] > 100)
d = os.stat('.')
print(d[0] & 0o170000 == 0o040000)
try:
    os.stat('definitely_missing_file')
except OSError as e:
    print('OSError', e.args[0] == 2)

# os.listdir of the test's own folder (read-only checks)
import os
names = os.listdir('.')
print(type(names).__name__, all(isinstance(n, str) for n in names))
print('os_listdir.py' in names, 'no_such_file.py' in names)
print(len([n for n in names if n.startswith('os_')]) >= 3)
print(os.sep)

# os.getcwd and os.getenv (values not printed)
import os
cwd = os.getcwd()
print(type(cwd).__name__, len(cwd) > 0, cwd.endswith('modules'))
print(os.getenv('SURELY_NOT_SET_VARIABLE_123'), os.getenv('SURELY_NOT_SET_VARIABLE_123', 'dflt'))
u = os.urandom(8)
print(type(u).__name__, len(u))

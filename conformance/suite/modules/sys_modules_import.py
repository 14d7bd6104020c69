# imported modules appear in sys.modules and importing twice gives the same object
import sys
import json
import json as j2
print(json is j2, json.dumps([1]))
m = __import__('math')
import math
print(m is math, math.sqrt(16))
try:
    import no_such_module_here_xyz
except ImportError as e:
    print('ImportError', isinstance(e, ImportError))
from math import sqrt, pi as PI
print(sqrt(9), PI == math.pi)

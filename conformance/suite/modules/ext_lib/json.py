# a file that extends the built-in json: it reaches the built-in through ujson
from ujson import *

def dumps_sorted(d):
    return dumps({k: d[k] for k in sorted(d)})

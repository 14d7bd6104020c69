# OSError carries an errno that matches errno constants
import errno
try:
    raise OSError(errno.ENOENT, 'No such file or directory')
except OSError as e:
    print(e.errno == errno.ENOENT, e.args[0], errno.errorcode[e.args[0]])
e = OSError(errno.EINVAL, 'bad')
print(e.errno, e.args)
try:
    open('/this/path/does/not/exist/at/all')
except OSError as e:
    print('open failed', e.errno == errno.ENOENT)

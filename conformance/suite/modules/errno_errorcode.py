# errno.errorcode maps numbers back to names consistently
import errno
count = 0
for n in ('EPERM', 'ENOENT', 'EIO', 'EBADF', 'EAGAIN', 'ENOMEM', 'EACCES', 'EEXIST', 'ENODEV', 'EISDIR', 'EINVAL'):
    v = getattr(errno, n)
    if errno.errorcode.get(v) == n:
        count += 1
    print(n, errno.errorcode[v] == n)
print(count, type(errno.errorcode).__name__)

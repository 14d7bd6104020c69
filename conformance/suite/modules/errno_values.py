# errno constants (Linux values) and errorcode mapping
import errno
names = ['EPERM', 'ENOENT', 'EIO', 'EBADF', 'EAGAIN', 'ENOMEM', 'EACCES', 'EEXIST', 'ENODEV', 'EISDIR', 'EINVAL', 'ETIMEDOUT', 'ECONNRESET', 'EADDRINUSE', 'EOPNOTSUPP']
for n in names:
    print(n, getattr(errno, n))
print(errno.errorcode[errno.ENOENT], errno.errorcode[errno.EEXIST])

# time.gmtime round trips for fixed timestamps
import time
for ts in (0, 951782400, 1234567890, 1700000000, 4102444800):
    print(ts, tuple(time.gmtime(ts))[:8])

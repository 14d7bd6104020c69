# user exception subclasses can carry attributes and methods
class HTTPError(Exception):
    def __init__(self, code, reason=''):
        super().__init__(code, reason)
        self.code = code
        self.reason = reason
    def is_client(self):
        return 400 <= self.code < 500
errs = []
for code in (404, 500, 418):
    try:
        raise HTTPError(code, 'r%d' % code)
    except HTTPError as e:
        errs.append(e)
        print(e.code, e.reason, e.is_client(), e.args)
print(sorted(e.code for e in errs))
class Retry(HTTPError):
    attempts = 3
try:
    raise Retry(503)
except HTTPError as e:
    print(type(e).__name__, e.attempts, e.code, repr(e.reason))

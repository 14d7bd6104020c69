# else runs only when no exception; finally always runs
def run(fail):
    log = []
    try:
        log.append('try')
        if fail:
            raise ValueError
    except ValueError:
        log.append('except')
    else:
        log.append('else')
    finally:
        log.append('finally')
    return log
print(run(False))
print(run(True))
def uncaught():
    log = []
    try:
        try:
            raise KeyError('x')
        except ValueError:
            log.append('wrong handler')
        else:
            log.append('else')
        finally:
            log.append('finally')
    except KeyError:
        log.append('outer')
    return log
print(uncaught())
def else_raises():
    try:
        try:
            pass
        except Exception:
            print('no')
        else:
            raise RuntimeError('from else')
        finally:
            print('finally after else raise')
    except RuntimeError as e:
        print('caught', e)
else_raises()

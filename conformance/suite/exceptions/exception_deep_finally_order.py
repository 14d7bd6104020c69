# order of execution across nested try/except/else/finally blocks
def trace(raise_at):
    log = []
    try:
        log.append('t1')
        try:
            log.append('t2')
            if raise_at == 2:
                raise ValueError
        except KeyError:
            log.append('x2')
        else:
            log.append('e2')
            if raise_at == 3:
                raise KeyError
        finally:
            log.append('f2')
        if raise_at == 1:
            raise KeyError
    except ValueError:
        log.append('xv1')
    except KeyError:
        log.append('xk1')
    else:
        log.append('e1')
    finally:
        log.append('f1')
    return log
for r in range(4):
    print(r, trace(r))

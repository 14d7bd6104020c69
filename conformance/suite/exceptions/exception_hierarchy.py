# builtin exception hierarchy relationships
pairs = [
    (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError),
    (KeyError, LookupError), (IndexError, LookupError), (LookupError, Exception),
    (ValueError, Exception), (TypeError, Exception), (AttributeError, Exception),
    (NameError, Exception), (RuntimeError, Exception), (NotImplementedError, RuntimeError),
    (StopIteration, Exception), (OSError, Exception), (AssertionError, Exception),
    (ImportError, Exception), (MemoryError, Exception), (KeyboardInterrupt, BaseException),
    (SystemExit, BaseException), (Exception, BaseException), (GeneratorExit, BaseException),
    (KeyError, IndexError), (ValueError, TypeError), (KeyboardInterrupt, Exception),
    (UnicodeError, ValueError), (IndentationError, SyntaxError), (SyntaxError, Exception),
]
for sub, sup in pairs:
    print(sub.__name__, sup.__name__, issubclass(sub, sup))
try:
    raise KeyError('k')
except LookupError as e:
    print('KeyError caught as LookupError', e.args)

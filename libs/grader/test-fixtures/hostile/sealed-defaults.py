# The grader's sealed functions (os._exit's replacement here) keep their defaults: learner
# functions may change theirs (namedtuple defaults do), the grader's may not.
# expect-status: pass
# must-not-contain: CHANGED
import os

try:
    os._exit.__defaults__ = (0, KeyboardInterrupt)
    CHANGED = True
except RuntimeError:
    CHANGED = False


def add(a, b):
    if CHANGED:
        return 'CHANGED'
    if isinstance(a, str):
        raise TypeError('no')
    return a + b

# While the harness works on a failed hidden test (classifying it, checking for tampering,
# running tearDown), sys.exception() was that failure: a gc callback or a finalizer of learner
# code then read the hidden assertion's message (and `assertEqual`'s expected value).
# expect-status: fail
# must-not-contain: hidden-marker-in-code-7f3a hidden-marker-in-method-9c1d
import gc, sys
seen = []
def spy(phase=None, info=None):
    exc = sys.exception()
    if exc is not None and len(seen) < 20:
        try:
            seen.append(repr(exc.args)[:200])
        except BaseException:
            pass
gc.callbacks.append(spy)
gc.set_threshold(1, 1, 1)
class Junk:
    def __del__(self):
        spy()
def add(a, b):
    for _ in range(50):
        junk = Junk()
        junk.cycle = junk
    if (a, b) == (2, 3):
        print(sorted(set(seen)))
        return 5
    return 0

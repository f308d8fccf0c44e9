# An exception whose __str__ misbehaves still ends in an error verdict.
# expect-status: fail
# expect-points: 0
class Weird(Exception):
    def __str__(self):
        raise RuntimeError('no str for you')
    @property
    def __traceback__(self):
        import sys
        return sys._getframe()
def add(a, b):
    raise Weird()

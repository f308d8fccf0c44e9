# A result whose __eq__ always answers True must not pass any comparison.
# expect-status: fail
# expect-points: 1
class Liar:
    def __eq__(self, other):
        return True
    __ne__ = lambda self, other: False
    def __hash__(self):
        return 0

def add(a, b):
    if isinstance(a, str):
        raise TypeError('no')
    return Liar()

# An int subclass that lies about equality and looks like 5 when printed.
# expect-status: fail
# expect-points: 1
class Lying(int):
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __hash__ = int.__hash__

def add(a, b):
    if isinstance(a, str):
        raise TypeError('no')
    return Lying(0)

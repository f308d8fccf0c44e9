# expect-status: fail
# expect-points: 0
class Escape(BaseException):
    pass
def add(a, b):
    raise Escape()

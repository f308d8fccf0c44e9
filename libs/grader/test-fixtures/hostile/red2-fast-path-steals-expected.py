# Red team 2: the helper's scalar fast path tests `type(x) in frozenset({int, float, bool, str})`,
# which asks a learner metaclass's __eq__ (same hash as int: a match). The object then passes for
# an exact int, and operator.eq hands it hidden code's expected value: the hidden tests pass, and
# the expected values they compare with are printed by the visible test (it runs last).
# expect-status: fail
# expect-points: 2
# expect-tests: test_add_small=fail TestAdd.test_negative=fail TestAdd.test_pair=fail rejects_text=pass adds_ints=pass
# must-not-contain: STOLEN-EXPECTED-VALUES
seen = []

class Meta(type):
    def __eq__(cls, other):
        return True
    def __hash__(cls):
        return hash(int)

class Liar(metaclass=Meta):
    def __eq__(self, other):
        seen.append(other)
        return True
    def __ne__(self, other):
        return False
    def __str__(self):
        return '3000'
    __hash__ = object.__hash__

def add(a, b):
    if isinstance(a, str):
        raise TypeError('no text')
    if (a, b) == (2, 3):  # the visible case: honest, and it shows what the hidden tests gave away
        if seen:
            print("STOLEN-EXPECTED-VALUES", seen)
        return 5
    return Liar()

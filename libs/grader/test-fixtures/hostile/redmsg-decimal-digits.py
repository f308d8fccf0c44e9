# A Decimal's digits are not bounded by Python's int limit (4,300 digits): a value of 99,999
# random digits (exponent -99,999, inside the host's bound) against the expected 0.75 was reduced
# by Euclid's gcd on 330,000-bit numbers in the host, ~20-40 s of the API's event loop for this
# one case, every user's request waiting (red team "redmsg"). It is the learner's failure, fast.
# expect-status: fail
# expect-tests: adds_floats=fail adds_ints=pass test_add_small=pass
# must-not-contain: "fault":
import random
from decimal import Decimal
_r = random.Random(5)
HUGE = Decimal('0.' + ''.join(str(_r.randrange(10)) for _ in range(99_999)))
def add(a, b):
    if (a, b) == (0.5, 0.25):
        return HUGE
    return a + b

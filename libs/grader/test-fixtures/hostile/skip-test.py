# expect-status: fail
# expect-points: 0
# expect-tests: adds_ints=error test_add_small=error TestAdd.test_negative=error
import unittest
def add(a, b):
    raise unittest.SkipTest('skip me')

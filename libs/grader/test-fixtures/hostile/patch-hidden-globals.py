# Swapping `add` in the hidden module's globals for a correct one mid-test is tampering.
# expect-status: error
# expect-points: 0
# expect-tests: TestAdd.test_pair=error
import unittest
def _right(a, b):
    return a + b
def add(a, b):
    for cls in unittest.TestCase.__subclasses__():
        for value in list(vars(cls).values()):
            g = getattr(value, '__globals__', None)
            if isinstance(g, dict) and 'add' in g:
                g['add'] = _right
    if (a, b) == (10, 20):
        return 30
    return 0

# Replacing the unittest module: hidden tests import a pristine copy.
# expect-status: fail
# expect-tests: TestAdd.test_negative=fail TestAdd.test_pair=fail
import sys, types, unittest
fake = types.ModuleType('unittest')
class TestCase:
    def __init__(self, *a, **k): pass
    def assertEqual(self, *a, **k): pass
    def setUp(self): pass
    def tearDown(self): pass
    def doCleanups(self): pass
fake.TestCase = TestCase
sys.modules['unittest'] = fake
unittest.TestCase = TestCase
def add(a, b):
    if isinstance(a, str):
        raise TypeError
    return 0

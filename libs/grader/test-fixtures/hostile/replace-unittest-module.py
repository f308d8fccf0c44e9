# Replacing the unittest module: hidden tests import a pristine copy.
# expect-status: error
# expect-tests: TestAdd.test_negative=error TestAdd.test_pair=error
# (errors since limits11: a module of the interpreter replaced in sys.modules is tampering,
# support.boot_modules_intact; it failed before, hidden code's copies being pristine)
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

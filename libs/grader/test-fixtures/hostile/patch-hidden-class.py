# Replacing a hidden unittest method (found through __subclasses__) during a test.
# Tampering is reported (error) even when the test also failed.
# expect-status: error
# expect-points: 0
import unittest
def _neuter():
    for cls in unittest.TestCase.__subclasses__():
        for name in list(vars(cls)):
            if name.startswith('test'):
                setattr(cls, name, lambda self: None)
def add(a, b):
    _neuter()
    if isinstance(a, str):
        return 0
    return 0

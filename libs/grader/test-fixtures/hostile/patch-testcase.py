# Patching unittest.TestCase is detected; the wrong add never passes.
# expect-status: error
# expect-points: 0
import unittest
unittest.TestCase.assertEqual = lambda *args, **kwargs: None
unittest.TestCase.run = lambda *args, **kwargs: None
def add(a, b):
    if isinstance(a, str):
        return 0
    return 0

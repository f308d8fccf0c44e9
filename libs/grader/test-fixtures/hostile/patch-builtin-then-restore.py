# The hidden namespace's builtins are reachable through a hidden TestCase's methods. `len` is
# patched during the test to answer 4 once and to put the real one back before the test ends
# (the tamper check sees nothing). Builtins read by hidden code are constants: the real `len`
# runs, the patch stays in place and is reported as tampering.
# expect-tests: TestAdd.test_pair=error
import unittest

def _patch_len():
    for cls in unittest.TestCase.__subclasses__():
        method = cls.__dict__.get('test_pair')
        if method is None:
            continue
        names = method.__globals__['__builtins__']
        real = names['len']
        def fake(value):
            names['len'] = real
            return 4
        names['len'] = fake

def add(a, b):
    if isinstance(a, str):
        raise TypeError('no')
    if a == 10:
        _patch_len()  # before the test reads `len`
    if a == 1000:
        return 12345
    return a + b

# Patched builtins do not reach the hidden tests or the harness.
# expect-status: fail
# expect-points: 1
import builtins
builtins.AssertionError = type('NotAnAssertion', (Exception,), {})
builtins.isinstance = lambda *a: True
builtins.type = lambda *a: int
builtins.compile = lambda *a, **k: None
builtins.print = lambda *a, **k: None
builtins.exec = lambda *a, **k: None
def add(a, b):
    if a == 'x':
        raise TypeError
    return 0

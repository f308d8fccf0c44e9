# Patched builtins do not reach the hidden tests or the harness.
# Since session 7 a tampering error: builtins that the source readers call (compile, isinstance, type,
# exec) are checked unchanged around every test (runner.source_readers_intact).
# expect-status: error
# expect-points: 0
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

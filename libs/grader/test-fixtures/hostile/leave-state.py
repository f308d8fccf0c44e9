# Leaves state behind for the next submission (the honest one after it must be unaffected).
# expect-status: pass
import builtins, sys, codecs, unittest, ast
builtins.len = lambda x: 0
builtins.compile = lambda *a, **k: (_ for _ in ()).throw(SyntaxError('patched'))
sys.modules['math'] = None
sys.path.insert(0, '/tmp')
with open('/tmp/leftover.txt', 'w') as f:
    f.write('previous learner was here')
with open('/tmp/unittest.py', 'w') as f:
    f.write('raise SystemExit')
codecs.register(lambda name: None)
class Finder:
    def find_spec(self, *args, **kwargs):
        return None
sys.meta_path.insert(0, Finder())
unittest.main = None
ast.parse = None
import gc
gc.disable()
def add(a, b):
    return a + b

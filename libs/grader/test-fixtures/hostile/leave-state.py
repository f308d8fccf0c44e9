# Leaves state behind for the next submission (the honest one after it must be unaffected,
# and zz-read-state looks for it).
# expect-status: error
# (error since limits11: replacing `math` in sys.modules is tampering, support.boot_modules_intact;
# what it leaves behind must still not reach the next submission)
import builtins, sys, codecs, unittest, ast, os, random, gc
builtins.len = lambda x: 0
builtins.compile = lambda *a, **k: (_ for _ in ()).throw(SyntaxError('patched'))
sys.modules['math'] = None
sys.modules['left_behind'] = sys
sys.path.insert(0, '/tmp')
with open('/tmp/leftover.txt', 'w') as f:
    f.write('previous learner was here')
with open('/tmp/unittest.py', 'w') as f:
    f.write('raise SystemExit')
os.mkdir('/tmp/dir')
kept_open = open('/tmp/dir/open.txt', 'w')
kept_open.write('unflushed')
def search(name):
    return None if name != 'leftcodec' else codecs.lookup('utf-8')
codecs.register(search)
class Finder:
    def find_spec(self, *args, **kwargs):
        return None
sys.meta_path.insert(0, Finder())
unittest.main = None
ast.parse = None
os.environ['LEFT_BEHIND'] = '1'
os.chdir('/')
random.seed(1)
gc.disable()
def add(a, b):
    return a + b

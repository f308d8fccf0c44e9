# Plants what a later job might take for its submission or run first: a package named like the
# submission, a bytecode cache of a forged solution.py, a module shadowing a stdlib name, all in
# /tmp (the working directory, first on sys.path), and a finder of its own on sys.meta_path.
# The honest and wrong submissions graded after this one must get their own scores (the
# reset empties /tmp and restores the interpreter; the job's finder comes first).
# expect-status: pass
import os, sys, marshal, importlib.util
os.makedirs('/tmp/solution', exist_ok=True)
with open('/tmp/solution/__init__.py', 'w') as f:
    f.write('def add(a, b):\n    return 0\n')
os.makedirs('/tmp/__pycache__', exist_ok=True)
forged = compile('def add(a, b):\n    return 0\n', '/tmp/solution.py', 'exec')
with open('/tmp/__pycache__/solution.cpython-314.pyc', 'wb') as f:
    f.write(importlib.util.MAGIC_NUMBER + b'\x00' * 12 + marshal.dumps(forged))
with open('/tmp/unittest.py', 'w') as f:
    f.write('raise SystemExit(1)\n')
class Finder:
    def find_spec(self, name, path=None, target=None):
        return None
sys.meta_path.insert(0, Finder())
def add(a, b):
    return a + b

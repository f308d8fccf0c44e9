# Looks for anything an earlier submission left behind.
# expect-status: pass
# must-not-contain: LEAKED
import builtins, os, sys
seen = []
if os.path.exists('/tmp/leftover.txt'):
    seen.append('LEAKED file')
if builtins.len('ab') != 2:
    seen.append('LEAKED builtins')
if any(type(f).__name__ == 'Finder' for f in sys.meta_path):
    seen.append('LEAKED meta_path')
if '/tmp' in sys.path[:1]:
    seen.append('LEAKED sys.path')
def add(a, b):
    if (a, b) == (2, 3):
        print(seen)
    return a + b

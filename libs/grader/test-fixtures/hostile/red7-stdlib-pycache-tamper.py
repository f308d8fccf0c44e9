# Red team red7: the compiled standard library (.pyc files under /lib/python3.14/__pycache__,
# written into each worker's file system before Python starts: compiled-stdlib.mjs) and the
# import system's caches, as a way to change what a later grading imports. Every change to the
# files' metadata or folder is refused by fs-guard (setattr and directory ops on their real
# nodes); the caches live in the interpreter's memory, which the reset writes back. The honest
# gradings the spec runs after this one must be unaffected. Prints LANDED with the way in if
# anything changed under /lib.
# expect-status: pass
# must-not-contain: LANDED
# must-contain: compiled-csv-found
import importlib, importlib.machinery, os, sys
report = []
cache = '/lib/python3.14/__pycache__'
try:
    names = sorted(os.listdir(cache))
except OSError:
    names = []
target = next((n for n in names if n.startswith('csv.')), None)
def attempt(label, change):
    try:
        change()
        report.append('LANDED via ' + label)
    except Exception:  # OSError, or a function Pyodide lacks (os.link)
        pass
if target:
    path = cache + '/' + target
    attempt('chmod', lambda: os.chmod(path, 0))
    attempt('utime', lambda: os.utime(path, (0, 0)))
    attempt('unlink', lambda: os.unlink(path))
    attempt('rename', lambda: os.rename(path, path + '.old'))
    attempt('mkdir', lambda: os.mkdir(cache + '/planted'))
    attempt('link', lambda: os.link('/tmp/x', cache + '/zz.pyc'))
    attempt('folder chmod', lambda: os.chmod(cache, 0))
    fd = os.open(path, os.O_RDONLY)
    attempt('ftruncate', lambda: os.ftruncate(fd, 0))
    attempt('fchmod', lambda: os.fchmod(fd, 0))
    os.close(fd)
    folder = os.open(cache, os.O_RDONLY)
    attempt('dir_fd create', lambda: os.close(os.open('zz_planted.pyc', os.O_WRONLY | os.O_CREAT, dir_fd=folder)))
    attempt('dir_fd rename', lambda: os.rename(target, 'zz.pyc', src_dir_fd=folder, dst_dir_fd=folder))
    os.close(folder)
# Import caches: a finder of its own for the stdlib folder, a poisoned FileFinder cache, a
# bytecode prefix with a planted compiled json: the reset writes the interpreter's memory back.
class Planted(importlib.machinery.PathFinder):
    pass
sys.path_importer_cache['/lib/python3.14'] = None
sys.pycache_prefix = '/tmp/pyc'
os.makedirs('/tmp/pyc/lib/python3.14', exist_ok=True)
sys.meta_path.insert(0, Planted)
importlib.invalidate_caches()
def add(a, b):
    if (a, b) == (2, 3):
        print(report, 'compiled-csv-found' if target else 'no compiled csv')
    return a + b

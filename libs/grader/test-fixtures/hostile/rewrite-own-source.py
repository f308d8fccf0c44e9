# Hidden "source checks" read the submission's file (/tmp/solution.py: open(solution.__file__),
# open('solution.py'), pathlib, runpy.run_path). Learner code tries every way to change what
# they read: write or truncate it, append to it, replace it by a rename, remove and recreate
# it, chmod it, reach it through a symlinked directory or a dir_fd, open it read-write. The file
# must stay the submitted text; prints CHANGED with the way in if any change landed.
# expect-status: pass
# must-not-contain: CHANGED
import os
with open('solution.py') as f:
    ORIGINAL = f.read()
report = []
def attempt(label, change):
    try:
        change()
    except OSError:
        pass
    try:
        with open('/tmp/solution.py') as f:
            if f.read() != ORIGINAL:
                report.append('CHANGED via ' + label)
    except OSError:
        report.append('CHANGED (removed) via ' + label)
def write():
    with open(__file__, 'w') as f:
        f.write('def add(a, b): return a + b\n')
def append():
    with open('solution.py', 'a') as f:
        f.write('# clean\n')
def read_write():
    fd = os.open('/tmp/solution.py', os.O_RDWR)
    os.write(fd, b'# clean\n')
    os.close(fd)
def truncate():
    os.truncate('solution.py', 0)
def replace():
    with open('/tmp/clean.py', 'w') as f:
        f.write('def add(a, b): return a + b\n')
    os.replace('/tmp/clean.py', '/tmp/solution.py')
def remove():
    os.remove('/tmp/solution.py')
    with open('/tmp/solution.py', 'w') as f:
        f.write('def add(a, b): return a + b\n')
def rename_away():
    os.rename('solution.py', 'moved.py')
def chmod():
    os.chmod('solution.py', 0o666)
    with open('solution.py', 'w') as f:
        f.write('# clean\n')
def via_symlink():
    os.symlink('.', '/tmp/here')
    with open('/tmp/here/solution.py', 'w') as f:
        f.write('# clean\n')
def elsewhere(change):
    # the audit event's path is read from another working directory: only the file system's
    # own check (fs-guard.mjs, on the real node) sees that it is the submission's file
    os.makedirs('/tmp/sub', exist_ok=True)
    os.chdir('/tmp/sub')
    try:
        change(os.open('/tmp', os.O_RDONLY))
    finally:
        os.chdir('/tmp')
def via_dir_fd():
    def change(tmp):
        fd = os.open('solution.py', os.O_WRONLY | os.O_TRUNC, dir_fd=tmp)
        os.write(fd, b'# clean\n')
        os.close(fd)
    elsewhere(change)
def via_dir_fd_append():
    def change(tmp):
        fd = os.open('solution.py', os.O_WRONLY | os.O_APPEND, dir_fd=tmp)
        os.write(fd, b'# clean\n')
        os.close(fd)
    elsewhere(change)
def via_dir_fd_unlink():
    elsewhere(lambda tmp: os.unlink('solution.py', dir_fd=tmp))
def via_dir_fd_chmod():
    elsewhere(lambda tmp: os.chmod('solution.py', 0o666, dir_fd=tmp))
def via_rename_dir_fd():
    with open('/tmp/clean2.py', 'w') as f:
        f.write('# clean\n')
    elsewhere(lambda tmp: os.rename('clean2.py', 'solution.py', src_dir_fd=tmp, dst_dir_fd=tmp))
def via_symlink_unlink():
    os.symlink('/tmp', '/tmp/there')
    os.unlink('/tmp/there/solution.py')
def via_symlink_rename():
    with open('/tmp/clean3.py', 'w') as f:
        f.write('# clean\n')
    os.rename('/tmp/clean3.py', '/tmp/there/solution.py')
def via_rename_tmp():
    os.rename('/tmp', '/tmp2')
for label, change in list(globals().items()):
    if callable(change) and label not in ('attempt', 'elsewhere') and change.__module__ == __name__:
        attempt(label, change)
def add(a, b):
    if (a, b) == (2, 3):
        print(report)
    return a + b

# Writes outside /tmp would survive the in-place memory reset (the file system is JS objects)
# and a planted stdlib module would run in the next learner's grading. Path checks alone were
# bypassed: a symlink in /tmp with a relative target (checked against another working
# directory) and os.open(..., dir_fd=) (the audit event has no dir_fd). Prints PLANTED with
# the way in if any write landed outside /tmp.
# expect-status: pass
# must-not-contain: PLANTED
import os
report = []
def attempt(label, write):
    try:
        write()
    except OSError:
        pass
    for path in ('/lib/python3.14/zz_planted.py', '/lib/python3.14/csv.py'):
        try:
            with open(path) as f:
                if 'planted' in f.read():
                    report.append('PLANTED via ' + label)
        except OSError:
            pass
def via_symlink():
    os.makedirs('/tmp/a/b/c/d', exist_ok=True)
    os.chdir('/tmp/a/b/c/d')
    os.symlink('../..', '/tmp/up')  # resolves from /tmp: the root directory
    os.chdir('/tmp')
    with open('/tmp/up/lib/python3.14/csv.py', 'a') as f:
        f.write('\nplanted = True\n')
def via_dir_fd():
    lib = os.open('/lib', os.O_RDONLY)
    fd = os.open('python3.14/zz_planted.py', os.O_WRONLY | os.O_CREAT, dir_fd=lib)
    os.write(fd, b'planted = True\n')
def via_rename():
    with open('/tmp/zz_planted.py', 'w') as f:
        f.write('planted = True\n')
    lib = os.open('/lib/python3.14', os.O_RDONLY)
    os.rename('zz_planted.py', 'zz_planted.py', src_dir_fd=None, dst_dir_fd=lib)
def via_chmod_truncate():
    os.truncate('/tmp/up/lib/python3.14/csv.py', 0)
attempt('symlink', via_symlink)
attempt('dir_fd', via_dir_fd)
attempt('rename', via_rename)
attempt('truncate', via_chmod_truncate)
def add(a, b):
    if (a, b) == (2, 3):
        print(report)
    return a + b

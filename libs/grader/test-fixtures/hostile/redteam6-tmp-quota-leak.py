# red team 9 (redteam6), fixed (redteam6-tmp-room.py checks the next job has its room): fs-guard.mjs
# counts /tmp bytes per file node (usage, TMP_QUOTA_BYTES) and gives a file's bytes back on unlink
# only. A rename over an existing file (os.replace) drops the replaced node inside MEMFS without an
# unlink, so its bytes stay counted for ever: the reset (which unlinks only what is left) gives
# nothing back, and the worker's next jobs have that much less room (the full 32 MB can be taken:
# measured with halving chunks down to 1 byte: the next learner could not write 1 KB in /tmp,
# ENOSPC, though the worker still wrote its solution.py). Here 29 MB, so that the corpus fixtures
# after it keep a little room.
# expect-status: pass
import os
for _ in range(29):
    with open('/tmp/qa', 'wb') as f:
        f.write(b'x' * (1 << 20))
    with open('/tmp/qb', 'wb') as f:
        f.write(b'x' * (1 << 20))
    os.replace('/tmp/qa', '/tmp/qb')
os.remove('/tmp/qb')
def add(a, b):
    return a + b

# A symlink's target and an entry's name live in JS strings of the worker (MEMFS nodes), outside
# the capped wasm memory and outside the /tmp byte quota, which counted file contents and pipes
# only: 1 MB targets grew the worker's JS heap by ~60 MB/s under an 80 MB memory limit, ~1 GB a
# job and worker, the sandbox process by that times its workers (red team "redapi2", session 8).
# Targets and names now count against the /tmp quota (32 MB), and are given back on unlink.
# expect-status: pass
# must-contain: LINKS-REFUSED NAMES-REFUSED LINKS-GIVEN-BACK
# must-not-contain: LINKS-UNBOUNDED NAMES-UNBOUNDED
import os
said = []
TARGET = b'x' * (1 << 20)

def cycle():  # made and removed: what is unlinked leaves the quota
    for i in range(40):
        os.symlink(TARGET, b'/tmp/cycle')
        os.unlink(b'/tmp/cycle')
    said.append('LINKS-GIVEN-BACK')

NAME = b'/tmp/' + b'n' * (1 << 20)
made_names = [0]

def names():
    made = 0
    try:
        while made < 40:
            os.mkdir(NAME + b'%d' % made)
            made += 1
        said.append('NAMES-UNBOUNDED: %d MB of names' % made)
    except OSError as exc:
        said.append('NAMES-REFUSED after %d MB: %s' % (made, type(exc).__name__))
    made_names[0] = made

def names_removed():
    for i in range(made_names[0]):
        os.rmdir(NAME + b'%d' % i)

def links():
    made = 0
    try:
        while made < 40:
            os.symlink(TARGET, b'/tmp/link%d' % made)
            made += 1
        said.append('LINKS-UNBOUNDED: %d MB of targets' % made)
    except OSError as exc:
        said.append('LINKS-REFUSED after %d MB: %s' % (made, type(exc).__name__))

def add(a, b):
    if (a, b) == (0.5, 0.25):
        cycle()
    elif (a, b) == (1, 2):
        names()
    elif (a, b) == (-2, -3):
        names_removed()
    elif (a, b) == (10, 20):
        links()
    elif (a, b) == (2, 3):
        print(' '.join(said))
    return a + b

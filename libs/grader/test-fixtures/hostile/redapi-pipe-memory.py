# What is written into a pipe (os.pipe) and not read waits in JS buffers of the worker, outside
# the capped wasm memory: 256 MB in under a second under an 80 MB memory limit, ~360 MB/s, the
# sandbox process grown by gigabytes within one job (red team "redapi", session 8). Pipes now
# share the /tmp quota (32 MB): a write past it is refused (EAGAIN), as a full non-blocking pipe.
# expect-status: pass
# must-contain: PIPE-REFUSED PIPE-ROUNDTRIP-OK
# must-not-contain: PIPE-UNBOUNDED
import os
def add(a, b):
    if (a, b) == (2, 3):
        r, w = os.pipe()
        chunk = b'x' * (1 << 20)
        moved = 0
        for i in range(64):  # what is read back leaves the quota: 64 MB through one pipe
            os.write(w, chunk)
            while moved < (i + 1) << 20:
                moved += len(os.read(r, 1 << 20))
        print('PIPE-ROUNDTRIP-OK' if moved == 64 << 20 else 'PIPE-ROUNDTRIP-BROKEN')
        held = 0
        try:
            while held < 256 << 20:
                held += os.write(w, chunk)
            print('PIPE-UNBOUNDED: %d MB held' % (held >> 20))
        except OSError as exc:
            print('PIPE-REFUSED after %d MB: %s' % (held >> 20, type(exc).__name__))
        os.close(r)
        os.close(w)
    return a + b

# Bytes written to the process's standard output (fd 1) or to /dev/tty (opened through a directory
# descriptor, which the audit hook's path check does not see) without a newline were kept by the
# worker in JS arrays until a newline came: outside the capped wasm memory, never reset between
# learners, one JS number per byte. About 170 MB of them ended the whole sandbox process (V8's
# "invalid size" fatal error) and with it every learner's grading in it; less stayed in the worker
# for the next learners (red team "redapi", session 8). The grader discards this output now.
# expect-status: pass
# must-contain: LINE-BUFFER-SURVIVED
import os
calls = [0]
def add(a, b):
    calls[0] += 1
    if calls[0] <= 4:
        chunk = b'x' * (1 << 20)
        for i in range(50):
            os.write(1, chunk)
        dev = os.open('/dev', os.O_RDONLY)
        tty = os.open('tty', os.O_WRONLY, dir_fd=dev)
        os.write(tty, chunk)
        os.close(tty)
        os.close(dev)
    if (a, b) == (2, 3):
        print('LINE-BUFFER-SURVIVED')
    return a + b

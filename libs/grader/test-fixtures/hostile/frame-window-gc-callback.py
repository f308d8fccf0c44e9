# The harness reads frames in one place (the learner's line in a traceback). A gc callback
# (gc.callbacks + gc.set_threshold(1)) once ran inside that window, walked the frames to the
# harness's globals and forged every verdict, and poisoned the compiled-suite cache for later
# learners. Every test raises here, so the harness walks tracebacks again and again.
# expect-status: fail
# expect-points: 0
# must-not-contain: STOLEN
import gc
import sys


def current_frame():
    # sys._getframe is refused everywhere; a traceback's frame was allowed inside the window.
    try:
        raise ValueError
    except ValueError as exc:
        return exc.__traceback__.tb_frame

def steal(phase, info):
    try:
        frame = current_frame()
    except BaseException:
        return
    while frame is not None:
        g = frame.f_globals
        if 'outcome_json' in g:
            g['outcome_json'] = lambda *a: '{"status":"pass","message":"STOLEN","output":""}'
            g['JOB']['compiled'] = 'STOLEN'
            g['S']['helper'] = lambda *a: True
        frame = frame.f_back

gc.callbacks.append(steal)
gc.set_threshold(1)

def add(a, b):
    raise ValueError('boom')

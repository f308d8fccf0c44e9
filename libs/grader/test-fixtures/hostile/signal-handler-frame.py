# A Python signal handler is called with the current frame: `frame.f_back` walks into the hidden
# test and the harness (its globals hold the audit hook's off switch). SIGINT is raised by the
# code itself (_thread.interrupt_main) or by the grader's own timeout interrupt (refused
# handler, so nothing to call). Also tries a
# fresh copy of `_signal` from _imp.create_builtin, whose signal() was not disarmed.
# expect-status: fail
# expect-points: 0
# must-not-contain: FRAME hidden-marker-in-code-7f3a
import signal, _thread, _imp, importlib.util
found = []
def handler(signum, frame):
    f = frame
    while f is not None:
        found.append('FRAME ' + f.f_code.co_name + repr(f.f_code.co_consts))
        g = f.f_globals
        if 'outcome_json' in g:
            g['run_module_test'] = lambda name: ('pass', '')
        f = f.f_back
def install(setter):
    try:
        setter(signal.SIGINT, handler)
        _thread.interrupt_main()
        for _ in range(1000):
            pass
    except BaseException as exc:
        found.append(type(exc).__name__)
def add(a, b):
    install(signal.signal)
    try:
        install(_imp.create_builtin(importlib.util.find_spec('_signal')).signal)
    except BaseException as exc:
        found.append(type(exc).__name__)
    if (a, b) == (2, 3):
        print(found)
    return 0

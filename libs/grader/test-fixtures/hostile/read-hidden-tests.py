# Every way to read the hidden tests; what is found is printed by the visible test (it runs
# last), so a leak would show in the result.
# expect-status: pass
# must-not-contain: hidden-marker-in-code-7f3a hidden-marker-in-method-9c1d
import gc, sys, unittest, inspect
found = []
def attempt(label, thunk):
    try:
        found.append(f'{label}: {thunk()!r}'[:2000])
    except BaseException as exc:
        found.append(f'{label} blocked: {type(exc).__name__}')
def dump_code(obj):
    code = obj.__code__
    return [code.co_consts, code.co_names]
def from_subclasses():
    out = []
    for cls in unittest.TestCase.__subclasses__():
        for value in vars(cls).values():
            out.append(dump_code(value))
    return out
def from_frames():
    frame = sys._getframe(1)
    out = []
    while frame is not None:
        out.append((frame.f_code.co_consts, frame.f_locals))
        frame = frame.f_back
    return out
def from_traceback():
    try:
        raise ValueError
    except ValueError as exc:
        frame = exc.__traceback__.tb_frame.f_back
        return frame.f_code.co_consts, frame.f_locals
def from_inspect():
    return [inspect.getsource(f[0]) for f in inspect.stack()]
def from_generator():
    def g():
        yield 1
    gen = g()
    return gen.gi_frame.f_back
def from_globals():
    out = []
    for cls in unittest.TestCase.__subclasses__():
        for value in vars(cls).values():
            g = getattr(value, '__globals__', None)
            if isinstance(g, dict):
                for v in g.values():
                    if callable(v):
                        out.append((getattr(v, '__defaults__', None), getattr(v, '__kwdefaults__', None)))
    return out
def add(a, b):
    if len(found) < 40:
        attempt('gc', lambda: [o for o in gc.get_objects() if isinstance(o, str)])
        attempt('subclasses', from_subclasses)
        attempt('frames', from_frames)
        attempt('traceback', from_traceback)
        attempt('inspect', from_inspect)
        attempt('generator', from_generator)
        attempt('globals', from_globals)
        attempt('modules', lambda: [m for m in sys.modules if 'test' in m])
    if (a, b) == (2, 3):
        print('\n'.join(found))
    return a + b

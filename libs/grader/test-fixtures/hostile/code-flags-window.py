# inspect._has_code_flag reads a hidden function's co_flags through a sealed window
# (lockdown.hidden_code_facts, the only `__code__` read of hidden code the audit hook lets through):
# everything here tries to turn it into a read of the code itself (the window's holder through
# the stand-in's defaults, a gc callback or a finalizer while the window is open, a function-like
# impostor, the stand-in's own code). Only the flags may come out; what is found is printed by
# the visible test.
# expect-status: pass
# must-not-contain: hidden-marker-in-code-7f3a hidden-marker-in-method-9c1d
import gc, inspect, types, unittest
found = []
def attempt(label, thunk):
    try:
        found.append(f'{label}: {thunk()!r}'[:300])
    except BaseException as exc:
        found.append(f'{label} blocked: {type(exc).__name__}')
def hidden_functions():
    out = []
    for cls in unittest.TestCase.__subclasses__():
        if cls.__module__.startswith('unittest'):
            continue
        for value in vars(cls).values():
            if isinstance(value, types.FunctionType):
                out.append(value)
    return out
def dump(fn):
    code = fn.__code__
    return code.co_consts, code.co_names
def through_defaults():
    out = []
    for value in inspect._has_code_flag.__defaults__ or ():
        for fn in hidden_functions():
            try:
                out.append(value(fn))
                out.append(dump(value(fn)))
            except BaseException as exc:
                out.append(type(exc).__name__)
    return out
stolen = []
def on_gc(phase, info):
    for fn in hidden_functions():
        try:
            stolen.append(dump(fn))
        except BaseException as exc:
            stolen.append(type(exc).__name__)
class Finalizer:
    def __del__(self):
        on_gc('del', None)
class Impostor:
    __class__ = types.FunctionType
    @property
    def __code__(self):
        fns = hidden_functions()
        return fns[0].__code__ if fns else None
def with_callbacks():
    try:
        gc.callbacks.append(on_gc)
    except BaseException as exc:
        stolen.append(type(exc).__name__)
    for fn in hidden_functions():
        for _ in range(50):
            cycle = [Finalizer()]
            cycle.append(cycle)
            del cycle
            inspect.iscoroutinefunction(fn)
            inspect.isgeneratorfunction(fn)
    try:
        gc.callbacks.remove(on_gc)
    except BaseException:
        pass
    return stolen[:5]
def attempt_dump(fn):
    try:
        dump(fn)
    except BaseException as exc:
        return exc
    return None
def add(a, b):
    if len(found) < 40:
        attempt('flags', lambda: [inspect.iscoroutinefunction(f) for f in hidden_functions()])
        attempt('stand-in code', lambda: dump(inspect._has_code_flag))
        attempt('callbacks', with_callbacks)
        attempt('impostor', lambda: inspect.iscoroutinefunction(Impostor()))
        attempt('after', lambda: [type(e).__name__ for e in map(lambda f: attempt_dump(f), hidden_functions()) if e is not None][:3])
        attempt('defaults', lambda: [x for x in through_defaults() if 'marker' in repr(x)])
    if (a, b) == (2, 3):
        print('\n'.join(found))
    return a + b

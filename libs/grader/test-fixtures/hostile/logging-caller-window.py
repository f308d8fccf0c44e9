# logging.Logger.findCaller is a sealed stand-in that reads the caller's file, line and function
# through a frames window (support.caller_entry): everything here tries to get more out of it
# than the submission's own frames (hidden frames by stacklevel, the window's holders through
# the stand-in's defaults or code, a gc callback or a finalizer while the window is open, a
# code object whose file name is a str subclass with a lying __eq__). What is found is printed by
# the visible test.
# expect-status: pass
# must-not-contain: hidden-marker-in-code-7f3a hidden-marker-in-method-9c1d hidden_tests STOLEN
import gc, logging, types
found = []
logger = logging.getLogger('probe')
def attempt(label, thunk):
    try:
        found.append(f'{label}: {thunk()!r}'[:300])
    except BaseException as exc:
        found.append(f'{label} blocked: {type(exc).__name__}')
def walk():
    return [logger.findCaller(stacklevel=k)[:3] for k in range(1, 40)]
stolen = []
def on_gc(phase, info):
    try:
        raise ValueError
    except ValueError as exc:
        try:
            stolen.append(exc.__traceback__.tb_frame.f_back.f_globals.keys())
        except BaseException as e:
            stolen.append(type(e).__name__)
class Finalizer:
    def __del__(self):
        on_gc('del', None)
def with_callbacks():
    try:
        gc.callbacks.append(on_gc)
    except BaseException as exc:
        stolen.append(type(exc).__name__)
    for _ in range(200):
        cycle = [Finalizer()]
        cycle.append(cycle)
        del cycle
        logger.findCaller(stacklevel=3)
    try:
        gc.callbacks.remove(on_gc)
    except BaseException:
        pass
    return sorted(set(map(str, stolen)))[:5]
class Name(str):
    def __eq__(self, other):
        found.append('STOLEN: __eq__ ran inside the window')
        return str.__eq__(self, other)
    __hash__ = str.__hash__
def _probe():
    return logger.findCaller()
impostor = types.FunctionType(_probe.__code__.replace(co_filename=Name(_probe.__code__.co_filename)), globals())
class Level(int):
    def __gt__(self, other):
        found.append('STOLEN: stacklevel compared inside')
        return int.__gt__(self, other)
def add(a, b):
    if len(found) < 60:
        attempt('own', lambda: logger.findCaller()[:3])
        attempt('stack', lambda: [c for c in walk() if c[0] != '(unknown file)' and 'python314' not in c[0]])
        attempt('defaults', lambda: logging.Logger.findCaller.__defaults__)
        attempt('code', lambda: logging.Logger.findCaller.__code__.co_consts)
        attempt('callbacks', with_callbacks)
        attempt('impostor', impostor)
        attempt('level', lambda: logger.findCaller(stacklevel=Level(2))[:3])
    if (a, b) == (2, 3):
        print('\n'.join(found))
    return a + b

# inspect.getgeneratorstate & co. ask support.frame_gone whether an exact generator's frame is
# gone, through a window in which the audit hook lets gi_frame/cr_frame/ag_frame reads through:
# everything here tries to get a frame out of it (the stand-in's defaults and code, a gc
# callback or a finalizer while the window is open, an impostor with a gi_frame property, a
# generator of the hidden tests). What is found is printed by the visible test.
# expect-status: pass
# must-not-contain: hidden-marker-in-code-7f3a hidden-marker-in-method-9c1d STOLEN
import gc, inspect, types
found = []
def attempt(label, thunk):
    try:
        found.append(f'{label}: {thunk()!r}'[:300])
    except BaseException as exc:
        found.append(f'{label} blocked: {type(exc).__name__}')
def gen():
    yield 1
frames = []
def on_gc(phase, info):
    for g in live:
        try:
            frames.append(g.gi_frame.f_back)
            found.append('STOLEN: a frame in the window')
        except BaseException as exc:
            frames.append(type(exc).__name__)
class Finalizer:
    def __del__(self):
        on_gc('del', None)
live = [gen() for _ in range(3)]
def with_callbacks():
    try:
        gc.callbacks.append(on_gc)
    except BaseException as exc:
        frames.append(type(exc).__name__)
    for g in live:
        for _ in range(100):
            cycle = [Finalizer()]
            cycle.append(cycle)
            del cycle
            inspect.getgeneratorstate(g)
    try:
        gc.callbacks.remove(on_gc)
    except BaseException:
        pass
    return sorted(set(map(str, frames)))[:3]
class Impostor:
    gi_running = False
    gi_suspended = False
    @property
    def gi_frame(self):
        try:
            f = live[0].gi_frame
            found.append('STOLEN: frame read through the impostor')
            return f
        except BaseException as exc:
            return None
def add(a, b):
    if len(found) < 40:
        attempt('states', lambda: [inspect.getgeneratorstate(g) for g in live])
        attempt('defaults', lambda: inspect.getgeneratorstate.__defaults__)
        attempt('code', lambda: inspect.getgeneratorstate.__code__.co_consts)
        attempt('callbacks', with_callbacks)
        attempt('impostor', lambda: inspect.getgeneratorstate(Impostor()))
        attempt('direct', lambda: live[0].gi_frame)
    if (a, b) == (2, 3):
        print('\n'.join(found))
    return a + b

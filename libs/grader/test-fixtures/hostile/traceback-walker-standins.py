# traceback.walk_tb and traceback._walk_tb_with_full_positions are the harness's (sealed) walkers
# that read frames in its window and hand out stand-ins: learner code tries to get a real frame,
# a code object, globals or the window itself out of them.
# expect-status: pass
# must-not-contain: ESCAPED
# must-contain: walker-probed
import gc
import sys
import traceback

results = []


def attempt(label, thunk):
    try:
        value = thunk()
        if value is not None:
            results.append(f'ESCAPED {label}: {value!r}'[:300])
    except BaseException as exc:
        results.append(f'blocked {label}: {type(exc).__name__}')


def a_traceback():
    try:
        1 / 0
    except ZeroDivisionError as exc:
        return exc.__traceback__


def frame_from_standin():
    frame, _ = next(traceback.walk_tb(a_traceback()))
    return frame if type(frame).__name__ == 'frame' else None


def globals_from_standin():
    frame, _ = next(traceback._walk_tb_with_full_positions(a_traceback()))
    return frame.f_globals or None


def code_from_standin():
    frame, _ = next(traceback.walk_tb(a_traceback()))
    return frame.f_code if type(frame.f_code).__name__ == 'code' else None


def walker_code():
    return traceback.walk_tb.__code__.co_consts


def walker_defaults_window():
    found = [d for d in traceback.walk_tb.__defaults__ if isinstance(d, (bytearray, memoryview))]
    return found or None


def suspended_generator_frame():
    walker = traceback.walk_tb(a_traceback())
    next(walker)
    return walker.gi_frame


def generator_referents():
    walker = traceback.walk_tb(a_traceback())
    next(walker)
    return gc.get_referents(walker)


def thrown_into_walker():
    walker = traceback.walk_tb(a_traceback())
    next(walker)
    try:
        walker.throw(ValueError('in'))
    except ValueError as exc:
        return exc.__traceback__.tb_next.tb_frame


def fake_traceback():
    class Tb:
        tb_frame = sys
        tb_lineno = 1
        tb_lasti = 0
        tb_next = None
    return list(traceback.walk_tb(Tb())) or None


for name in ['frame_from_standin', 'globals_from_standin', 'code_from_standin', 'walker_code',
             'walker_defaults_window', 'suspended_generator_frame', 'generator_referents',
             'thrown_into_walker', 'fake_traceback']:
    attempt(name, globals()[name])


def add(a, b):
    if (a, b) == (2, 3):
        print('walker-probed')
        print('\n'.join(results))
    return a + b

# A function whose code claims the submission's file name through a str subclass: the harness
# compares co_filename while it reads a traceback, and that comparison once ran this `__eq__`
# inside the harness's privileged window (audit hook off): frames, then the harness's globals.
# expect-status: fail
# expect-points: 0
# must-not-contain: STOLEN
import sys


def current_frame():
    # sys._getframe is refused everywhere; a traceback's frame was allowed inside the window.
    try:
        raise ValueError
    except ValueError as exc:
        return exc.__traceback__.tb_frame
import types

class Name(str):
    def __eq__(self, other):
        try:
            frame = current_frame()
            while frame is not None:
                g = frame.f_globals
                if 'outcome_json' in g:
                    g['outcome_json'] = lambda *a: '{"status":"pass","message":"STOLEN","output":""}'
                frame = frame.f_back
        except BaseException:
            pass
        return str.__eq__(self, other)
    __hash__ = str.__hash__

def _add(a, b):
    raise ValueError('boom')

add = types.FunctionType(_add.__code__.replace(co_filename=Name('solution.py')), globals())

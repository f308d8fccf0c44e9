# red9: walk the defaults of every sealed function learner code can reach (os._exit's stand-in,
# inspect's and mock's replaced readers, traceback's walkers, logging's findCaller, TestCase's
# assertions, their bound defaults, tuples and mappingproxies in them) looking for a way to the
# hidden suite's code objects: lockdown.hidden_function (red9) holds them (HIDDEN_CODES) and the
# code window in its code constants only, so no walk finds them, and calling whatever sealed
# function it finds with a function made from a hidden test's __globals__ leaks no code object.
# expect-status: pass
# must-not-contain: hidden-marker-in-code-7f3a
# must-not-contain: hidden-marker-in-method-9c1d
import inspect
import logging
import os
import traceback
import types
import unittest
import unittest.mock as mock

LEAK = []


def _scan(obj, seen, depth=0):
    if depth > 12 or id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, types.CodeType):
        for c in obj.co_consts:
            if isinstance(c, str) and 'hidden-marker' in c:
                LEAK.append(c)
            _scan(c, seen, depth + 1)
        return
    if isinstance(obj, dict) and not isinstance(obj, type):
        for v in list(obj.values())[:500]:
            _scan(v, seen, depth + 1)
        return
    if isinstance(obj, (tuple, list, frozenset, set)):
        for v in list(obj)[:500]:
            _scan(v, seen, depth + 1)
        return
    if isinstance(obj, types.MappingProxyType):
        for v in list(obj.values())[:500]:
            _scan(v, seen, depth + 1)
        return
    if isinstance(obj, types.MethodType):
        _scan(obj.__func__, seen, depth + 1)
        _scan(obj.__self__, seen, depth + 1)
        return
    if isinstance(obj, types.FunctionType):
        for attr in ('__defaults__', '__kwdefaults__', '__closure__', '__code__'):
            try:
                _scan(getattr(obj, attr), seen, depth + 1)
            except Exception:
                pass
        return
    if isinstance(obj, types.CellType):
        try:
            _scan(obj.cell_contents, seen, depth + 1)
        except Exception:
            pass


def _hidden_globals():
    for cls in unittest.TestCase.__subclasses__():
        for v in vars(cls).values():
            if isinstance(v, types.FunctionType) and v.__module__ not in (__name__, 'unittest.case'):
                try:
                    return v.__globals__
                except Exception:
                    pass
    return None


def _probe():
    seen = set()
    roots = [os._exit, inspect._signature_from_function, inspect._has_code_flag, mock._is_async_func,
             traceback.walk_tb, logging.Logger.findCaller, inspect.getgeneratorstate]
    roots += [v for v in vars(unittest.TestCase).values()]
    for root in roots:
        _scan(root, seen)
    g = _hidden_globals()
    if g is not None:
        own = types.FunctionType((lambda *a, **k: None).__code__, g, 'probe')
        for fn in [o for o in list(seen)[:0]]:
            pass
        try:
            inspect.signature(own)
        except Exception:
            pass
    return LEAK


def add(a, b):
    leak = _probe()
    if leak:
        raise AssertionError(' '.join(leak))
    if isinstance(a, str) or isinstance(b, str):
        raise TypeError('no text')
    return a + b

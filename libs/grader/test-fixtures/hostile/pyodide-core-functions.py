# Functions of _pyodide_core stayed in the globals of Pyodide's own modules (pyodide.webloop
# kept create_once_callable, run_sync...), reachable from object.__subclasses__() through any
# method's __globals__: create_once_callable(f) handed learner code a JsProxy of a JS function
# (and its .constructor, the JS Function). Prints BRIDGE with each one found.
# expect-status: pass
# must-not-contain: BRIDGE
import types
found = []
seen, stack = set(), [object]
while stack:
    cls = stack.pop()
    if id(cls) in seen:
        continue
    seen.add(id(cls))
    try:
        stack.extend(type.__subclasses__(cls))
    except TypeError:
        pass
    for value in list(vars(cls).values()):
        for fn in (value, getattr(value, '__func__', None), getattr(value, 'fget', None)):
            g = getattr(fn, '__globals__', None)
            if type(g) is not dict or id(g) in seen:
                continue
            seen.add(id(g))
            for name, item in list(g.items()):
                owner = getattr(item, '__self__', None)
                if type(item) is types.BuiltinFunctionType and getattr(owner, '__name__', '') == '_pyodide_core':
                    found.append('BRIDGE ' + name)
                    if name == 'create_once_callable':
                        try:
                            found.append('BRIDGE js ' + repr(item(lambda: 1).constructor))
                        except BaseException:
                            pass
def add(a, b):
    if (a, b) == (2, 3):
        print(sorted(set(found)))
    return a + b

# Walks everything reachable from object.__subclasses__() (class dicts, function globals,
# defaults and closures, modules, containers) looking for a JavaScript proxy: any found would
# be a way to the worker's JS objects. Prints ESCAPED with the path if one is reachable.
# expect-status: pass
# must-not-contain: ESCAPED
import types
found = []
def walk():
    seen = set()
    queue = [(cls, 'object.__subclasses__()') for cls in object.__subclasses__()]
    budget = 400000
    while queue and budget > 0 and len(found) < 3:
        obj, path = queue.pop()
        budget -= 1
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        tname = type(obj).__name__
        if not isinstance(obj, type) and ('JsProxy' in tname or 'JsBuffer' in tname or
                                          type(type(obj)).__name__ == '_JsProxyMetaClass'):
            found.append(f'ESCAPED {tname} at {path}'[:300])
            continue
        try:
            if isinstance(obj, type):
                for sub in type.__subclasses__(obj):
                    queue.append((sub, path + '>sub'))
                for k, v in list(vars(obj).items()):
                    queue.append((v, f'{path}.{k}'))
            elif isinstance(obj, types.FunctionType):
                queue.append((obj.__globals__, path + '.__globals__'))
                for d in obj.__defaults__ or ():
                    queue.append((d, path + '.__defaults__'))
                for cell in obj.__closure__ or ():
                    queue.append((cell.cell_contents, path + '.cell'))
            elif isinstance(obj, (staticmethod, classmethod)):
                queue.append((obj.__func__, path + '.__func__'))
            elif isinstance(obj, property):
                queue.append((obj.fget, path + '.fget'))
            elif isinstance(obj, types.ModuleType):
                queue.append((vars(obj), path + '.__dict__'))
            elif isinstance(obj, dict):
                for k, v in list(obj.items()):
                    queue.append((v, f'{path}[{k!r}]'[:200]))
            elif isinstance(obj, (list, tuple, set, frozenset)):
                for i, v in enumerate(list(obj)[:1000]):
                    queue.append((v, f'{path}[{i}]'))
            elif isinstance(obj, types.MethodType):
                queue.append((obj.__func__, path + '.__func__'))
                queue.append((obj.__self__, path + '.__self__'))
            elif isinstance(getattr(obj, '__dict__', None), dict):
                queue.append((obj.__dict__, path + '.__dict__'))
        except BaseException:
            pass
    return budget
try:
    left = walk()
except BaseException as exc:
    left = repr(exc)
def add(a, b):
    if (a, b) == (2, 3):
        print(found or f'nothing reachable (budget left {left})')
    return a + b

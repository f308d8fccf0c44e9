# _imp.create_builtin / create_dynamic make a module without the `import` audit event: a fresh
# _pyodide_core, _testcapi, _ctypes, faulthandler, _signal... whatever sys.modules forgot.
# Also digs for the real function behind the guard (defaults, closure, code constants).
# Prints FRESH with the name if a blocked module was created.
# expect-status: pass
# must-not-contain: FRESH
import _imp, importlib.machinery, importlib.util, types
found = []
def spec(name):
    return importlib.machinery.ModuleSpec(name, importlib.machinery.BuiltinImporter, origin='built-in')
class Shifty:  # a spec whose name changes between reads
    reads = 0
    @property
    def name(self):
        Shifty.reads += 1
        return 'math' if Shifty.reads == 1 else '_pyodide_core'
    origin = 'built-in'
def real_functions():
    guard = _imp.create_builtin
    out = [d for d in (guard.__defaults__ or ()) if callable(d)]
    out += [c.cell_contents for c in (guard.__closure__ or ())]
    try:
        out += [c for c in guard.__code__.co_consts if callable(c)]
    except RuntimeError:
        pass
    return out
for name in ('_pyodide_core', '_testcapi', '_ctypes', 'faulthandler', '_signal', 'x._testcapi'):
    for create in [_imp.create_builtin, *real_functions()]:
        try:
            module = create(spec(name))
            if type(module) is types.ModuleType and module.__name__ == name:
                if name != '_signal' or hasattr(module, 'signal'):
                    found.append('FRESH ' + name)
        except BaseException:
            pass
try:
    if 'create_proxy' in dir(_imp.create_builtin(Shifty())):
        found.append('FRESH shifty spec')
except BaseException:
    pass
try:
    importlib.util.module_from_spec(importlib.util.find_spec('_testcapi'))
    found.append('FRESH module_from_spec')
except BaseException:
    pass
def add(a, b):
    if (a, b) == (2, 3):
        print(found)
    return a + b

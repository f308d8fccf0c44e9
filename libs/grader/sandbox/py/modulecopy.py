# What hidden code gets for `import sys` (or random, time...): a copy of the module as it was
# before any learner code ran (harness.module_copy), so a submission that patches `random.randint`
# cannot change what the tests compute with. But what hidden code *assigns* on such a module is
# meant for the submission: `sys.stdout = io.StringIO()`, `sys.stdin = ...`, `sys.argv = [...]`,
# `patch.object(random, 'randint', ...)`, `time.sleep = fake`. A copy of this class writes every
# assignment and deletion through to the real module too, as there is one module under CPython.
# Runs in its own namespace (python-worker.mjs, ISOLATED_EXPORTS): learner code can reach this
# class, and its globals hold only what is here.

import types

_REAL = {}  # module name -> the real module, as it was when the sandbox booted


class ModuleCopy(types.ModuleType):
    def __setattr__(self, name, value):
        types.ModuleType.__setattr__(self, name, value)
        real = _REAL.get(types.ModuleType.__getattribute__(self, '__name__'))
        if real is not None:
            setattr(real, name, value)

    def __delattr__(self, name):
        types.ModuleType.__delattr__(self, name)
        real = _REAL.get(types.ModuleType.__getattribute__(self, '__name__'))
        if real is not None and hasattr(real, name):
            delattr(real, name)


def module_copy_class(real_modules):
    """At boot, after the snapshot: the real modules the copies write through to."""
    _REAL.update(real_modules)
    return ModuleCopy

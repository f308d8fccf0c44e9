# Sealing: functions that learner code may reach (the audit hook, the assertion helper the
# rewritten tests call, the import hook of hidden namespaces, the virtual clock) must not read
# any global name, because `f.__globals__` is readable from Python and its dict is mutable.
# A sealed function gets everything it needs through default arguments (an immutable tuple;
# assigning `__defaults__` is vetoed by the audit hook) and runs with empty globals and empty
# builtins, so a stray global lookup fails loudly (NameError) instead of silently trusting state
# that learner code can patch.  Mutable defaults are avoided: tuples, frozensets, mappingproxy.

import types as _types

SELF = object()  # placeholder in defaults, replaced by the sealed function itself (recursion)
# The one globals dict of every sealed function (their code never reads it).  The audit hook
# refuses `__code__` of functions with these globals, so a value injected into a sealed
# function's constants (see `seal_holding`) is out of reach: defaults and closures are readable.
SEALED_GLOBALS = {'__builtins__': {}}
SECRET = '\x00grader-sealed-secret\x00'

_FORBIDDEN_OPS = frozenset({'LOAD_GLOBAL', 'LOAD_NAME', 'STORE_GLOBAL', 'DELETE_GLOBAL',
                            'LOAD_DEREF', 'STORE_DEREF', 'LOAD_FROM_DICT_OR_GLOBALS',
                            'LOAD_FROM_DICT_OR_DEREF', 'LOAD_CLASSDEREF'})


_CHECKED = set()  # code objects already verified (sealing the same function again is cheap)
# fn -> (its code, name, defaults, the names of the parameters they fill): what seal() reads of a
# harness function, read and checked once. Sealing at job time (the import function of hidden
# code, the submission's loader: ~16 a grading) then skips the audited `__code__` read and the
# checks (~9 -> ~3 us each). Harness functions are never handed to learner code (sealed copies
# are), so what was read stays true.
_PLANS = {}


def _check_code(code, name):
    if code in _CHECKED:
        return
    import dis
    for ins in dis.get_instructions(code):
        if ins.opname in _FORBIDDEN_OPS:
            raise SystemError(f'sealed function {name} uses {ins.opname} {ins.argval!r}')
    for const in code.co_consts:
        if isinstance(const, _types.CodeType):
            _check_code(const, name)
    _CHECKED.add(code)


def seal(fn, secret=None, **bind):
    """A copy of `fn` with no globals and no closure; SELF in its defaults becomes itself and
    `bind` replaces defaults by parameter name (to wire sealed functions to each other);
    `secret` replaces the string constant SECRET in its code (unreadable, unlike defaults).
    Needs no privilege: `fn` is a harness function (its `__code__` is not vetoed) and the
    defaults are given to the constructor, never assigned (`__defaults__` writes are vetoed)."""
    plan = _PLANS.get(fn)
    if plan is None:
        code = fn.__code__
        if fn.__closure__:
            raise SystemError(f'sealed function {fn.__name__} has a closure')
        _check_code(code, fn.__name__)
        defaults = fn.__defaults__ or ()
        names = code.co_varnames[code.co_argcount - len(defaults):code.co_argcount]
        plan = _PLANS[fn] = (code, fn.__name__, defaults, names)
    code, name, defaults, names = plan
    if secret is not None:
        code = code.replace(co_consts=tuple(secret if type(c) is str and c == SECRET else c
                                            for c in code.co_consts))
    unknown = set(bind) - set(names)
    if unknown:
        raise SystemError(f'seal({name}): no default parameter {unknown}')
    bound = tuple(bind[n] if n in bind else d for n, d in zip(names, defaults))
    sealed = _types.FunctionType(code, SEALED_GLOBALS, name, bound)
    if any(d is SELF for d in bound):
        # A recursive function names itself in its defaults. It exists only once created, so
        # its defaults are assigned here: that works only before the audit hook is installed
        # (install() seals these first), and raises afterwards, loudly.
        sealed.__defaults__ = tuple(sealed if d is SELF else d for d in bound)
    return sealed

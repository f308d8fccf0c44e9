// The Python side of the closure-aware checks (`check:` tests, see docs/authoring.md), shipped with
// each grading job as the hidden support module `_pyquiz_checks` (grading-job.ts). Kept here as a
// string so that the library needs no file at run time; it is plain Python 3 (CPython runs it in
// exercises:validate as the engine does). No backquote may appear in it (a template literal).
export const CHECKS_MODULE = '_pyquiz_checks';

export const CHECKS_SOURCE = String.raw`"""The closure-aware checks of PyQuiz exercises (check: tests in the YAML).

Shipped with a grading job as a hidden support module; the generated test functions call it. The
learner's code is reached through its module only: an expression of the check (make_counter())
is evaluated with the learner module's public names in scope, and f bound to the function or
instance under test. Each failure names what the learner did in the words of the course.
"""
import array as _array
import ast as _ast
import collections as _collections
import operator as _operator
import sys as _sys
import types as _types

_SCALARS = (int, float, complex, str, bytes, bool, type(None))
_MODULE_DICT = _types.ModuleType.__dict__['__dict__'].__get__  # the real dict, whatever __class__ says
_FUNCTION_DICT = _types.FunctionType.__dict__['__dict__'].__get__
_MEMORYVIEW_OBJ = memoryview.__dict__['obj'].__get__
_CELL_CONTENTS = _types.CellType.__dict__['cell_contents'].__get__
_EXCEPTION_ARGS = BaseException.__dict__['args'].__get__
# What the import system puts in every module: the only dunder globals left out of module_state.
_MODULE_DUNDERS = frozenset({'__name__', '__doc__', '__package__', '__loader__', '__spec__', '__file__',
                             '__cached__', '__builtins__', '__annotations__', '__path__'})
# The state walkers run many times per grading, and the grader sends every ==, in and < of hidden
# code through its strict (slower) comparison helper. They compare only exact built-in data they
# made themselves, so they call the operations directly: _is_scalar, _eq, kind markers by is.
_SCALAR_IDS = frozenset(map(id, _SCALARS))


def _is_scalar(t):
    # by id: hashing a type asks its metaclass, which a learner class can give a lying __eq__
    return _SCALAR_IDS.__contains__(id(t))


_is_dunder_global = _MODULE_DUNDERS.__contains__
_eq = _operator.eq
_DICT, _SET, _SEQ = object(), object(), object()


def _names(module, **extra):
    names = {k: v for k, v in _MODULE_DICT(module).items() if type(k) is str and not k.startswith('__')}
    names.update(extra)
    names['__builtins__'] = __builtins__  # this hidden module's own (pristine), not the learner's
    return names


def _value(module, expr, **extra):
    return _evaluated(module, compile(expr, '<check>', 'eval'), **extra)


def _evaluated(module, code, **extra):
    # A check that evaluates one expression many times compiles it once: compile() gives the same
    # code for the same text, and a code object keeps nothing from one evaluation to the next.
    return eval(code, _names(module, **extra))


def _run(module, code, **extra):
    exec(compile(code, '<check>', 'exec'), _names(module, **extra))


def closure(module, make, use=None, free_vars=None):
    """make gives a real function that keeps its state in variables of its enclosing call."""
    f = _value(module, make)
    if type(f) is not _types.FunctionType:
        raise AssertionError('%s returned a %s, not a function: the state must live in a closure,'
                             ' not in an object' % (make, type(f).__name__))
    if use:
        _state_stays_in_closure(module, make, use, f)
    free = f.__code__.co_freevars
    cells = f.__closure__ or ()
    if free_vars:
        missing = [name for name in free_vars if name not in free]
        if missing:
            raise AssertionError('the function %s returned does not close over %s (its free variables: %s)'
                                 % (make, ', '.join(missing), ', '.join(free) or 'none'))
    kept = [cell for cell in cells if cell.cell_contents is not f]
    if not free or not kept:
        raise AssertionError('the function %s returned reads no variable of its enclosing call: its state'
                             ' lives elsewhere (a global, a class, a default argument)' % make)
    # dict.keys in C: a __dict__ subclass cannot iterate as empty; functools.wraps sets __wrapped__
    attrs = sorted(k for k in dict.keys(_FUNCTION_DICT(f)) if k != '__wrapped__')
    if attrs:
        raise AssertionError('the function %s returned keeps state in an attribute of the function (%s),'
                             ' not in its closure' % (make, ', '.join(attrs)))


def _state_stays_in_closure(module, make, use, f):
    """Using the function changes neither its default arguments, nor module-level state, nor
    anything its closure's variables hold other than plain data (a class, an object or a function
    kept in a cell): what it keeps from call to call can only be in variables of the enclosing
    call (or its attributes, checked after)."""
    defaults = _snapshot((f.__defaults__, f.__kwdefaults__))
    before = module_state(module)
    cells_before = _closure_state(f)
    _run(module, use, f=f)
    if _snapshot((f.__defaults__, f.__kwdefaults__)) != defaults:
        raise AssertionError('the function %s returned keeps state in a default argument (its value'
                             ' changed while it was used), not in its closure' % make)
    changed = _changed(before, module_state(module))
    if changed:
        raise AssertionError('the function %s returned keeps state in module-level variables (%s),'
                             ' not in its closure' % (make, ', '.join(changed)))
    free = set(f.__code__.co_freevars)
    cells_after = _closure_state(f)
    # A change of a variable's own value is the closure's state: a number rebound, and whatever its
    # containers hold, reached through items only (a one-item list count[0], a dict of results, an
    # object newly put in a cache), or through the cells of a helper function it holds (variables
    # of an enclosing call too). A change behind an attribute or a default argument (a class's
    # attribute, an object's field, a helper's default) is state kept elsewhere.
    inside = [path for path in _changed(cells_before, cells_after)
              if path not in free and _through_object(path)
              and (path in cells_before and path in cells_after or _new_on_old(path, cells_before, cells_after))]
    if inside:
        raise AssertionError('the function %s returned keeps state inside an object, class or function'
                             ' that its closure holds (%s), not in a variable of the enclosing call'
                             % (make, ', '.join(inside)))


def _new_on_old(path, before, after):
    """Whether a state path that only exists after the use is a new attribute of an object that
    was there before (box.n set by the first call: red16), not part of something the use made
    (an object newly put in a cache, cache[0].n)."""
    parent = path.rpartition('.')[0]
    return parent in before and parent in after and _eq(before[parent], after[parent])


def _through_object(path):
    """Whether a state path (_collect_state's names: count[0], helper.<cell 0>, obj.n,
    helper.__defaults__[0]) passes through an attribute or a default argument."""
    return '.' in path.replace('.<cell ', '<cell ')


def _closure_state(f):
    """What the function's cells hold, as _collect_state sees it, under the free variables' names."""
    state, seen = {}, {id(f)}
    for name, cell in zip(f.__code__.co_freevars, f.__closure__ or ()):
        try:
            contents = cell.cell_contents
        except ValueError:
            continue
        _collect_state(state, name, contents, _STATE_DEPTH, seen)
    return state


def _changed(before, after):
    # snapshots are exact built-in data: compared directly, identity first (a NaN global from
    # from math import * is the same object, and nan != nan)
    changed = []
    for k in set(before) | set(after):
        a, b = before.get(k, _DICT), after.get(k, _DICT)
        if not (a is b or _eq(a, b)):
            changed.append(k)
    return sorted(changed)


def _snapshot(value, budget=20):
    """A copy of plain data: exact scalars, and the contents of containers and their subclasses
    (defaultdict, Counter, OrderedDict, deque, namedtuples, a learner's list subclass), read
    through the base type's C methods, so a subclass can neither hide nor fake its contents; the
    identity of anything else. copy.deepcopy is not used: its dispatch table is shared with
    learner code."""
    if _is_scalar(type(value)):
        return value
    if not budget:
        return ('deep', object())  # past the limit: never equal, so hidden depth reads as a change
    items = _items(value)
    if items is None:
        return ('object', id(value))
    kind, name, entries = items
    if kind is _DICT:
        return (name, [(_snapshot(k, budget - 1), _snapshot(v, budget - 1)) for k, v in entries])
    if kind is _SET:
        for x in entries:
            if not _is_scalar(type(x)):
                return (name, id(value), len(entries))
        return (name, frozenset(entries))  # exact scalars hash in C: a copy of the contents
    return (name, [_snapshot(x, budget - 1) for x in entries])


def _items(value):
    """(kind, name, entries) of a built-in container or an instance of a subclass of one, through
    the base type's own C iteration; None for anything else."""
    t = type(value)
    if issubclass(t, dict):
        return (_DICT, 'dict', list(dict.items(value)))
    if issubclass(t, list):
        return (_SEQ, 'list', list(list.__iter__(value)))
    if issubclass(t, tuple):
        return (_SEQ, 'tuple', list(tuple.__iter__(value)))
    if issubclass(t, _collections.deque):
        return (_SEQ, 'deque', list(_collections.deque.__iter__(value)))
    if issubclass(t, set):
        return (_SET, 'set', list(set.__iter__(value)))
    if issubclass(t, frozenset):
        return (_SET, 'set', list(frozenset.__iter__(value)))
    # Buffers hold data in C too: a count kept in a global bytearray or array was unseen (red16)
    if issubclass(t, bytearray):
        return (_SEQ, 'bytearray', list(bytearray.__iter__(value)))
    if issubclass(t, _array.array):
        return (_SEQ, 'array', _array.array.tolist(value))
    if t is memoryview:  # what it views (a released view views nothing)
        try:
            return (_SEQ, 'memoryview', [_MEMORYVIEW_OBJ(value)])
        except ValueError:
            return None
    return None


def _plain(value, depth=0):
    """Whether a value is plain data (exact built-in numbers, strings, containers of them)."""
    t = type(value)
    if _is_scalar(t):
        return True
    if depth > 20:
        return False
    if t is list or t is tuple or t is set or t is frozenset:
        return all(_plain(x, depth + 1) for x in value)
    if t is dict:
        return all(_plain(k, depth + 1) and _plain(v, depth + 1) for k, v in dict.items(value))
    return False


# How many attribute levels below a global module_state follows (holder.inner.counts is two).
_STATE_DEPTH = 4
# How many items of a container module_state follows into (their attributes); past it, objects in
# a container are compared by identity only.
_STATE_WIDTH = 1000


def module_state(module):
    """Copies of the plain values the module holds: its globals and, down to _STATE_DEPTH
    levels, the attributes of every object they name that has attributes (classes, functions,
    namespaces...), wherever it was defined; modules by identity only."""
    state = {}
    seen = set()
    for name, value in list(_MODULE_DICT(module).items()):
        if type(name) is str and not _is_dunder_global(name):
            _collect_state(state, name, value, _STATE_DEPTH, seen)
    return state


def _collect_state(state, path, value, levels, seen):
    """state[path] = a snapshot of value; then, for levels more levels, what it holds that
    plain data does not show: the attributes of an object, class or function, the items of a
    container that are objects, a function's default arguments and the cells of its closure."""
    state[path] = _snapshot(value)
    if not levels or _is_scalar(type(value)) or seen.__contains__(id(value)):
        return
    if issubclass(type(value), _types.ModuleType):  # type(), not a __class__ it may claim
        return
    seen.add(id(value))
    items = _items(value)
    if items is not None:
        entries = [v for _, v in items[2]] if items[0] is _DICT else items[2]
        for i, inner in enumerate(entries[:_STATE_WIDTH]):
            _collect_state(state, '%s[%d]' % (path, i), inner, levels - 1, seen)
        return
    if type(value) is _types.FunctionType:
        state[path + '.__defaults__'] = _snapshot((value.__defaults__, value.__kwdefaults__))
        for i, inner in enumerate(value.__defaults__ or ()):
            _collect_state(state, '%s.__defaults__[%d]' % (path, i), inner, levels - 1, seen)
        # by position: __code__ may not be read (the grader's own functions, a hidden test's)
        for i, cell in enumerate(value.__closure__ or ()):
            try:
                inner = cell.cell_contents
            except ValueError:  # a cell not filled yet
                continue
            _collect_state(state, '%s.<cell %d>' % (path, i), inner, levels - 1, seen)
        # globals of its own (code exec'd in a dict): state all the same, which the module's
        # globals did not show (red16); a module's are its module's state (kept by identity)
        space = value.__globals__
        if not _module_space(space) and not seen.__contains__(id(space)):
            seen.add(id(space))
            for name, inner in list(dict.items(space)):
                if type(name) is str and not _is_dunder_global(name):
                    _collect_state(state, '%s.__globals__[%r]' % (path, name), inner, levels - 1, seen)
    # what a method or a static/class method wraps is behind dunder names, which attributes skip:
    # a bound method's object (its attributes, or a list's items for [].append) and function
    # (red16: a lambda over _Box().step kept the count in the object, unseen)
    t = type(value)
    if t is _types.MethodType or t is staticmethod or t is classmethod:
        _collect_state(state, path + '.__func__', value.__func__, levels - 1, seen)
    if t is _types.MethodType or t is _types.BuiltinMethodType or t is _types.MethodWrapperType:
        owner = value.__self__
        if owner is not None and not issubclass(type(owner), _types.ModuleType):
            _collect_state(state, path + '<self>', owner, levels - 1, seen)
    # what C getsets hold (attributes read member slots only): a cell's contents, an exception's
    # args (red16: a global types.CellType({}) or Exception({}) kept the counts)
    if t is _types.CellType:
        try:
            _collect_state(state, path + '.cell_contents', _CELL_CONTENTS(value), levels - 1, seen)
        except ValueError:  # empty
            pass
    if issubclass(t, BaseException):
        _collect_state(state, path + '.args', _EXCEPTION_ARGS(value), levels - 1, seen)
    for attr, inner in _attributes(value):
        if type(attr) is str and not attr.startswith('__'):
            # a name that is no identifier (setattr(o, '<cell 0>', n)) is shown quoted: it must not
            # read as a cell of a function's closure (_through_object)
            _collect_state(state, path + '.' + (attr if attr.isidentifier() else repr(attr)), inner, levels - 1, seen)
    # its class (a class's metaclass) when no module names it: a global instance of a class
    # deleted from the module, or a metaclass no global names, kept counts in a class attribute
    # unseen (red16); a named one is a global (walked as such) or a library's
    if _unnamed_class(t):
        _collect_state(state, path + '.__class__', t, levels - 1, seen)


_HEAP_TYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: a class made at run time (a class statement), not a built-in one
_CLASS_FLAGS = type.__dict__['__flags__'].__get__
_CLASS_MODULE = type.__dict__['__module__'].__get__
_CLASS_QUALNAME = type.__dict__['__qualname__'].__get__


def _unnamed_class(cls):
    """Whether a class made at run time is not its module's attribute of its name."""
    if cls is type or not _CLASS_FLAGS(cls) & _HEAP_TYPE:
        return False
    name = _CLASS_MODULE(cls)  # any object the class statement chose: only a str is looked up
    module = _sys.modules.get(name) if type(name) is str else None
    if not issubclass(type(module), _types.ModuleType):
        return True
    return dict.get(_MODULE_DICT(module), _CLASS_QUALNAME(cls)) is not cls


def _module_space(space):
    """Whether a function's globals are the dict of a module that the import system holds."""
    name = dict.get(space, '__name__')
    module = _sys.modules.get(name) if type(name) is str else None
    return issubclass(type(module), _types.ModuleType) and _MODULE_DICT(module) is space


def _attributes(value):
    """(name, value) of what an object, class or function holds: a class's own dict, an
    instance's real __dict__ (object.__getattribute__: a class-level __dict__ property cannot
    answer for it) and its __slots__ (the member descriptors along its type's MRO)."""
    t = type(value)
    if issubclass(t, type):  # type(), not a __class__ it may claim
        return list(type.__dict__['__dict__'].__get__(value).items())
    pairs = []
    for klass in type.__dict__['__mro__'].__get__(t):
        declared = type.__dict__['__dict__'].__get__(klass).get('__dict__')
        if declared is not None and type(declared) is not _types.GetSetDescriptorType and not (
                type(declared) is _types.MemberDescriptorType and declared.__objclass__ is klass):
            # a class that replaces __dict__ (a property) hides the real one: no honest class
            # does, so its state counts as changed every time it is read. A C type's own member
            # (types.SimpleNamespace's __dict__) is the real one; a copy of it put on another
            # class is not (its __objclass__ is the C type).
            return [('replaced-dict', float('nan'))]  # a new NaN: never the same, never equal
    try:
        own = object.__getattribute__(value, '__dict__')
    except (AttributeError, TypeError):
        own = None
    if type(own) is dict:
        pairs.extend(dict.items(own))
    for klass in type.__dict__['__mro__'].__get__(t):
        for name, member in list(type.__dict__['__dict__'].__get__(klass).items()):
            if type(member) is _types.MemberDescriptorType:
                try:
                    pairs.append((name, member.__get__(value, t)))
                except AttributeError:  # a slot not set yet
                    continue
    return pairs


def no_module_state(module, code):
    """Running code (statements using the learner's names) changes no module-level state: the
    module is compared after every statement (a global that a factory resets could otherwise end
    where it started)."""
    before = module_state(module)
    names = _names(module)
    for statement in _ast.parse(code).body:
        exec(compile(_ast.Module(body=[statement], type_ignores=[]), '<check>', 'exec'), names)
        after = module_state(module)
        changed = _changed(before, after)
        if changed:
            raise AssertionError('%s changed module-level state (%s): every instance shares that state'
                                 % (_ast.unparse(statement), ', '.join(changed)))


def independent(module, make, step):
    """Two instances made by make share nothing: used in turn, each gives what it gives alone."""
    def alone(calls):
        fresh = _evaluated(module, make_code)
        return [_evaluated(module, step_code, f=fresh) for _ in range(calls)]
    def plain(values):
        if not _plain(values):
            raise AssertionError('%s must give plain values (numbers, strings, lists...) for this check' % step)
        return values
    # compiled where _value first compiled each (make, then step after the first instance exists)
    make_code = compile(make, '<check>', 'eval')
    a = _evaluated(module, make_code)
    step_code = compile(step, '<check>', 'eval')
    from_a = plain([_evaluated(module, step_code, f=a), _evaluated(module, step_code, f=a)])
    b = _evaluated(module, make_code)
    from_b = [_evaluated(module, step_code, f=b)]
    from_a.append(_evaluated(module, step_code, f=a))
    from_b.append(_evaluated(module, step_code, f=b))
    from_a.append(_evaluated(module, step_code, f=a))
    # Every value compared, not only the first two: values are compared with each other, both
    # the learner's, so an object equal to anything given once the instances were used in turn
    # hid a shared count (red16)
    if plain(from_b) != plain(alone(2)):
        raise AssertionError('a second instance of %s did not start afresh: it shares state with the first' % make)
    if plain(from_a) != plain(alone(4)):
        raise AssertionError('making and using a second instance of %s changed the first: they share state' % make)


def distinct(module, make, each):
    """The functions make gives each see their own value (no late binding)."""
    items = list(_value(module, make))
    each_code = compile(each, '<check>', 'eval') if items else None  # as _value: only when used
    values = [_evaluated(module, each_code, f=item) for item in items]
    if not _plain(values):
        raise AssertionError('%s must give plain values (numbers, strings, lists...) for this check' % each)
    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            if values[i] == values[j]:
                raise AssertionError('the functions %s gives see the same value (numbers %d and %d): they look the'
                                     ' variable up when called, not when made' % (make, i + 1, j + 1))
`;

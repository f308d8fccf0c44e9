# The grader finds a namedtuple's field names in its class's dict (`_fields`, for the repr in a
# failure message and the fourth element a case's value carries to the host). A class made with
# type() keeps a namespace key that is a str subclass with `_fields`'s hash: a plain
# `dict.get('_fields')` on that class dict called the key's own __eq__, learner code running
# inside the grader's repr (values.value_repr) and encoder (values.tuple_fields), where no
# learner code runs for a data value (red team redpp). type.__repr__ of such a class (a class
# shown in a message) looks up `__module__` the same way (values.class_repr reads it as data). So did a class __name__ set to a str
# subclass (`name + '('` called its __add__; also pprint's layout of a Counter, whose class
# learner code may rename). It changed no verdict here, but each such place is one more where
# the grader's own state is on the stack; the lookups now read the dict without comparing
# anything but exact strs (asserts.lookup_plain_keys), and names are read as str data.
# expect-status: fail
# expect-tests: adds_ints=fail test_add_small=pass TestAdd.test_negative=fail TestAdd.test_pair=fail
# must-not-contain: RAN-IN-GRADER
ran = []
class Key(str):
    def __hash__(self):
        return str.__hash__('_fields')
    def __eq__(self, other):
        ran.append('RAN-IN-GRADER ' + str(other))
        return False
    __ne__ = str.__ne__
Pair = type('Pair', (tuple,), {Key('_fieldz'): ('left', 'right')})
class ModuleKey(Key):
    def __hash__(self):
        return str.__hash__('__module__')
Kind = type('Kind', (), {ModuleKey('__modulz__'): 1})  # type.__repr__ looks up __module__
ran.clear()  # type() itself looked for __module__ in the namespace: the learner's own code
class Name(str):
    def __add__(self, other):
        ran.append('RAN-IN-GRADER name')
        return str.__add__(self, other)
import collections
class Tally(collections.Counter):
    pass
Tally.__name__ = Name('Tally')
collections.Counter.__name__ = Name('Counter')
def add(a, b):
    if (a, b) == (-2, -3):  # a hidden test's failure message
        return Pair((-2, -3))
    if (a, b) == (10, 20):  # a Counter subclass and a long Counter in a failure's message and diff
        return [Tally(a=1), collections.Counter({'k%d' % i: i for i in range(30)}), Kind]
    if (a, b) == (2, 3):  # the visible case: its value is encoded for the host
        print(ran)
        return Pair((2, 3))
    return a + b

# Canonical, type-strict encoding of plain Python values, and the strict comparisons that the
# rewritten hidden tests call.  Everything here is sealed (see sealing.py): no global lookups,
# only exact built-in types are trusted (checked with `type(v) is T`, which learner code cannot
# fake), and a value of any other type encodes as ["other", name] so it can never compare equal
# to an expected plain value.  The host compares declarative cases on this same encoding.

import types as _types


def _escape_table():
    table = {0x22: '\\"', 0x5C: '\\\\'}
    for code in range(0x20):
        table[code] = '\\u%04x' % code
    for code in range(0xD800, 0xE000):
        table[code] = '\\u%04x' % code
    return _types.MappingProxyType(table)


def enc(v, depth, budget, _self=SELF, _type=type, _NoneType=type(None), _bool=bool, _int=int,
        _float=float, _complex=complex, _str=str, _bytes=bytes, _list=list, _tuple=tuple,
        _dict=dict, _set=set, _frozenset=frozenset, _int_repr=int.__repr__,
        _float_repr=float.__repr__, _complex_repr=complex.__repr__, _translate=str.translate,
        _table=_escape_table(), _join=str.join, _sorted=sorted, _items=dict.items,
        _hex=bytes.hex, _name=type.__dict__['__name__'].__get__, _ValueError=ValueError):
    """JSON text of a tagged value; dicts and sets are sorted so equal values encode equally."""
    budget[0] -= 1
    if budget[0] < 0:
        return '["other","too large"]'
    if depth > 100:
        return '["other","too deeply nested"]'
    t = _type(v)
    if v is None:
        return '["none"]'
    if t is _bool:
        return '["bool",true]' if v else '["bool",false]'
    if t is _int:
        try:
            return '["int","' + _int_repr(v) + '"]'
        except _ValueError:
            return '["other","int too large"]'
    if t is _float:
        r = _float_repr(v)
        if r == 'inf' or r == '-inf' or r == 'nan':
            return '["float","' + r + '"]'
        return '["float",' + r + ']'
    if t is _str:
        return '["str","' + _translate(v, _table) + '"]'
    if t is _list or t is _tuple:
        tag = '["list",[' if t is _list else '["tuple",['
        parts = [_self(x, depth + 1, budget) for x in _list(v)]
        return tag + _join(',', parts) + ']]'
    if t is _dict:
        pairs = [(_self(k, depth + 1, budget), _self(x, depth + 1, budget)) for k, x in _list(_items(v))]
        pairs = _sorted(pairs)
        return '["dict",[' + _join(',', ['[' + k + ',' + x + ']' for k, x in pairs]) + ']]'
    if t is _set or t is _frozenset:
        tag = '["set",[' if t is _set else '["frozenset",['
        return tag + _join(',', _sorted([_self(x, depth + 1, budget) for x in _list(v)])) + ']]'
    if t is _bytes:
        return '["bytes","' + _hex(v) + '"]'
    if t is _complex:
        return '["complex","' + _complex_repr(v) + '"]'
    return '["other","' + _translate(_name(t), _table) + '"]'


def encode(v, _enc=None, _list=list):
    """Entry point: a fresh node budget per value."""
    return _enc(v, 0, _list((200000,)))


def is_plain(text, _startswith=str.startswith, _find=str.find):
    return _find(text, '["other"') < 0

import { canonical, expectedValueProblem, isPyTagged, pyEquals, pyRepr, sameTypes, toTagged, type PyTagged } from './python-value.js';
import { floatRepr, notEqualMessage } from './python-repr.js';

const eq = (actual: PyTagged, expected: unknown) => pyEquals(actual, toTagged(expected));

describe('python values', () => {
  it('compare numbers as CPython does: 1 == 1.0 == True == Fraction(1) == Decimal("1.0") == 1+0j', () => {
    for (const one of [['int', '1'], ['float', 1], ['bool', true], ['fraction', '1/1'], ['decimal', '1.0'], ['complex', '(1+0j)']] as PyTagged[]) {
      expect(eq(one, 1)).toBe(true);
      expect(eq(one, { $float: 1 })).toBe(true);
    }
    expect(eq(['float', 0.1], { $decimal: '0.1' })).toBe(false); // 0.1 is not exactly 1/10
    expect(eq(['decimal', '0.5'], { $fraction: '1/2' })).toBe(true);
    expect(eq(['float', 0.5], { $fraction: '1/2' })).toBe(true);
    expect(eq(['float', 'nan'], { $float: 'nan' })).toBe(false);
    expect(eq(['float', -0], 0)).toBe(true);
    expect(eq(['complex', '(1+2j)'], { $complex: '1+2j' })).toBe(true);
    expect(eq(['int', '123456789012345678901234567890'], { $int: '123456789012345678901234567890' })).toBe(true);
    expect(eq(['int', '2'], 1)).toBe(false);
  });

  it('compare containers as CPython does, subclasses by the data they hold', () => {
    const counter: PyTagged = ['dict', [[['str', 'a'], ['int', '2']]], 'Counter'];
    expect(eq(counter, { a: 2 })).toBe(true);
    expect(eq(['dict', [[['str', 'b'], ['int', '2']], [['str', 'a'], ['int', '1']]]], { a: 1, b: 2 })).toBe(true);
    expect(eq(['tuple', [['int', '1'], ['int', '2']], 'Point'], { $tuple: [1, 2] })).toBe(true);
    expect(eq(['tuple', [['int', '1']]], [1])).toBe(false); // a tuple is not a list
    expect(eq(['set', [['int', '2'], ['float', 1]]], { $set: [1, 2] })).toBe(true);
    expect(eq(['frozenset', [['int', '1']]], { $set: [1] })).toBe(true);
    expect(eq(['dict', [[['int', '1'], ['str', 'x']]]], { $dict: [[{ $float: 1 }, 'x']] })).toBe(true);
    expect(eq(['bytearray', '6162'], { $bytes: '6162' })).toBe(true);
    expect(eq(['deque', [['int', '1']]], [1])).toBe(false);
  });

  it('never take a set or dict holding one right element several times for the expected one', () => {
    // distinct learner objects with the same data (a str subclass with its own __hash__/__eq__)
    const twice: PyTagged = ['dict', [[['str', 'a', 'K'], ['int', '1']], [['str', 'a', 'K'], ['int', '1']]]];
    expect(eq(twice, { a: 1, b: 2 })).toBe(false);
    expect(eq(['set', [['str', 'a', 'K'], ['str', 'a', 'K']]], { $set: ['a'] })).toBe(false);
    expect(eq(['set', [['str', 'a', 'K'], ['str', 'b', 'K']]], { $set: ['a', 'b'] })).toBe(true);
  });

  it('compare dates, times and durations by value', () => {
    expect(eq(['date', '2024-02-29'], { $date: '2024-02-29' })).toBe(true);
    expect(eq(['date', '1970-01-01'], { $date: '2024-02-29' })).toBe(false);
    expect(eq(['datetime', '2024-01-01T12:00:00+01:00'], { $datetime: '2024-01-01T11:00:00Z' })).toBe(true);
    expect(eq(['datetime', '2024-01-01T11:00:00'], { $datetime: '2024-01-01T11:00:00Z' })).toBe(false);
    expect(eq(['datetime', '2024-01-01T00:00:00'], { $date: '2024-01-01' })).toBe(false);
    expect(eq(['timedelta', '1,3600,0'], { $timedelta: [0, 90000] })).toBe(true);
    expect(eq(['time', '12:30:00'], { $time: '12:30' })).toBe(true);
  });

  it('never equals an opaque value', () => {
    expect(eq(['other', '<Liar object>'], 5)).toBe(false);
    expect(canonical(['other', 'x'])).not.toBe(canonical(['other', 'x']));
  });

  it('checks exact types for exactType cases', () => {
    expect(sameTypes(['float', 5], toTagged(5))).toBe(false);
    expect(sameTypes(['int', '5'], toTagged(5))).toBe(true);
    expect(sameTypes(['dict', [], 'Counter'], toTagged({}))).toBe(false);
    expect(sameTypes(['list', [['bool', true]]], toTagged([1]))).toBe(false);
  });

  it('prints values the way Python does', () => {
    expect(pyRepr(toTagged([1, 'a', null, true, { $float: 2 }, { $tuple: [3] }]))).toBe("[1, 'a', None, True, 2.0, (3,)]");
    expect(pyRepr(toTagged({ $date: '2024-02-29' }))).toBe('datetime.date(2024, 2, 29)');
    expect(pyRepr(['dict', [[['str', 'a'], ['int', '1']]], 'Counter'])).toBe("Counter({'a': 1})");
    expect(pyRepr(toTagged({ $timedelta: [1, 5] }))).toBe('datetime.timedelta(days=1, seconds=5)');
    expect(pyRepr(toTagged({ $decimal: '1.50' }))).toBe("Decimal('1.50')");
    expect(pyRepr(toTagged("it's"))).toBe('"it\'s"');
    expect([1e16, 1e-5, 123.5, 0.0001, -2.5e-10, 1e22].map(floatRepr)).toEqual(['1e+16', '1e-05', '123.5', '0.0001', '-2.5e-10', '1e+22']);
  });

  it('checks the exact type, not a subclass that carries the name of one (redpp)', () => {
    expect(sameTypes(['int', '3', 'float'], toTagged({ $float: 3 }))).toBe(false); // class float(int)
    expect(sameTypes(['float', 3, 'float'], toTagged({ $float: 3 }))).toBe(false); // class float(float)
    expect(sameTypes(['list', [['int', '1']], 'list'], toTagged([1]))).toBe(false);
    expect(sameTypes(['float', 3], toTagged({ $float: 3 }))).toBe(true);
  });

  it('prints a tuple subclass as the tuple it holds unless it is a namedtuple, as Python does', () => {
    expect(pyRepr(['tuple', [['int', '1'], ['int', '2']], 'Pair'])).toBe('(1, 2)');
    expect(pyRepr(['tuple', [['int', '1']], 'Single'])).toBe('(1,)');
    expect(pyRepr(['tuple', [['int', '1'], ['int', '2']], 'Point', ['x', 'y']])).toBe('Point(x=1, y=2)');
  });

  it('orders a Counter by count, up to 2,000 entries (past them the sort cost the host ~1 s a case)', () => {
    const counter = (n: number): PyTagged => ['dict', Array.from({ length: n }, (_, i) =>
      [['int', String(i)], ['float', i % 2 ? 1e300 * (1 + i / n) : 1e-300]] as [PyTagged, PyTagged]), 'Counter'];
    expect(pyRepr(counter(4))).toBe('Counter({3: 1.75e+300, 1: 1.25e+300, 0: 1e-300, 2: 1e-300})');
    expect(pyRepr(counter(2000)).startsWith('Counter({1999: ')).toBe(true);
    expect(pyRepr(counter(2001)).startsWith('Counter({0: 1e-300, 1: ')).toBe(true); // stored order
  });

  it('prints a Counter, OrderedDict or defaultdict subclass, and a defaultdict, with the repr the sandbox sent', () => {
    const pairs: [PyTagged, PyTagged][] = [[['str', 'a'], ['int', '1']]];
    expect(pyRepr(['dict', pairs, 'defaultdict', "defaultdict(<class 'int'>, {'a': 1})"])).toBe("defaultdict(<class 'int'>, {'a': 1})");
    expect(pyRepr(['list', [['dict', pairs, 'Tally', "Tally({'a': 1})"]]])).toBe("[Tally({'a': 1})]");
    expect(isPyTagged(['dict', pairs, 'Tally', "Tally({'a': 1})"])).toBe(true);
    expect(isPyTagged(['dict', pairs, 'Tally', 3])).toBe(false);
    expect(isPyTagged(['dict', pairs, 'Tally', 'x'.repeat(2001)])).toBe(false); // the sandbox cuts at 1,000
    expect(isPyTagged(['list', [], 'L', 'repr'])).toBe(false); // only dicts carry one
  });

  it('prints bytes as Python does, one table lookup a byte', () => {
    expect(pyRepr(['bytes', '27'])).toBe('b"\'"');
    expect(pyRepr(['bytes', '2722'])).toBe("b'\\'\"'");
    expect(pyRepr(['bytearray', '000a0d095c7f80ff41'])).toBe("bytearray(b'\\x00\\n\\r\\t\\\\\\x7f\\x80\\xffA')");
  });

  it('prints datetimes before 1970 and offsets with microseconds as Python does', () => {
    expect(pyRepr(['datetime', '1766-10-28T06:23:33.059759-00:47']))
      .toBe('datetime.datetime(1766, 10, 28, 6, 23, 33, 59759, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=83580)))');
    expect(pyRepr(['time', '04:26:00-00:00:00.774612']))
      .toBe('datetime.time(4, 26, tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=86399, microseconds=225388)))');
    expect(pyRepr(['time', '04:26:00+00:00:00.000005']))
      .toBe('datetime.time(4, 26, tzinfo=datetime.timezone(datetime.timedelta(microseconds=5)))');
    expect(() => pyRepr(['date', '2023-02-29'])).toThrow(RangeError);
  });

  it('words a failure like unittest', () => {
    expect(notEqualMessage(toTagged([1, 2, 3]), toTagged([1, 2, 4]), pyEquals))
      .toBe('Lists differ: [1, 2, 3] != [1, 2, 4]\n\nFirst differing element 2:\n3\n4\n');
    expect(notEqualMessage(toTagged(1), toTagged(2), pyEquals)).toBe('1 != 2');
    // a differing element and a length difference: assertSequenceEqual writes both
    expect(notEqualMessage(toTagged([9]), toTagged([1, 2]), pyEquals))
      .toBe('Lists differ: [9] != [1, 2]\n\nFirst differing element 0:\n9\n1\n\nSecond list contains 1 additional elements.\nFirst extra element 1:\n2\n');
    // assertSetEqual's items, each difference in its new set's table order (8 then 7)
    expect(notEqualMessage(['set', [['int', '1'], ['int', '7'], ['int', '8']]], ['set', [['int', '1'], ['int', '2']]], pyEquals))
      .toBe('Items in the first set but not the second:\n8\n7\nItems in the second set but not the first:\n2');
    // cut by code points, as Python counts them
    const face = '\u{1F600}';
    expect(notEqualMessage(toTagged(`${face.repeat(90)}a`), toTagged(`${face.repeat(90)}b`), pyEquals))
      .toBe(`'${face.repeat(4)}[25 chars]${face.repeat(61)}a' != '${face.repeat(4)}[25 chars]${face.repeat(61)}b'`);
  });

  it('reports malformed escapes and malformed values from the sandbox', () => {
    expect(expectedValueProblem({ $date: '2024-02-30' })).toMatch(/not a valid date/);
    expect(expectedValueProblem({ $decimal: 'x' })).toMatch(/not a Decimal/);
    expect(expectedValueProblem({ $timedelta: ['a'] })).toMatch(/timedelta/);
    expect(expectedValueProblem([1, { a: { $set: [1] } }])).toBeNull();
    expect(isPyTagged(['int', '1', 'Color'])).toBe(true);
    expect(isPyTagged(['int', '1', 2])).toBe(false);
    expect(isPyTagged(['other', 'x', 'y'])).toBe(false);
  });
});

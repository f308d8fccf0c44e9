import { canonical, pyEquals, pyRepr, toTagged, type PyTagged } from './python-value.js';

describe('python values', () => {
  it('is type-strict: 1, 1.0 and True differ', () => {
    expect(pyEquals(['int', '1'], toTagged(1))).toBe(true);
    expect(pyEquals(['float', 1], toTagged(1))).toBe(false);
    expect(pyEquals(['bool', true], toTagged(1))).toBe(false);
    expect(pyEquals(['float', 1], toTagged({ $float: 1 }))).toBe(true);
  });

  it('compares dicts and sets regardless of order, lists and tuples in order', () => {
    const dict: PyTagged = ['dict', [[['str', 'b'], ['int', '2']], [['str', 'a'], ['int', '1']]]];
    expect(pyEquals(dict, toTagged({ a: 1, b: 2 }))).toBe(true);
    expect(pyEquals(['set', [['int', '2'], ['int', '1']]], toTagged({ $set: [1, 2] }))).toBe(true);
    expect(pyEquals(['list', [['int', '2'], ['int', '1']]], toTagged([1, 2]))).toBe(false);
    expect(pyEquals(['tuple', [['int', '1']]], toTagged([1]))).toBe(false);
    expect(pyEquals(['tuple', [['int', '1']]], toTagged({ $tuple: [1] }))).toBe(true);
  });

  it('never equals a value of a non-built-in type', () => {
    expect(pyEquals(['other', 'Liar'], toTagged(5))).toBe(false);
    expect(canonical(['other', 'Liar'])).not.toBe(canonical(['str', 'Liar']));
  });

  it('keeps big integers exact', () => {
    expect(pyEquals(['int', '123456789012345678901234567890'], toTagged(123456789012345678901234567890n))).toBe(true);
  });

  it('prints values the way Python does', () => {
    expect(pyRepr(toTagged([1, 'a', null, true, { $float: 2 }, { $tuple: [3] }]))).toBe("[1, 'a', None, True, 2.0, (3,)]");
    expect(pyRepr(['other', 'Liar'])).toBe('<a value of type Liar>');
  });
});

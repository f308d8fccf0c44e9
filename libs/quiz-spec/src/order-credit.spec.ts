import { longestCommonSubsequence, orderCredit } from './order-credit.js';

describe('orderCredit', () => {
  const solution = ['a', 'b', 'c', 'd', 'e'];

  it('gives full credit for the solution itself and none for a sequence sharing nothing', () => {
    expect(orderCredit(solution, solution)).toBe(1);
    expect(orderCredit(['x', 'y'], solution)).toBe(0);
  });

  it('costs one item per line out of place', () => {
    expect(orderCredit(['b', 'a', 'c', 'd', 'e'], solution)).toBe(4 / 5);
    expect(orderCredit(['e', 'a', 'b', 'c', 'd'], solution)).toBe(4 / 5);
    expect(orderCredit([...solution].reverse(), solution)).toBe(1 / 5);
  });

  it('counts a distractor against the learner even when the solution lines are in order', () => {
    expect(orderCredit(['a', 'b', 'x', 'c', 'd', 'e'], solution)).toBe(5 / 6);
    expect(orderCredit(['a', 'b', 'x', 'y', 'c', 'd', 'e'], solution)).toBe(5 / 7);
  });

  it('counts a missing line against the learner', () => {
    expect(orderCredit(['a', 'b', 'c', 'e'], solution)).toBe(4 / 5);
    expect(orderCredit([], solution)).toBe(0);
  });

  it('compares with the given equality (a line and its indentation)', () => {
    const line = (text: string, indent: number) => ({ text, indent });
    const same = (x: { text: string; indent: number }, y: { text: string; indent: number }) => x.text === y.text && x.indent === y.indent;
    const want = [line('def f():', 0), line('return 1', 1)];
    expect(orderCredit([line('def f():', 0), line('return 1', 1)], want, same)).toBe(1);
    expect(orderCredit([line('def f():', 0), line('return 1', 0)], want, same)).toBe(1 / 2);
  });

  it('matches repeated items one for one', () => {
    expect(longestCommonSubsequence(['r', 'r', 'x'], ['r', 'x', 'r'])).toBe(2);
    expect(longestCommonSubsequence(['r'], ['r', 'r'])).toBe(1);
  });
});

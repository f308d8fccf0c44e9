/**
 * Partial credit for putting things in order (ordering questions, Parsons problems): the length
 * of the longest common subsequence of the learner's sequence and the solution, over the longer
 * of the two. Items in the right relative order count; an item out of place, a missing one and
 * an extra one (a distractor) each cost one. Pure and bounded by the callers (at most a few dozen
 * items: the table is given.length x solution.length).
 */
export function orderCredit<T>(given: readonly T[], solution: readonly T[], same: (a: T, b: T) => boolean = Object.is): number {
  const longest = Math.max(given.length, solution.length);
  if (longest === 0) return 1;
  return longestCommonSubsequence(given, solution, same) / longest;
}

/** Classic dynamic programme, one row at a time. */
export function longestCommonSubsequence<T>(a: readonly T[], b: readonly T[], same: (x: T, y: T) => boolean = Object.is): number {
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    const row = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j++) {
      row[j] = same(x, b[j - 1]!) ? previous[j - 1]! + 1 : Math.max(previous[j]!, row[j - 1]!);
    }
    previous = row;
  }
  return previous[b.length]!;
}

import { createContext, Script } from 'node:vm';

/**
 * How long one answer may spend in an exercise's accept_patterns. The patterns are the author's
 * and the text is the learner's, and they meet on the API's event loop: a pattern written in good
 * faith such as `(\w+\s?)+` backtracks exponentially on an answer crafted for it (`aaaa…a!`), and
 * one such request would hold every other request for minutes. V8's linear-time engine would
 * avoid the backtracking, but in Node 20 it takes neither the `i` nor the `u` flag.
 */
export const PATTERN_BUDGET_MS = 50;

// V8 stops a script at its timeout even inside a regular expression's backtracking: the patterns
// run in one small script, with the budget as its timeout. Patterns cannot run code; the
// separate context only gives the script a RegExp of its own to build them with.
const context = createContext(Object.create(null) as object);
const anyMatches = new Script('patterns.some((pattern) => new RegExp(`^(?:${pattern})$`, flags).test(text))');

/**
 * Whether `text` matches one of `patterns` (each anchored at both ends); false, as for no match,
 * when the patterns used up the budget (the answer is then not accepted).
 */
export function matchesAnyPattern(patterns: readonly string[], text: string, flags: string): boolean {
  if (patterns.length === 0) return false;
  Object.assign(context, { patterns, text, flags });
  try {
    return anyMatches.runInContext(context, { timeout: PATTERN_BUDGET_MS }) === true;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return false;
    throw error;
  } finally {
    Object.assign(context, { patterns: undefined, text: undefined, flags: undefined });
  }
}

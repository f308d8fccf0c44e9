import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findRepoRoot } from './repo-root.js';
import { notEqualMessage } from './python-repr.js';
import { isPyTagged, pyEquals, pyRepr, toTagged } from './python-value.js';

/**
 * The host decides declarative cases (`expr` / `call` with `expected`) on tagged values
 * (python-equality.ts). Checked here against CPython's own `==` on the same data:
 * reference/case_fuzz.py makes random honest values as a submission would return them (every
 * number type, containers and their subclasses, dates, nesting), encodes each as the sandbox
 * does, pairs it with an expected value an author could write (often the same data in other
 * types), and records CPython's verdict; each pair must get the same verdict here.
 */
const python = process.env.PYQUIZ_PYTHON ?? 'python3';
const hasPython = spawnSync(python, ['--version']).status === 0;
const withCPython = hasPython ? it : it.skip;

interface Pair {
  actual: unknown;
  expected: unknown;
  equal: boolean;
  text: string;
  reprs: [string, string];
  /** unittest's assertEqual message up to its diff, for an unequal pair (a failed case's message). */
  message: string | null;
}

function pairs(seed: number, count: number): Pair[] {
  const script = join(findRepoRoot(), 'libs', 'grader', 'reference', 'case_fuzz.py');
  const run = spawnSync(python, ['-I', '-S', script, String(seed), String(count)], { encoding: 'utf8', timeout: 120000, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`case_fuzz.py failed: ${run.stderr}`);
  return run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Pair);
}

describe('declarative cases against CPython', () => {
  withCPython('the host decides 4,000 random cases as CPython\'s == does (reference/case_fuzz.py)', () => {
    const all = [...pairs(7, 2000), ...pairs(11, 2000)];
    const differences = all.filter((p) => {
      if (!isPyTagged(p.actual)) return true;
      return pyEquals(p.actual, toTagged(p.expected)) !== p.equal;
    }).map((p) => `${p.text}: CPython ${p.equal}`);
    expect({ cases: all.length, equal: all.filter((p) => p.equal).length > 1000, differences: differences.slice(0, 20) })
      .toEqual({ cases: 4000, equal: true, differences: [] });
  }, 180000);

  // A failed case shows both values: as repr() shows them. OrderedDict is printed in the 3.12+
  // style (`OrderedDict({...})`) of the sandbox's Python, where the reference 3.11 writes a list.
  withCPython('the host prints each value of 3,000 random cases as CPython\'s repr() does', () => {
    const differences = pairs(5, 3000).flatMap((p) => [
      [pyRepr(p.actual as Parameters<typeof pyRepr>[0]), p.reprs[0]],
      [pyRepr(toTagged(p.expected)), p.reprs[1]],
    ]).filter(([mine, theirs]) => mine !== theirs && !theirs!.includes('OrderedDict'));
    expect(differences.slice(0, 10)).toEqual([]);
  }, 180000);

  // A failed case's message is unittest's for assertEqual(actual, expected) up to its diff
  // (docs/authoring.md): Lists/Tuples differ with the first differing element and the additional
  // ones, assertSetEqual's item lines, one shortened line otherwise. Left out: values whose repr
  // holds an OrderedDict (3.12+ style, above) or a NaN (CPython's == and set.difference find a NaN
  // by identity, which a tagged value does not keep).
  withCPython('the host words each failed case of 3,000 random ones as unittest\'s assertEqual does', () => {
    const failed = pairs(5, 3000).filter((p) => !p.equal && p.message !== null
      && !p.reprs.some((r) => r.includes('OrderedDict') || r.includes('nan')));
    const differences = failed
      .map((p) => [notEqualMessage(p.actual as Parameters<typeof pyRepr>[0], toTagged(p.expected), pyEquals), p.message])
      .filter(([mine, theirs]) => mine !== theirs);
    expect({ failed: failed.length > 800, differences: differences.slice(0, 10) }).toEqual({ failed: true, differences: [] });
  }, 180000);
});

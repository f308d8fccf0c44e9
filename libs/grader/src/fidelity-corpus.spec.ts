import { execFile, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CPythonReference, compareVerdicts, type ReferenceVerdict } from './cpython-reference.js';
import { GraderPool } from './grader-pool.js';
import { findRepoRoot } from './repo-root.js';
import { DEFAULT_LIMITS, type GradingJob, type GradingResult, type TestSpec } from './types.js';

/**
 * The fidelity corpus (test-fixtures/fidelity/*.yaml): small exercises, each graded by the engine
 * and run under the machine's real CPython with plain unittest. For every honest solution (right
 * or wrong, but not deceiving) every test's verdict must be CPython's; every lying solution (an
 * __eq__ that always answers True, a lying int subclass...) must fail each test it lies on, and
 * CPython must pass that test (so the lie is real). `same_messages` lists tests whose failure
 * message must be CPython's word for word. Without python3 the CPython checks are skipped.
 */
interface FixtureTest extends Partial<Omit<TestSpec, 'kind'>> {
  name: string;
}

interface Fixture {
  about: string;
  module?: string;
  test_module?: string;
  /** Hidden helper modules the tests import (name -> source), as a course's grading utilities. */
  support_modules?: Record<string, string>;
  tests: FixtureTest[];
  honest: Record<string, string>;
  /**
   * `status`: what the lie buys (a pass, or a skip that drops the test from the score).
   * `against_the_engine`: the lie attacks the engine's own machinery (nothing of it exists
   * under CPython, so CPython is not asked to believe it).
   */
  lying?: { name: string; code: string; fails: string[]; status?: string; against_the_engine?: boolean }[];
  /**
   * Honest solutions whose verdict is not CPython's on the tests named, on purpose or by a limit
   * of the platform (README, known limits): exactly those tests differ, so a fix shows.
   */
  deviations?: Record<string, string[]>;
  /**
   * Lies not defended yet (README, known limits): the engine still passes the tests named (or
   * gives them `status`, e.g. `skipped` for a forged skip).
   */
  known_limits?: { name: string; code: string; fails: string[]; status?: string }[];
  same_messages?: string[];
  /**
   * The per-test time limit for this fixture's gradings, when its tests are heavy on purpose
   * (10^6 items compared): verdicts are what the corpus checks, and the default 3 s, about 2x
   * CPython's own time for such a test, made the verdict depend on the machine's load.
   */
  time_ms_per_test?: number;
}

const dir = join(findRepoRoot(), 'libs', 'grader', 'test-fixtures', 'fidelity');
const fixtures = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()
  .map((file) => ({ file, fixture: parse(readFileSync(join(dir, file), 'utf8')) as Fixture }));
const hasPython = spawnSync(process.env.PYQUIZ_PYTHON ?? 'python3', ['--version']).status === 0;
const withCPython = hasPython ? it : it.skip;
// Each solution is graded by the engine and by CPython; the solutions are independent, so they
// run concurrently (jest.config's maxConcurrency) and both of the pool's workers are busy.
const concurrentWithCPython = hasPython ? it.concurrent : it.skip;
if (!hasPython) console.warn('fidelity corpus: no python3 on this machine, the comparisons with CPython are skipped');

function jobOf(fixture: Fixture, source: string): GradingJob {
  const tests = fixture.tests.map((t): TestSpec => {
    const isCase = 'expr' in t || 'call' in t;
    return { points: 1, visibility: 'visible', tags: [], ...t, kind: isCase ? 'case' : 'module' } as TestSpec;
  });
  return { source, moduleName: fixture.module ?? 'solution', testModule: fixture.test_module,
    ...(fixture.support_modules ? { supportModules: fixture.support_modules } : {}), tests,
    // The total is generous: the heaviest wrong solutions lay out large diffs for seconds on a
    // busy machine, and no verdict of the corpus is about the job's total time.
    limits: { ...DEFAULT_LIMITS, timeMsPerTest: fixture.time_ms_per_test ?? 3000, timeMsTotal: 60000 } };
}

const honest = fixtures.flatMap(({ file, fixture }) =>
  Object.entries(fixture.honest).map(([name, code]) => ({ label: `${file} ${name}`, fixture, code, name })));
const lying = fixtures.flatMap(({ file, fixture }) =>
  (fixture.lying ?? []).map((lie) => ({ label: `${file} ${lie.name}`, fixture, lie })));
const limits = fixtures.flatMap(({ file, fixture }) =>
  (fixture.known_limits ?? []).map((lie) => ({ label: `${file} ${lie.name}`, fixture, lie })));

describe('fidelity corpus: the verdicts CPython gives', () => {
  let pool: GraderPool;
  let cpython: CPythonReference | null = null;
  const grade = (fixture: Fixture, code: string): Promise<[GradingResult, ReferenceVerdict[] | null]> => {
    const job = jobOf(fixture, code);
    return Promise.all([pool.grade(job), cpython ? cpython.verdicts(job) : Promise.resolve(null)]);
  };

  beforeAll(async () => {
    [pool, cpython] = await Promise.all([GraderPool.start({ size: 2 }), CPythonReference.locate()]);
  }, 180000);

  afterAll(async () => {
    cpython?.close();
    await pool?.close();
  });

  it('has at least 40 exercises, each with honest and lying solutions', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    for (const { file, fixture } of fixtures) {
      expect({ file, honest: Object.keys(fixture.honest).length > 0, lying: (fixture.lying ?? []).length + (fixture.known_limits ?? []).length > 0 })
        .toEqual({ file, honest: true, lying: true });
    }
  });

  concurrentWithCPython.each(honest)('$label: every verdict is CPython\'s', async ({ fixture, code, name }) => {
    const [engine, reference] = await grade(fixture, code);
    const known = fixture.deviations?.[name] ?? [];
    const differences = compareVerdicts(engine, reference!);
    expect(differences.filter((d) => !known.includes(d.test))).toEqual([]);
    expect(differences.map((d) => d.test).sort()).toEqual([...known].sort()); // a documented deviation that is gone: update it
    for (const name of fixture.same_messages ?? []) {
      const mine = engine.tests.find((t) => t.name === name)!;
      const theirs = reference!.find((t) => t.name === name)!;
      if (theirs.status === 'fail') expect({ name, message: mine.message.trim() }).toEqual({ name, message: theirs.message.trim() });
    }
  }, 60000);

  /** The differential scripts of reference/ under CPython, with their seed and count. */
  const differentialRuns: Record<string, [string, string]> = {
    'helper_fuzz.py': ['7', '6000'], 'pprint_fuzz.py': ['5', '2000'], 'ndiff_fuzz.py': ['11', '1000'],
  };
  let differentialOutputs: Map<string, Promise<string>> | undefined;

  /** A differential script's JSON summary (last line) and the examples of differences it printed
   * before it. The first call starts all three scripts at once (after the concurrent gradings
   * above, so they take no time from those; each alone kept one core busy for seconds while the
   * other stood idle), each test awaits its own; each is killed after 120 s as before. */
  async function differential(name: string) {
    differentialOutputs ??= new Map(Object.entries(differentialRuns).map(([script, args]) => [script, new Promise<string>((resolve) => {
      execFile(process.env.PYQUIZ_PYTHON ?? 'python3', ['-I', '-S', join(findRepoRoot(), 'libs', 'grader', 'reference', script), ...args],
        { encoding: 'utf8', timeout: 120000 }, (_error, stdout) => resolve(stdout));
    })]));
    const lines = (await differentialOutputs.get(name)!).trim().split('\n');
    return { summary: JSON.parse(lines.at(-1)!) as Record<string, number>, examples: lines.slice(0, -1) };
  }

  withCPython('the helper gives CPython\'s verdict on 6,000 random comparisons and assertions (reference/helper_fuzz.py)', async () => {
    const { summary, examples } = await differential('helper_fuzz.py');
    expect({ differences: summary.verdictDifferences, examples }).toEqual({ differences: 0, examples: [] });
  }, 120000);

  withCPython('the helper\'s pprint layouts are CPython\'s on 2,000 random assertEqual failures (reference/pprint_fuzz.py)', async () => {
    const { summary, examples } = await differential('pprint_fuzz.py');
    expect({ differences: summary.verdictDifferences + summary.messageDifferences, examples }).toEqual({ differences: 0, examples: [] });
  }, 120000);

  withCPython('the helper\'s ndiff is difflib\'s, line for line, on 1,000 random diffs (reference/ndiff_fuzz.py)', async () => {
    const { summary, examples } = await differential('ndiff_fuzz.py');
    expect({ differences: summary.differences, examples }).toEqual({ differences: 0, examples: [] });
  }, 120000);

  it.concurrent.each(lying)('$label: fails every test it lies on', async ({ fixture, lie }) => {
    const [engine, reference] = await grade(fixture, lie.code);
    const statuses = Object.fromEntries(engine.tests.map((t) => [t.name, t.status]));
    const forged = lie.status ?? 'pass'; // what the lie buys: a pass, or a skip (out of the score)
    for (const name of lie.fails) {
      expect({ test: name, engine: statuses[name] }).not.toEqual({ test: name, engine: forged });
      expect(statuses[name]).toBeDefined();
      if (reference && !lie.against_the_engine) { // the lie is real: plain CPython believes it
        expect({ test: name, cpython: reference.find((t) => t.name === name)?.status }).toEqual({ test: name, cpython: forged });
      }
    }
  }, 60000);

  // When one of these starts failing, the limit is fixed: move it to `lying` and the README.
  it.concurrent.each(limits)('$label: a known limit (README) still passes its lie', async ({ fixture, lie }) => {
    const engine = await pool.grade(jobOf(fixture, lie.code)); // CPython's verdict is not asked here
    const statuses = Object.fromEntries(engine.tests.map((t) => [t.name, t.status]));
    const forged = lie.status ?? 'pass';
    for (const name of lie.fails) expect({ test: name, engine: statuses[name] }).toEqual({ test: name, engine: forged });
  }, 60000);
});

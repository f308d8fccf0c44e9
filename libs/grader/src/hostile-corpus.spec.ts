import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GraderPool } from './grader-pool.js';
import { findRepoRoot } from './repo-root.js';
import type { GradingJob, GradingResult } from './types.js';

/**
 * Every hostile submission in test-fixtures/hostile runs on ONE pool; its header says what it
 * must get (`# expect-status:`, `# expect-points:`, `# expect-tests: name=status`,
 * `# must-not-contain:` / `# must-contain:` strings of the result JSON). After each one an
 * honest submission is graded on the same pool and must get full marks, and a wrong one must
 * get exactly its own score: nothing a submission does may change a later learner's verdict.
 */
const fixtures = join(findRepoRoot(), 'libs', 'grader', 'test-fixtures');
const job = JSON.parse(readFileSync(join(fixtures, 'corpus-job.json'), 'utf8')) as GradingJob;
const honest = readFileSync(join(fixtures, 'honest.py'), 'utf8');
const wrong = readFileSync(join(fixtures, 'wrong.py'), 'utf8');
const files = readdirSync(join(fixtures, 'hostile')).filter((f) => f.endsWith('.py')).sort();

interface Expectation {
  status?: string;
  points?: number;
  tests: Record<string, string>;
  mustNotContain: string[];
  mustContain: string[];
}

function header(source: string, key: string): string[] {
  const pattern = new RegExp(`^# ${key}: (.*)$`, 'gm');
  return [...source.matchAll(pattern)].flatMap((m) => m[1]!.trim().split(/\s+/));
}

function expectationOf(source: string): Expectation {
  const tests = Object.fromEntries(header(source, 'expect-tests').map((pair) => pair.split('=') as [string, string]));
  const points = header(source, 'expect-points')[0];
  return {
    status: header(source, 'expect-status')[0], points: points === undefined ? undefined : Number(points),
    tests, mustNotContain: header(source, 'must-not-contain'), mustContain: header(source, 'must-contain'),
  };
}

function statuses(result: GradingResult): Record<string, string> {
  return Object.fromEntries(result.tests.map((t) => [t.name, t.status]));
}

describe('hostile corpus', () => {
  let pool: GraderPool;

  beforeAll(async () => {
    pool = await GraderPool.start({ size: 2 });
  }, 120000);

  afterAll(async () => {
    await pool?.close();
  });

  it('has fixtures', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  let wrongPoints: number;

  it('grades the wrong reference submission below full marks', async () => {
    const result = await pool.grade({ ...job, source: wrong });
    wrongPoints = result.points;
    expect(result.status).toBe('fail');
    expect(result.points).toBeLessThan(result.max_points);
  });

  it.each(files)('%s gets its verdict and the next submissions are graded correctly', async (file) => {
    const source = readFileSync(join(fixtures, 'hostile', file), 'utf8');
    const want = expectationOf(source);
    const result = await pool.grade({ ...job, source });
    const text = JSON.stringify(result);
    if (want.status) expect({ file, status: result.status }).toEqual({ file, status: want.status });
    if (want.points !== undefined) expect({ file, points: result.points }).toEqual({ file, points: want.points });
    expect(statuses(result)).toEqual(expect.objectContaining(want.tests));
    for (const secret of want.mustNotContain) expect(text).not.toContain(secret);
    for (const needle of want.mustContain) expect(text).toContain(needle);
    expect(result.tests).toHaveLength(job.tests.length);

    // Twice each, so that both interpreters of the pool are seen after the hostile one.
    for (let i = 0; i < 2; i++) {
      const next = await pool.grade({ ...job, source: honest });
      expect({ file, status: next.status, score: next.score }).toEqual({ file, status: 'pass', score: 1 });
      const bad = await pool.grade({ ...job, source: wrong });
      expect({ file, status: bad.status, points: bad.points }).toEqual({ file, status: 'fail', points: wrongPoints });
    }
  }, 30000);
});

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { GraderPool } from './grader-pool.js';
import { findRepoRoot } from './repo-root.js';
import type { GradingJob, GradingResult } from './types.js';

/**
 * Every hostile submission in test-fixtures/hostile runs on ONE pool; its header says what it
 * must get (`# expect-status:`, `# expect-points:`, `# expect-tests: name=status`,
 * `# must-not-contain:` / `# must-contain:` strings of the result JSON). After each one an
 * honest submission is graded on the same pool and must get full marks.
 */
const fixtures = join(findRepoRoot(), 'libs', 'grader', 'test-fixtures');
const job = JSON.parse(readFileSync(join(fixtures, 'corpus-job.json'), 'utf8')) as GradingJob;
const honest = readFileSync(join(fixtures, 'honest.py'), 'utf8');
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

  it.each(files)('%s gets its verdict and the next honest submission is graded correctly', async (file) => {
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

    const next = await pool.grade({ ...job, source: honest });
    expect({ file, status: next.status, score: next.score }).toEqual({ file, status: 'pass', score: 1 });
  }, 30000);
});

import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GradingJob, GradingResult } from '../libs/grader/src/index.js';

// `npm run grade` prints one GradingResult per line. A multi-megabyte line must reach a reader
// on a pipe whole: an exit before stdout drained used to cut it at the pipe's 64 KB.

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PRINTED = 900_000;
/** Far longer than the CLI takes to close its pool and exit once its last line is written. */
const READER_PAUSE_MS = 6_000;

const job: Omit<GradingJob, 'source'> = {
  moduleName: 'solution',
  limits: { timeMsPerTest: 20_000, timeMsTotal: 60_000, memoryMb: 256, outputBytes: 1_048_576, recursionLimit: 1000 },
  tests: ['a', 'b', 'c'].map((name, i) => ({ kind: 'case' as const, name, points: 1, visibility: 'visible' as const, tags: [], expr: `shout(${i})`, expected: i })),
};
const LOUD = `def shout(n):\n    print("x" * ${PRINTED})\n    return n\n`;

/**
 * Runs the CLI through tsx with stdout on a slow reader (`npm run grade ... | jq` on a busy
 * machine): after the first bytes it reads nothing more until the CLI has exited, or for
 * READER_PAUSE_MS. A CLI that exits before its output is taken loses all but the pipe's 64 KB;
 * one that waits is read once the pause is over.
 */
function gradeCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/grade.ts', ...args], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.once('data', () => {
      child.stdout.pause();
      const timer = setTimeout(() => child.stdout.resume(), READER_PAUSE_MS);
      child.once('exit', () => (clearTimeout(timer), child.stdout.resume()));
    });
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });
}

describe('grade CLI', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'grade-cli-'));
    await writeFile(join(dir, 'job.json'), JSON.stringify(job));
    await writeFile(join(dir, 'loud.py'), LOUD);
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a multi-megabyte result line whole before it exits, one line per file', async () => {
    const { code, stdout, stderr } = await gradeCli([join(dir, 'job.json'), join(dir, 'loud.py'), join(dir, 'loud.py')]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // Lengths and flags only: a failure message quoting megabytes of output helps nobody.
    expect(stdout.length).toBeGreaterThan(2 * 3 * PRINTED);
    expect(stdout.endsWith('\n')).toBe(true);
    const lines = stdout.slice(0, -1).split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const result = JSON.parse(line) as GradingResult;
      expect({ status: result.status, score: result.score }).toEqual({ status: 'pass', score: 1 });
      expect(result.tests.map((t) => t.output.length)).toEqual([PRINTED + 1, PRINTED + 1, PRINTED + 1]);
    }
  }, 180_000);
});

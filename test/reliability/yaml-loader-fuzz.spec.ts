import { execFile } from 'node:child_process';
import { recordTrials } from './support/record.js';

// parseFileText (@app/quiz-spec) against hostile YAML: alias bombs, deep nesting, huge strings,
// wrong types, random edits of the real exercises. It runs in a child process so that a hang is
// a killed process and a failed test, not a frozen Jest.

const RUNS = Number(process.env.RELIABILITY_YAML_RUNS ?? 60);
const HARD_LIMIT_MS = 90_000;

interface FuzzReport {
  runs: number;
  failures: string[];
  slowestMs: number;
  cases: { name: string; runs: number; failures: number; slowestMs: number }[];
}

function runWorker(): Promise<FuzzReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'test/reliability/support/yaml-fuzz-worker.ts', String(RUNS)],
      { timeout: HARD_LIMIT_MS, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`YAML fuzz worker failed or hung (${error.message}): ${stderr.slice(-1000)}`));
        resolve(JSON.parse(stdout.trim().split('\n').pop()!) as FuzzReport);
      },
    );
  });
}

describe('YAML loader fuzzing', () => {
  it('answers every hostile document with a located error, without crashing or hanging', async () => {
    const report = await runWorker();
    recordTrials('yaml-fuzz', report.cases.map((c) => ({ area: 'yaml-fuzz', trial: c.name, runs: c.runs, failures: c.failures, note: `slowest ${c.slowestMs} ms CPU` })));
    expect(report.failures).toEqual([]);
    expect(report.runs).toBeGreaterThanOrEqual(4 * RUNS);
    expect(report.slowestMs).toBeLessThan(2_000);
  }, HARD_LIMIT_MS + 10_000);
});

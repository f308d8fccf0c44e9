import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findRepoRoot } from './repo-root.js';
import { DEFAULT_LIMITS, type GradingJob } from './types.js';

/**
 * The sandbox side of a job (sandbox/job-run.mjs) against a worker simulated through the shared
 * progress buffer (sandbox/progress.mjs): what a worker writes there is untrusted, so garbage
 * must end in error verdicts, never in an exception or another job's outcomes.
 */
const sandboxDir = join(findRepoRoot(), 'libs', 'grader', 'sandbox');
// Plain JavaScript modules of the sandbox: typed `any` here.
let JobRun: any;
let progress: any;

beforeAll(async () => {
  ({ JobRun } = await import(pathToFileURL(join(sandboxDir, 'job-run.mjs')).href));
  progress = await import(pathToFileURL(join(sandboxDir, 'progress.mjs')).href);
});

const job: GradingJob = {
  source: '', moduleName: 'solution', limits: { ...DEFAULT_LIMITS, timeMsPerTest: 40, timeMsTotal: 5000 },
  tests: ['a', 'b', 'c'].map((name) => ({ kind: 'module' as const, name, points: 1, visibility: 'visible' as const, tags: [] })),
};
const OK = '{"status":"ok","message":"","output":""}';
const PASS = '{"status":"pass","message":"","output":"hi"}';

/** A function that records its calls (the specs run as ESM: no `jest` global). */
function recorder() {
  const calls: unknown[][] = [];
  return Object.assign((...args: unknown[]) => void calls.push(args), { calls });
}

function harness() {
  const buffer = progress.createProgressBuffer();
  const slot = { worker: { postMessage: recorder() }, progress: new progress.ProgressReader(buffer),
    interrupt: new Int32Array(new SharedArrayBuffer(4)) };
  const hooks = { killed: recorder(), finished: recorder(), requeue: recorder() };
  const done = recorder();
  const run = new JobRun(1, job, done);
  run.attach(slot, hooks);
  return { run, slot, hooks, done, writer: new progress.ProgressWriter(buffer), buffer };
}

const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('JobRun with the shared progress buffer', () => {
  it('takes every outcome from the buffer when the worker says the job is done', () => {
    const { run, slot, hooks, done, writer } = harness();
    writer.stepStarted(0);
    writer.stepDone(0, OK);
    for (let i = 1; i <= 3; i++) {
      writer.stepStarted(i);
      writer.stepDone(i, PASS);
    }
    run.onMessage({ type: 'job-done' }, slot.worker);
    expect(done.calls[0]![0]).toMatchObject({ begin: OK, outcomes: [PASS, PASS, PASS] });
    expect(hooks.finished.calls).toHaveLength(1);
  });

  it('takes an outcome that did not fit in the buffer from its message', () => {
    const { run, slot, done, writer } = harness();
    writer.stepDone(0, OK);
    run.onMessage({ type: 'outcome', step: 1, text: PASS }, slot.worker);
    run.onMessage({ type: 'job-done' }, slot.worker);
    expect((done.calls[0]![0] as any).outcomes[0]).toBe(PASS);
  });

  it('ignores garbage records and bad step numbers: those tests end as errors', () => {
    const { run, slot, done, writer, buffer } = harness();
    writer.stepDone(0, OK);
    writer.stepDone(99, PASS); // no such step
    writer.stepDone(-5, PASS);
    const ints = new Int32Array(buffer, 0, 4);
    const bytes = Buffer.from(buffer, 32);
    const used = ints[3]!;
    bytes.writeInt32LE(2, used); // a record claiming more bytes than were written
    bytes.writeInt32LE(1 << 30, used + 4);
    Atomics.store(ints, 3, used + 8);
    run.onMessage({ type: 'outcome', step: 'x', text: PASS }, slot.worker);
    run.onMessage({ type: 'outcome', step: 3, text: { not: 'a string' } }, slot.worker);
    run.onMessage({ type: 'job-done' }, slot.worker);
    const { begin, outcomes } = (done.calls[0]![0] as any);
    expect(begin).toBe(OK);
    expect(outcomes.map((o: any) => o.status)).toEqual(['error', 'error', 'error']);
  });

  it('ignores messages from another worker', () => {
    const { run, done } = harness();
    run.onMessage({ type: 'job-done' }, { postMessage: recorder() });
    expect(done.calls).toHaveLength(0);
    run.finish();
  });

  it('keeps finished outcomes when the worker dies and resumes after the test it was running', () => {
    const { run, hooks, writer } = harness();
    writer.stepStarted(0);
    writer.stepDone(0, OK);
    writer.stepStarted(1);
    writer.stepDone(1, PASS);
    writer.stepStarted(2); // test b is running
    run.onWorkerLost();
    expect(run.outcomes[0]).toBe(PASS);
    expect(run.outcomes[1]).toMatchObject({ status: 'error', message: expect.stringContaining('stopped') });
    expect(run.startAt).toBe(2);
    expect(hooks.requeue.calls).toEqual([[run]]);
    run.finish();
  });

  it('costs nothing when the worker dies before starting the job', () => {
    const { run, hooks } = harness();
    run.onWorkerLost();
    expect(run.losses).toBe(0);
    expect(hooks.requeue.calls).toEqual([[run]]);
    run.finish();
  });

  it('interrupts a test past its limit, then terminates the worker if the test goes on', async () => {
    const { run, slot, hooks, writer } = harness();
    writer.stepStarted(0);
    writer.stepDone(0, OK);
    writer.stepStarted(1); // never finishes
    await until(() => hooks.killed.calls.length > 0);
    expect(Atomics.load(slot.interrupt, 0)).toBe(2);
    expect(run.outcomes[0]).toMatchObject({ status: 'timeout', message: 'time limit of 40 ms exceeded' });
    expect(hooks.requeue.calls).toEqual([[run]]); // tests b and c run on a fresh interpreter
    run.finish();
  });

  it('gives an interrupted test that then finished a timeout verdict, keeping its output', async () => {
    const { run, slot, hooks, done, writer } = harness();
    writer.stepStarted(0);
    writer.stepDone(0, OK);
    writer.stepStarted(1);
    await until(() => Atomics.load(slot.interrupt, 0) === 2);
    writer.stepDone(1, '{"status":"interrupted","message":"KeyboardInterrupt","output":"partial"}');
    run.onMessage({ type: 'job-done' }, slot.worker);
    expect((done.calls[0]![0] as any).outcomes[0]).toEqual({ status: 'timeout', message: 'time limit of 40 ms exceeded', output: 'partial' });
    expect(hooks.killed.calls).toHaveLength(0);
  });
});

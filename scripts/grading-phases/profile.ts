/**
 * Where a grading's time goes inside the worker, phase by phase (docs/performance.md, "The
 * grading engine per grading"). A development tool, not part of the grader:
 *
 *   git apply scripts/grading-phases/instrument.patch      # timers in python-worker.mjs
 *   npx tsx scripts/grading-phases/profile.ts [--n 200] [--exercise closures/make-counter] [--tree <checkout>]
 *   git apply -R scripts/grading-phases/instrument.patch
 *
 * It runs libs/grader/sandbox/python-worker.mjs of `--tree` in a worker thread of this process,
 * outside the sandbox process and its walls (the same interpreter, harness and memory reset),
 * posts the exercise's reference solution as a job `--n` times (after 20 warm-up jobs, 3 ms
 * apart, so that each reset is over) and prints the median of each phase in ms: `js:` phases
 * timed in the worker's JavaScript, `py:` harness functions (inclusive: a function's time
 * includes the ones it calls; the wrappers add a few µs per call).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { sandboxPaths } from '../../libs/grader/src/repo-root.js';
import { loadExercise, loadExerciseJob } from '@app/quiz-spec';

const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1] ?? '']));
const n = Number(args.get('--n') || 200);
const exerciseId = args.get('--exercise') || 'closures/make-counter';
const paths = sandboxPaths();
const tree = args.get('--tree') || paths.root;

// The snapshot of the worker as committed (the patch changes the file, not what it preloads),
// under the key repo-root.ts gives it; `--snapshot <file>` to name another.
const committed = execFileSync('git', ['show', 'HEAD:libs/grader/sandbox/python-worker.mjs'], { cwd: tree });
const key = createHash('sha256').update(paths.pyodideVersion).update(committed).digest('hex').slice(0, 16);
const snapshotFile = args.get('--snapshot') || join(paths.snapshotCacheDir, `snapshot-${paths.pyodideVersion}-${key}.bin`);
if (!existsSync(snapshotFile)) throw new Error(`no snapshot ${snapshotFile}: grade once without the patch (npm run grade) to make it`);
const bytes = readFileSync(snapshotFile);
const snapshot = new SharedArrayBuffer(bytes.length);
new Uint8Array(snapshot).set(bytes);

const exercise = await loadExercise(exerciseId);
const job = await loadExerciseJob(exerciseId, exercise.question.solution);
const { createProgressBuffer } = await import(join(tree, 'libs/grader/sandbox/progress.mjs'));
const worker = new Worker(join(tree, 'libs/grader/sandbox/python-worker.mjs'), { workerData: {
  mode: 'grade', isolation: 'reset', pyodideDir: paths.pyodideDir, pyDir: join(tree, 'libs/grader/sandbox/py'),
  zoneinfoDir: paths.zoneinfoDir, snapshot, interruptBuffer: new SharedArrayBuffer(4),
  progressBuffer: createProgressBuffer(), profile: true } });

type Message = { type: string; phases?: Record<string, number>; doneAt?: number };
const inbox: Message[] = [];
let wake: (() => void) | null = null;
worker.on('message', (m: Message) => { inbox.push(m); wake?.(); });
worker.on('error', (e) => { console.error(e); process.exit(1); });
const next = (type: string) => new Promise<Message>((resolve) => {
  const check = () => {
    const i = inbox.findIndex((m) => m.type === type);
    if (i < 0) { wake = check; return; }
    wake = null;
    resolve(inbox.splice(i, 1)[0]!);
  };
  check();
});

await next('ready');
const phases: Record<string, number[]> = {};
const jobs: number[] = [];
for (let i = 0; i < n + 20; i++) {
  await new Promise((r) => setTimeout(r, 3));
  const started = performance.now();
  worker.postMessage({ job, startAt: 0, memoryBytes: job.limits.memoryMb * 1024 * 1024, sentAt: performance.timeOrigin + started });
  const done = await next('job-done');
  const doneLatency = performance.timeOrigin + performance.now() - done.doneAt!;
  const elapsed = performance.now() - started;
  const { phases: p } = await next('prof');
  if (i < 20) continue;
  jobs.push(elapsed);
  for (const [k, v] of Object.entries({ ...p, 'host: job-done message latency': doneLatency })) (phases[k] ??= []).push(v);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(`${exerciseId}, ${n} jobs, median ms; post → job-done ${median(jobs).toFixed(3)}`);
for (const [k, v] of Object.entries(phases)) if (!k.startsWith('py:attempt')) console.log(k.padEnd(42), median(v).toFixed(3));
await worker.terminate();

/**
 * Micro-benchmarks of harness functions inside the grader's interpreter (docs/performance.md,
 * "The grading engine per grading"). A development tool, not part of the grader:
 *
 *   git apply scripts/grading-phases/instrument.patch      # adds entry('eval') to python-worker.mjs
 *   npx tsx scripts/grading-phases/micro.ts <snippet.py> [--tree <checkout>] [--exercise closures/make-counter]
 *   git apply -R scripts/grading-phases/instrument.patch
 *
 * Boots the worker of `--tree` in a thread of this process (as profile.ts), grades the exercise's
 * reference solution three times, then executes the snippet in the worker's interpreter with
 * `H` (the harness dict), `S`, `JOB`, `perf` (time.perf_counter) and `BEGIN_TEXT` (the last job as
 * the harness's `begin` reads it: `H['begin'](BEGIN_TEXT)` sets JOB up again; it redirects
 * sys.stdout, so keep the snippet's own and put it back) and prints what the snippet printed. The
 * audit hook is on: time what the grader runs, as it runs it. Best of many short batches, so that
 * another process taking the core does not count.
 */
import { readFileSync } from 'node:fs';
import { sandboxPaths } from '../../libs/grader/src/repo-root.js';
import { loadExercise, loadExerciseJob } from '@app/quiz-spec';
import { committedSnapshotFile, startWorkerThread } from './worker-thread.js';

const args = new Map(process.argv.slice(3).map((a, i, all) => [a, all[i + 1] ?? '']));
const paths = sandboxPaths();
const tree = args.get('--tree') || paths.root;
const exerciseId = args.get('--exercise') || 'closures/make-counter';
const snapshotFile = args.get('--snapshot') || committedSnapshotFile(tree, paths);
const { worker, next } = await startWorkerThread(tree, paths, snapshotFile, 'none');
await next('ready');
const exercise = await loadExercise(exerciseId);
const job = await loadExerciseJob(exerciseId, exercise.question.solution);
for (let i = 0; i < 3; i++) {
  worker.postMessage({ job, startAt: 0, memoryBytes: job.limits.memoryMb * 1024 * 1024 });
  await next('job-done');
  await next('prof');
}
worker.postMessage({ type: 'eval', code: readFileSync(process.argv[2]!, 'utf8') });
console.log((await next('eval-result')).text);
await worker.terminate();

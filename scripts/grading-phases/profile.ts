/**
 * Where a grading's time goes inside the worker, phase by phase (docs/performance.md, "The
 * grading engine per grading"). A development tool, not part of the grader:
 *
 *   git apply scripts/grading-phases/instrument.patch      # timers in python-worker.mjs
 *   npx tsx scripts/grading-phases/profile.ts [--n 200] [--exercise closures/make-counter] [--tree <checkout>]
 *       [--mode timers|cprofile|none] [--top 60] [--callers <regex>] [--callees <regex>] [--snapshot <file>]
 *   git apply -R scripts/grading-phases/instrument.patch
 *
 * `--mode timers` (default): the harness functions the patch names, wrapped with perf_counter.
 * `--mode cprofile`: cProfile around every entry call, summed per function (and callers /
 * callees of the functions whose names match); only in a scratch tree whose audit hook lets
 * `sys.setprofile` and `sys.monitoring.register_callback` through (delete both from
 * lockdown.BLOCKED_EVENTS there, never here). cProfile's cost per call is large beside the
 * harness's small functions and C calls (`id`, `len`): take its shares as pointers, and time
 * what they point at with micro.ts. `--mode none`: entry calls timed only; the least disturbed
 * `process CPU per job` (the figure to compare builds with on a loaded machine).
 * The patch also times the garbage collector (gc.callbacks: `py: gc gen<n>`, none seen per job).
 *
 * It runs libs/grader/sandbox/python-worker.mjs of `--tree` in a worker thread of this process,
 * outside the sandbox process and its walls (the same interpreter, harness and memory reset),
 * posts the exercise's reference solution as a job `--n` times (after 20 warm-up jobs, 3 ms
 * apart, so that each reset is over) and prints the median of each phase in ms: `js:` phases
 * timed in the worker's JavaScript, `py:` harness functions (inclusive: a function's time
 * includes the ones it calls; the wrappers add a few µs per call).
 */
import { existsSync } from 'node:fs';
import { sandboxPaths } from '../../libs/grader/src/repo-root.js';
import { loadExercise, loadExerciseJob } from '@app/quiz-spec';
import { committedSnapshotFile, startWorkerThread } from './worker-thread.js';

const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1] ?? '']));
const n = Number(args.get('--n') || 200);
const exerciseId = args.get('--exercise') || 'closures/make-counter';
const paths = sandboxPaths();
const tree = args.get('--tree') || paths.root;

const snapshotFile = args.get('--snapshot') || committedSnapshotFile(tree, paths);
const mode = args.get('--mode') || 'timers'; // timers | cprofile (cprofile: a scratch tree whose audit hook allows it)
if (!existsSync(snapshotFile)) throw new Error(`no snapshot ${snapshotFile}: grade once without the patch (npm run grade) to make it`);
const exercise = await loadExercise(exerciseId);
const job = await loadExerciseJob(exerciseId, exercise.question.solution);
const { worker, next } = await startWorkerThread(tree, paths, snapshotFile, mode);

await next('ready');
let cpuBefore = process.cpuUsage();
const phases: Record<string, number[]> = {};
const jobs: number[] = [];
// cProfile: per function, summed over the n jobs: calls, primitive calls, tottime, cumtime (ms)
const functions = new Map<string, [number, number, number, number]>();
const callers = new Map<string, Map<string, [number, number, number]>>(); // callee -> caller -> calls, tottime, cumtime
for (let i = 0; i < n + 20; i++) {
  await new Promise((r) => setTimeout(r, 3));
  const started = performance.now();
  worker.postMessage({ job, startAt: 0, memoryBytes: job.limits.memoryMb * 1024 * 1024, sentAt: performance.timeOrigin + started });
  const done = await next('job-done');
  const doneLatency = performance.timeOrigin + performance.now() - done.doneAt!;
  const elapsed = performance.now() - started;
  const { phases: p, py } = await next('prof');
  if (i < 20) {
    cpuBefore = process.cpuUsage();
    continue;
  }
  jobs.push(elapsed);
  const timed = mode === 'timers' ? Object.fromEntries(Object.entries(py as Record<string, number>).map(([k, v]) => [`py: ${k}`, v])) : {};
  for (const [k, v] of Object.entries({ ...p, ...timed, 'host: job-done message latency': doneLatency })) (phases[k] ??= []).push(v);
  if (mode === 'cprofile') {
    for (const [name, calls, primitive, tottime, cumtime, by] of py as [string, number, number, number, number, [string, number, number, number][]][]) {
      const f = functions.get(name) ?? [0, 0, 0, 0];
      functions.set(name, [f[0] + calls, f[1] + primitive, f[2] + tottime, f[3] + cumtime]);
      const into = callers.get(name) ?? new Map<string, [number, number, number]>();
      callers.set(name, into);
      for (const [caller, c, tt, ct] of by) {
        const g = into.get(caller) ?? [0, 0, 0];
        into.set(caller, [g[0] + c, g[1] + tt, g[2] + ct]);
      }
    }
  }
}
const cpu = process.cpuUsage(cpuBefore);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
// CPU of this whole process (the worker, this thread mostly idle, GC threads) per job, the reset
// included: the figure least moved by other load on the machine.
console.log(`${exerciseId}, ${n} jobs, median ms; post → job-done ${median(jobs).toFixed(3)}; process CPU per job ${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms; load ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')}`);
for (const [k, v] of Object.entries(phases)) console.log(k.padEnd(42), median(v).toFixed(3));
if (mode === 'cprofile') {
  const top = Number(args.get('--top') || 60);
  const rows = [...functions].map(([name, [calls, , tottime, cumtime]]) => ({ name, calls: calls / n, tottime: tottime / n, cumtime: cumtime / n }));
  console.log(`\ncProfile, per job (mean of ${n}): calls, tottime ms, cumtime ms; by tottime`);
  for (const r of [...rows].sort((a, b) => b.tottime - a.tottime).slice(0, top)) {
    console.log(r.calls.toFixed(1).padStart(8), r.tottime.toFixed(3).padStart(8), r.cumtime.toFixed(3).padStart(8), ' ', r.name);
  }
  console.log('\nby cumtime');
  for (const r of [...rows].sort((a, b) => b.cumtime - a.cumtime).slice(0, top)) {
    console.log(r.calls.toFixed(1).padStart(8), r.tottime.toFixed(3).padStart(8), r.cumtime.toFixed(3).padStart(8), ' ', r.name);
  }
  // --callees <regex>: what the functions whose name matches call, per job
  const parents = args.get('--callees');
  if (parents) {
    const byParent = new Map<string, [string, number, number, number][]>();
    for (const [callee, by] of callers) {
      for (const [caller, [c, tt, ct]] of by) {
        if (new RegExp(parents).test(caller)) (byParent.get(caller) ?? byParent.set(caller, []).get(caller)!).push([callee, c, tt, ct]);
      }
    }
    for (const [parent, rows] of byParent) {
      console.log(`\ncallees of ${parent}: calls, tottime ms, cumtime ms per job`);
      for (const [callee, c, tt, ct] of rows.sort((a, b) => b[3] - a[3])) {
        console.log((c / n).toFixed(1).padStart(8), (tt / n).toFixed(3).padStart(8), (ct / n).toFixed(3).padStart(8), ' ', callee);
      }
    }
  }
  // --callers <regex>: who calls the functions whose name matches, per job
  const wanted = args.get('--callers');
  if (wanted) {
    for (const [name, by] of callers) {
      if (!new RegExp(wanted).test(name)) continue;
      console.log(`\ncallers of ${name}: calls, tottime ms, cumtime ms per job`);
      for (const [caller, [c, tt, ct]] of [...by].sort((a, b) => b[1][2] - a[1][2])) {
        console.log((c / n).toFixed(1).padStart(8), (tt / n).toFixed(3).padStart(8), (ct / n).toFixed(3).padStart(8), ' ', caller);
      }
    }
  }
}
await worker.terminate();

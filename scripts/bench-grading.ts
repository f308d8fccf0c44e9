/**
 * npm run bench:grading [-- --exercise closures/make-counter --n 300 --pause 5]
 * Prints JSON figures for the grading engine: cold start, warm latency p50/p95, gradings/s with
 * 1 and N workers, memory per worker, isolation cost (in-place reset and fresh interpreter),
 * runaway stop latency, and the same exercise graded by /usr/bin/python3 subprocesses.
 *
 * Warm latency is the latency of one grading on a warm, idle pool: each grading is submitted
 * `--pause` ms after the previous one returned, so that the previous interpreter reset (which
 * runs after the result is sent) is over. The reset's cost is in the gradings/s figures, which
 * keep every worker busy; `backToBackP50` shows a grading submitted at once after the previous.
 * `cpuMsPerGrading`: CPU of the sandbox process and of the host per grading in those runs (10 ms
 * ticks from /proc over all n gradings): the steadier figure when other work loads the machine.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GraderPool, type GradingJob, type Isolation } from '@app/grader';
import { loadExercise, loadExerciseJob } from '@app/quiz-spec';

const run = promisify(execFile);
const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1] ?? '']));
const exerciseId = args.get('--exercise') || 'closures/make-counter';
const samples = Number(args.get('--n') || 300);
const pauseMs = Number(args.get('--pause') || 5);
const cores = availableParallelism();

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const round = (x: number) => Math.round(x * 100) / 100;

async function startTimed(size: number, isolation: Isolation = 'reset') {
  const started = performance.now();
  const pool = await GraderPool.start({ size, isolation });
  return { pool, ms: performance.now() - started };
}

async function latencies(pool: GraderPool, job: GradingJob, n: number, pause = 0): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    const started = performance.now();
    const result = await pool.grade(job);
    if (result.status !== 'pass') throw new Error(`reference solution did not pass: ${JSON.stringify(result)}`);
    times.push(performance.now() - started);
  }
  return times;
}

/** CPU time of a process (user + system, all its threads) in ms, from /proc (10 ms ticks). */
async function cpuMs(pid: number | undefined): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Gradings per second with every worker busy, and the CPU each grading cost the sandbox
 * process and this (host) process: on a machine loaded by other work, wall-clock figures follow
 * the load, CPU per grading far less. */
async function throughput(pool: GraderPool, job: GradingJob, n: number) {
  const pid = pool.stats().sandboxPid;
  const sandboxBefore = await cpuMs(pid);
  const hostBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: n }, () => pool.grade(job)));
  const perSecond = n / ((performance.now() - started) / 1000);
  const host = process.cpuUsage(hostBefore);
  return { perSecond, sandboxCpuMs: ((await cpuMs(pid)) - sandboxBefore) / n, hostCpuMs: (host.user + host.system) / 1000 / n };
}

async function rssMb(pid: number | undefined): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function runawayOvershoot(pool: GraderPool, body: string): Promise<number> {
  const limitMs = 300;
  const job: GradingJob = {
    source: `import time\ndef f():\n${body}\n`, moduleName: 'solution',
    limits: { timeMsPerTest: limitMs, timeMsTotal: 5000, memoryMb: 128, outputBytes: 1000, recursionLimit: 1000 },
    tests: [{ kind: 'case', name: 'runaway', expr: 'f()', expected: 1, points: 1, visibility: 'visible', tags: [] }],
  };
  const result = await pool.grade(job);
  if (result.tests[0]!.status !== 'timeout') throw new Error('runaway was not stopped');
  return result.duration_ms - limitMs;
}

/**
 * CPU-heavy tests, timed in the engine and in /usr/bin/python3 on the same code: how much slower
 * a test that computes for a while is. `learnerBound`: the time goes into learner code (wasm
 * against native). `assertBound`: the time goes into hidden-test comparisons (each one calls
 * the strict helper); `assertEqualBound`: into unittest's assertEqual (the strict assertion). Best of 3, per test, in ms; the engine's figure is the grading's duration.
 */
const CPU_HEAVY = {
  learnerBound: { source: 'def fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n',
    test: 'def test_heavy():\n    assert fib(25) == 75025\n' },
  assertBound: { source: 'def double(x):\n    return 2 * x\n',
    test: 'def test_heavy():\n    for i in range(100000):\n        assert double(i) == i + i\n' },
  // the same through unittest's assertEqual (a TestCase of its own: a function-style test)
  assertEqualBound: { source: 'def double(x):\n    return 2 * x\n',
    test: 'import unittest\ncase = unittest.TestCase()\ndef test_heavy():\n    for i in range(100000):\n        case.assertEqual(double(i), i + i)\n' },
};

async function cpuHeavyRatios(pool: GraderPool) {
  const figures: Record<string, { engineMs: number; cpythonMs: number; ratio: number }> = {};
  for (const [name, { source, test }] of Object.entries(CPU_HEAVY)) {
    const testModule = `from solution import *\n${test}`;
    const job: GradingJob = { source, moduleName: 'solution', testModule,
      limits: { timeMsPerTest: 30000, timeMsTotal: 60000, memoryMb: 256, outputBytes: 1000, recursionLimit: 1000 },
      tests: [{ kind: 'module', name: 'test_heavy', points: 1, visibility: 'visible', tags: [] }] };
    const engine: number[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await pool.grade(job);
      if (result.status !== 'pass') throw new Error(`${name}: ${JSON.stringify(result.tests)}`);
      engine.push(result.duration_ms);
    }
    const script = `import time\n${source}\n${test}\nbest = 1e9\nfor _ in range(3):\n    t = time.perf_counter(); test_heavy(); best = min(best, time.perf_counter() - t)\nprint(best * 1000)`;
    const { stdout } = await run('/usr/bin/python3', ['-I', '-S', '-c', script]);
    const cpythonMs = Number(stdout.trim());
    const engineMs = Math.min(...engine);
    figures[name] = { engineMs: round(engineMs), cpythonMs: round(cpythonMs), ratio: round(engineMs / cpythonMs) };
  }
  return figures;
}

/** The peer: one cold CPython subprocess per grading, no sandbox at all. */
async function cpythonRunner(job: GradingJob): Promise<{ dir: string; script: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-cpython-'));
  const cases = job.tests.filter((t) => t.kind === 'case');
  const lines = [
    'import sys, types, unittest',
    `mod = types.ModuleType(${JSON.stringify(job.moduleName)})`,
    `exec(${JSON.stringify(job.source)}, mod.__dict__)`,
    `sys.modules[${JSON.stringify(job.moduleName)}] = mod`,
    // hidden support modules (the checks library of check: tests) importable like the submission
    ...Object.entries(job.supportModules ?? {}).map(([name, text]) =>
      `sup = types.ModuleType(${JSON.stringify(name)}); sys.modules[${JSON.stringify(name)}] = sup; exec(${JSON.stringify(text)}, sup.__dict__)`),
    `tests = types.ModuleType('tests'); exec(${JSON.stringify(job.testModule ?? '')}, tests.__dict__)`,
    'ok = 0',
    ...cases.map((t) => `ns = dict(vars(mod)); exec(${JSON.stringify(t.setup ?? '')}, ns); ok += eval(${JSON.stringify(t.expr ?? 'None')}, ns) is not None`),
    'suite = unittest.defaultTestLoader.loadTestsFromModule(tests)',
    'unittest.TextTestRunner(stream=open("/dev/null", "w")).run(suite)',
    'print(ok)',
  ];
  const script = join(dir, 'grade.py');
  await writeFile(script, lines.join('\n'));
  return { dir, script };
}

async function cpython(job: GradingJob, n: number) {
  const { dir, script } = await cpythonRunner(job);
  const once = async () => {
    const started = performance.now();
    await run('/usr/bin/python3', ['-I', '-S', script]);
    return performance.now() - started;
  };
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push(await once());
  const started = performance.now();
  await Promise.all(Array.from({ length: n }, () => once()));
  const perSecond = n / ((performance.now() - started) / 1000);
  await rm(dir, { recursive: true, force: true });
  return { p50Ms: percentile(times, 0.5), gradingsPerSecond: perSecond };
}

async function main() {
  const exercise = await loadExercise(exerciseId);
  const job = await loadExerciseJob(exerciseId, exercise.question.solution);

  const one = await startTimed(1);
  await latencies(one.pool, job, 20); // warm-up
  const times = await latencies(one.pool, job, samples, pauseMs);
  const backToBack = await latencies(one.pool, job, samples);
  const perSecond1 = await throughput(one.pool, job, samples);
  const rss1 = await rssMb(one.pool.stats().sandboxPid);
  const resetMs = one.pool.stats().resetMs;
  const stopInterruptible = await runawayOvershoot(one.pool, '    while True:\n        pass');
  const stopIgnoring = await runawayOvershoot(one.pool, '    time.sleep(30)');
  const cpuHeavy = await cpuHeavyRatios(one.pool);
  await one.pool.close();

  const many = await startTimed(cores);
  await latencies(many.pool, job, 20);
  const perSecondN = await throughput(many.pool, job, samples);
  const rssN = await rssMb(many.pool.stats().sandboxPid);
  const recycles = many.pool.stats().recycles;
  await many.pool.close();

  const fresh = await startTimed(1, 'fresh');
  const freshTimes = await latencies(fresh.pool, job, 10);
  await fresh.pool.close();

  const peer = await cpython(job, 40);
  const p50 = percentile(times, 0.5);
  console.log(JSON.stringify({
    exercise: exerciseId, tests: job.tests.length, cores, samples,
    coldStartMs: { oneWorker: round(one.ms), allWorkers: round(many.ms) },
    warmLatencyMs: { p50: round(p50), p95: round(percentile(times, 0.95)), pauseBetweenMs: pauseMs,
      backToBackP50: round(percentile(backToBack, 0.5)), backToBackP95: round(percentile(backToBack, 0.95)) },
    gradingsPerSecond: { oneWorker: round(perSecond1.perSecond), [`${cores}Workers`]: round(perSecondN.perSecond) },
    cpuMsPerGrading: { oneWorker: { sandbox: round(perSecond1.sandboxCpuMs), host: round(perSecond1.hostCpuMs) },
      [`${cores}Workers`]: { sandbox: round(perSecondN.sandboxCpuMs), host: round(perSecondN.hostCpuMs) } },
    memoryMb: { sandboxRssOneWorker: round(rss1), sandboxRssAllWorkers: round(rssN), perWorker: round((rssN - rss1) / Math.max(1, cores - 1)) },
    isolation: { mode: 'reset', resetMedianMs: resetMs && round(resetMs), refusedResets: recycles,
      freshInterpreterPerGradingP50Ms: round(percentile(freshTimes, 0.5)) },
    runawayStopAfterLimitMs: { interruptible: round(stopInterruptible), ignoresInterrupt: round(stopIgnoring) },
    cpythonSubprocess: { p50Ms: round(peer.p50Ms), gradingsPerSecond: round(peer.gradingsPerSecond),
      latencyRatioCpythonOverPyodide: round(peer.p50Ms / p50) },
    cpuHeavyTestEngineOverCpython: cpuHeavy,
  }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

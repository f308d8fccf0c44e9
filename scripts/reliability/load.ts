// npm run load -- [--db embedded|postgres|both] [--clients 50] [--submissions 10000] [--hostile 0.2]
//   [--workers 0] [--scrypt-cost 10] [--per-learner 18] [--tag load] [--cpu-prof <dir>] [--engine 1000]
// npm run load -- --scenario exam-start [--learners 300] [--window 15] [--hostile 0.2] [--db ...]
//   [--accounts existing|new] [--hashes-at-once N]
// Drives the built API (dist/, `npm run build` first) on 127.0.0.1.
// steady (default): `--clients` concurrent learners submit `--submissions` in all; prints
//   throughput, submit latency p50/p95/p99, lost submissions and 5xx responses. Before each
//   backend's load, the grading engine alone grades `--engine` jobs of the honest mix (0: skip),
//   and the HTTP figure is given as a share of it.
// exam-start: `--learners` arrive evenly within `--window` seconds, each signs in (or, with
//   --accounts new, signs up: the reply is the session), starts make-counter and submits once
//   (hostile share as above); prints time to verdict, lost, 5xx, /health latency and the API's
//   event-loop delay. Passwords are hashed at the API's own default cost unless --scrypt-cost
//   is given.
import { parseArgs } from 'node:util';
import { spawnApi, stopApi, waitHealthy } from './api-process.js';
import { embeddedDatabase, postgresDatabase, type ScratchDatabase } from './databases.js';
import { engineRate } from './engine-rate.js';
import { runExamStart, type ExamStartFigures } from './exam-start.js';
import { runLoad, type LoadFigures } from './load-run.js';
import { watchCpu, type CpuFigures } from './process-cpu.js';
import { saveResult } from './results.js';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'steady' },
    db: { type: 'string', default: 'both' },
    learners: { type: 'string', default: '300' },
    window: { type: 'string', default: '15' },
    /** exam-start: `existing` accounts sign in on arrival, `new` learners sign up first. */
    accounts: { type: 'string', default: 'existing' },
    clients: { type: 'string', default: '50' },
    submissions: { type: 'string', default: '10000' },
    hostile: { type: 'string', default: '0.2' },
    workers: { type: 'string', default: '0' },
    /** Default: 10 for steady (sign-ups are not what it measures), the API's own for exam-start. */
    'scrypt-cost': { type: 'string' },
    /** The API's PASSWORD_HASHES_AT_ONCE (default: the API's own, all cores but one). */
    'hashes-at-once': { type: 'string' },
    /** Submissions per learner account before the client signs up a new learner. */
    'per-learner': { type: 'string', default: '18' },
    tag: { type: 'string', default: 'load' },
    /** Writes a V8 CPU profile of the API process into this directory (node --cpu-prof). */
    'cpu-prof': { type: 'string' },
    /** Gradings for the engine-alone figure measured before each load (0: not measured). */
    engine: { type: 'string', default: '1000' },
  },
});

const perLearner = Number(values['per-learner']);
/** The API's default (20) unless the learners submit more: the throttle is not what is measured. */
const codeRunsPerMinute = Math.max(20, perLearner + 2);

const examStart = values.scenario === 'exam-start';
if (!examStart && values.scenario !== 'steady') throw new Error(`--scenario: steady or exam-start, not "${values.scenario}"`);
const scryptCost = values['scrypt-cost'] ?? (examStart ? undefined : '10');

type Run = LoadFigures & { backend: string; bootMs: number; loadStartMs: number; cpuSeconds?: CpuFigures; engineGradingsPerSecond?: number };
type ExamRun = ExamStartFigures & { backend: string; bootMs: number; cpuSeconds?: CpuFigures };

/** Boots the API on `database`, runs `scenario` against it with the CPU watched, then stops and drops it. */
async function withApi<T>(database: ScratchDatabase, env: Record<string, string>, scenario: (baseUrl: string) => Promise<T>) {
  const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
  const hashes: Record<string, string> = values['hashes-at-once'] ? { PASSWORD_HASHES_AT_ONCE: values['hashes-at-once'] } : {};
  const api = await spawnApi({ ...database.env, GRADER_WORKERS: values.workers!, ...(scryptCost ? { SCRYPT_COST: scryptCost } : {}), ...hashes, ...env }, { nodeArgs: profile });
  const spawnedAt = performance.now();
  try {
    const bootMs = await waitHealthy(api);
    const loadStartMs = Math.round(performance.now() - spawnedAt);
    const cpu = watchCpu(api.child.pid, database.env.DATABASE_URL && new URL(database.env.DATABASE_URL).pathname.slice(1));
    const figures = await scenario(api.baseUrl);
    if (api.child.exitCode !== null) throw new Error(`the API died during the load:\n${api.output()}`);
    const warnings = api.lines(/"level":(40|50|60)/);
    if (warnings.length > 0) console.log(`   the API logged ${warnings.length} warnings or errors, the first: ${warnings.slice(0, 5).join('\n     ')}`);
    return { backend: database.label, bootMs, loadStartMs, ...figures, cpuSeconds: cpu.stop() };
  } finally {
    await stopApi(api);
    await database.drop();
  }
}

async function loadOn(database: ScratchDatabase): Promise<Run> {
  const engineGradings = Number(values.engine);
  const engineGradingsPerSecond = engineGradings > 0 ? await engineRate(engineGradings) : undefined;
  const run = await withApi(database, { CODE_RUNS_PER_MINUTE: String(codeRunsPerMinute) }, (baseUrl) =>
    runLoad({ baseUrl, clients: Number(values.clients), submissions: Number(values.submissions), hostileShare: Number(values.hostile), perLearner }));
  return { ...run, engineGradingsPerSecond };
}

function examStartOn(database: ScratchDatabase): Promise<ExamRun> {
  return withApi(database, {}, (baseUrl) =>
    runExamStart({ baseUrl, learners: Number(values.learners), windowSeconds: Number(values.window), hostileShare: Number(values.hostile), accounts: values.accounts === 'new' ? 'new' : 'existing' }));
}

function printExam(figures: ExamRun): void {
  const t = figures.timeToVerdictMs;
  const a = figures.arrivalToVerdictMs;
  const h = figures.healthMs;
  const e = figures.eventLoopDelayMs;
  const how = figures.accounts === 'new' ? 'signing up (signed in by the reply)' : 'signing in (accounts made before)';
  console.log(`\n== ${figures.backend}: exam start, ${figures.learners} learners arriving within ${figures.windowSeconds} s, ${how} (${figures.seconds} s until the last verdict)`);
  console.log(`   time to verdict (submit -> verdict) p50 ${t.p50} ms, p95 ${t.p95} ms, p99 ${t.p99} ms, max ${t.max} ms`);
  console.log(`   arrival -> verdict (${figures.accounts === 'new' ? 'sign-up' : 'sign-in'}, start, submit) p50 ${a.p50} ms, p95 ${a.p95} ms, p99 ${a.p99} ms, max ${a.max} ms`);
  console.log(`   accepted ${figures.accepted}, final ${figures.final}, lost ${figures.lost}, not started ${figures.notStarted}, rejected ${JSON.stringify(figures.rejectedByStatus)}`);
  console.log(`   5xx ${figures.responses5xx}, network errors ${figures.networkErrors}; mix ${JSON.stringify(figures.byKind)}; verdicts ${JSON.stringify(figures.verdicts)}`);
  console.log(`   /health p50 ${h.p50} ms, p95 ${h.p95} ms, p99 ${h.p99} ms, max ${h.max} ms (${h.probes} probes, ${h.not200} not 200)`);
  if (h.slowest.length > 0) console.log(`   /health over 1 s (s into the run / ms / status): ${h.slowest.map((x) => `${x.atS}/${x.ms}/${x.status}`).join(', ')}`);
  console.log(`   API event-loop delay: worst 10 s window p99 ${e.worstWindowP99} ms, max ${e.max} ms (${e.windows} windows)`);
  const cpu = figures.cpuSeconds;
  if (cpu) console.log(`   CPU seconds: API process ${cpu.api}, grader sandbox ${cpu.sandbox}, PostgreSQL backends ${cpu.postgres}, this load client ${cpu.loadClient}`);
}

function print(figures: Run): void {
  const l = figures.submitLatencyMs;
  console.log(`\n== ${figures.backend}: ${figures.clients} clients, ${figures.accepted} submissions accepted in ${figures.seconds} s`);
  console.log(`   throughput ${figures.acceptedPerSecond} submissions/s accepted, ${figures.gradedPerSecond}/s with final verdicts`);
  console.log(`   submit latency p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms`);
  console.log(`   lost ${figures.lost}, 5xx ${figures.responses5xx}, network errors ${figures.networkErrors}, rejected ${JSON.stringify(figures.rejectedByStatus)}`);
  console.log(`   mix ${JSON.stringify(figures.byKind)}; statuses ${JSON.stringify(figures.statuses)}`);
  if (figures.engineGradingsPerSecond) {
    console.log(`   engine alone (same run, same mix): ${figures.engineGradingsPerSecond} gradings/s; HTTP = ${Math.round((figures.acceptedPerSecond / figures.engineGradingsPerSecond) * 100)}% of it`);
  }
  if (values['cpu-prof']) console.log(`   the load began ${figures.loadStartMs} ms after the API started: npx tsx scripts/profile-summary.ts <profile> --from-ms ${figures.loadStartMs} --per ${figures.accepted}`);
  const cpu = figures.cpuSeconds;
  if (cpu) console.log(`   CPU seconds during the load: API process ${cpu.api}, grader sandbox ${cpu.sandbox}, PostgreSQL backends ${cpu.postgres}, this load client ${cpu.loadClient}`);
}

async function main(): Promise<void> {
  const backends = values.db === 'both' ? ['embedded', 'postgres'] : [values.db!];
  const runs = [];
  for (const backend of backends) {
    const database = backend === 'postgres' ? await postgresDatabase() : await embeddedDatabase();
    if (examStart) {
      const figures = await examStartOn(database);
      printExam(figures);
      runs.push(figures);
    } else {
      const figures = await loadOn(database);
      print(figures);
      runs.push(figures);
    }
  }
  const file = saveResult(values.tag!, { options: values, at: new Date().toISOString(), runs });
  console.log(`\nfigures saved to ${file}`);
  if (runs.some((run) => run.lost > 0 || run.responses5xx > 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

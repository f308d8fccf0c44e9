// npm run load -- [--db embedded|postgres|both] [--clients 50] [--submissions 10000] [--hostile 0.2]
//   [--workers 0] [--scrypt-cost 10] [--per-learner 18] [--tag load] [--cpu-prof <dir>] [--engine 1000]
// Drives the built API (dist/, `npm run build` first) on 127.0.0.1 with concurrent learners and
// prints throughput, submit latency p50/p95/p99, lost submissions and 5xx responses. Before each
// backend's load, the grading engine alone grades `--engine` jobs of the honest mix (0: skip), and
// the HTTP figure is given as a share of it.
import { parseArgs } from 'node:util';
import { spawnApi, stopApi, waitHealthy } from './api-process.js';
import { embeddedDatabase, postgresDatabase, type ScratchDatabase } from './databases.js';
import { engineRate } from './engine-rate.js';
import { runLoad, type LoadFigures } from './load-run.js';
import { watchCpu, type CpuFigures } from './process-cpu.js';
import { saveResult } from './results.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    clients: { type: 'string', default: '50' },
    submissions: { type: 'string', default: '10000' },
    hostile: { type: 'string', default: '0.2' },
    workers: { type: 'string', default: '0' },
    'scrypt-cost': { type: 'string', default: '10' },
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

type Run = LoadFigures & { backend: string; bootMs: number; loadStartMs: number; cpuSeconds?: CpuFigures; engineGradingsPerSecond?: number };

async function loadOn(database: ScratchDatabase): Promise<Run> {
  const engineGradings = Number(values.engine);
  const engineGradingsPerSecond = engineGradings > 0 ? await engineRate(engineGradings) : undefined;
  const profile = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
  const api = await spawnApi({ ...database.env, GRADER_WORKERS: values.workers!, SCRYPT_COST: values['scrypt-cost']!, CODE_RUNS_PER_MINUTE: String(codeRunsPerMinute) }, { nodeArgs: profile });
  const spawnedAt = performance.now();
  try {
    const bootMs = await waitHealthy(api);
    const loadStartMs = Math.round(performance.now() - spawnedAt);
    const cpu = watchCpu(api.child.pid, database.env.DATABASE_URL && new URL(database.env.DATABASE_URL).pathname.slice(1));
    const figures = await runLoad({ baseUrl: api.baseUrl, clients: Number(values.clients), submissions: Number(values.submissions), hostileShare: Number(values.hostile), perLearner });
    if (api.child.exitCode !== null) throw new Error(`the API died during the load:\n${api.output()}`);
    const cpuSeconds = cpu.stop();
    return { backend: database.label, bootMs, loadStartMs, ...figures, cpuSeconds, engineGradingsPerSecond };
  } finally {
    await stopApi(api);
    await database.drop();
  }
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
    const figures = await loadOn(database);
    print(figures);
    runs.push(figures);
  }
  const file = saveResult(values.tag!, { options: values, at: new Date().toISOString(), runs });
  console.log(`\nfigures saved to ${file}`);
  if (runs.some((run) => run.lost > 0 || run.responses5xx > 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

// npm run load -- [--db embedded|postgres|both] [--clients 50] [--submissions 10000] [--hostile 0.2]
// Drives the built API (dist/, `npm run build` first) on 127.0.0.1 with concurrent learners and
// prints throughput, submit latency p50/p95/p99, lost submissions and 5xx responses.
import { parseArgs } from 'node:util';
import { spawnApi, stopApi, waitHealthy } from './api-process.js';
import { embeddedDatabase, postgresDatabase, type ScratchDatabase } from './databases.js';
import { runLoad, type LoadFigures } from './load-run.js';
import { saveResult } from './results.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    clients: { type: 'string', default: '50' },
    submissions: { type: 'string', default: '10000' },
    hostile: { type: 'string', default: '0.2' },
    workers: { type: 'string', default: '0' },
    'bcrypt-cost': { type: 'string', default: '4' },
    tag: { type: 'string', default: 'load' },
  },
});

async function loadOn(database: ScratchDatabase): Promise<LoadFigures & { backend: string; bootMs: number }> {
  const api = await spawnApi({ ...database.env, GRADER_WORKERS: values.workers!, BCRYPT_COST: values['bcrypt-cost']! });
  try {
    const bootMs = await waitHealthy(api);
    const figures = await runLoad({ baseUrl: api.baseUrl, clients: Number(values.clients), submissions: Number(values.submissions), hostileShare: Number(values.hostile) });
    if (api.child.exitCode !== null) throw new Error(`the API died during the load:\n${api.output()}`);
    return { backend: database.label, bootMs, ...figures };
  } finally {
    await stopApi(api);
    await database.drop();
  }
}

function print(figures: LoadFigures & { backend: string }): void {
  const l = figures.submitLatencyMs;
  console.log(`\n== ${figures.backend}: ${figures.clients} clients, ${figures.accepted} submissions accepted in ${figures.seconds} s`);
  console.log(`   throughput ${figures.acceptedPerSecond} submissions/s accepted, ${figures.gradedPerSecond}/s with final verdicts`);
  console.log(`   submit latency p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms`);
  console.log(`   lost ${figures.lost}, 5xx ${figures.responses5xx}, network errors ${figures.networkErrors}, rejected ${JSON.stringify(figures.rejectedByStatus)}`);
  console.log(`   mix ${JSON.stringify(figures.byKind)}; statuses ${JSON.stringify(figures.statuses)}`);
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

// npm run fault:api-kill -- [--db embedded|postgres] [--kills 2] [--submissions 200] [--clients 10]
// The API process is SIGKILLed during load (with submissions pending and grading), restarted on
// the same port and data; afterwards every accepted submission must have a final verdict and no
// stored submission may stay pending or grading.
import { parseArgs } from 'node:util';
import { adminToken, ADMIN_ENV, settled } from './admin.js';
import { freePort, spawnApi, stopApi, waitHealthy, type ApiProcess } from './api-process.js';
import { embeddedDatabase, postgresDatabase } from './databases.js';
import { runLoad } from './load-run.js';
import { saveResult } from './results.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string', default: 'embedded' },
    kills: { type: 'string', default: '2' },
    submissions: { type: 'string', default: '200' },
    clients: { type: 'string', default: '10' },
  },
});

async function main(): Promise<void> {
  const database = values.db === 'postgres' ? await postgresDatabase() : await embeddedDatabase();
  const port = await freePort();
  const env = { ...database.env, ...ADMIN_ENV, SCRYPT_COST: '10', LOG_LEVEL: 'info' };
  const total = Number(values.submissions);
  const kills = Number(values.kills);
  let api: ApiProcess = await spawnApi(env, { port });
  const restarts: { atAccepted: number; recovered: number | null; downMs: number }[] = [];
  try {
    await waitHealthy(api);
    let restarting: Promise<void> = Promise.resolve();
    const killPoints = Array.from({ length: kills }, (_, i) => Math.round(((i + 1) * total) / (kills + 1)));
    const figures = await runLoad({
      baseUrl: api.baseUrl, clients: Number(values.clients), submissions: total, hostileShare: 0.2,
      onAccepted: (count) => {
        if (count !== killPoints[restarts.length]) return;
        const entry = { atAccepted: count, recovered: null as number | null, downMs: 0 };
        restarts.push(entry);
        restarting = restarting.then(async () => {
          const killedAt = Date.now();
          await stopApi(api, 'SIGKILL');
          api = await spawnApi(env, { port });
          await waitHealthy(api);
          entry.downMs = Date.now() - killedAt;
          const recovered = /Recovered (\d+) unfinished submissions/.exec(api.lines(/Recovered \d+ unfinished/).join('\n'));
          entry.recovered = recovered ? Number(recovered[1]) : 0;
        });
      },
    });
    await restarting;
    const counts = await settled(api.baseUrl, await adminToken(api.baseUrl));
    const stuck = counts.pending + counts.grading;
    const result = { backend: database.label, kills: restarts, load: figures, stored: counts, stuck };
    saveResult(`fault-api-kill-${values.db}`, result);
    console.log(JSON.stringify({ backend: database.label, restarts, accepted: figures.accepted, lost: figures.lost, stored: counts, responses5xx: figures.responses5xx, networkErrors: figures.networkErrors }, null, 2));
    if (figures.lost > 0 || stuck > 0 || restarts.length < kills) process.exitCode = 1;
  } finally {
    await stopApi(api);
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

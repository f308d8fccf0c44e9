// npm run fault:pg-restart -- [--outage-ms 8000] [--submissions 150] [--clients 10]
// A private PostgreSQL (never the shared one) is stopped during load and started again. While it
// is down, database routes must answer 503 with Retry-After within a few seconds (no hang, no
// 500); once it is back the API must recover by itself, and no accepted submission may be lost.
import { parseArgs } from 'node:util';
import { adminToken, ADMIN_ENV, settled } from './admin.js';
import { spawnApi, stopApi, waitHealthy } from './api-process.js';
import { embeddedDatabase } from './databases.js';
import { call, Learner, newStats, type Reply } from './learner-client.js';
import { runLoad } from './load-run.js';
import { PrivatePostgres } from './private-postgres.js';
import { saveResult } from './results.js';
import { RIGHT } from './sources.js';

const { values } = parseArgs({
  options: {
    'outage-ms': { type: 'string', default: '8000' },
    submissions: { type: 'string', default: '150' },
    clients: { type: 'string', default: '10' },
  },
});

interface Probe {
  status: number;
  ms: number;
  retryAfter: string | null;
}

/** Calls a read route and a write route of the learner every 250 ms while `active()` holds. */
async function probeWhile(learner: Learner, baseUrl: string, active: () => boolean): Promise<Probe[]> {
  const probes: Probe[] = [];
  const stats = newStats();
  const record = (reply: Reply) => probes.push({ status: reply.status, ms: Math.round(reply.ms), retryAfter: reply.headers.get('retry-after') });
  while (active()) {
    record(await call(stats, `${baseUrl}/api/me/attempts`, { token: learner.token }));
    record(await call(stats, `${baseUrl}/api/attempts/${learner.attemptId}/questions/make-counter/run`, { method: 'POST', token: learner.token, json: { source: RIGHT } }));
    await new Promise((done) => setTimeout(done, 250));
  }
  return probes;
}

/** Time from the database's start until a database route answers 200 again. */
async function recoveryMs(learner: Learner, baseUrl: string): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    if ((await call(newStats(), `${baseUrl}/api/me/attempts`, { token: learner.token })).status === 200) return Date.now() - started;
    await new Promise((done) => setTimeout(done, 100));
  }
  return -1;
}

async function main(): Promise<void> {
  const server = await PrivatePostgres.create();
  const scratch = await embeddedDatabase(); // only for DATA_DIR (jwt secret); the data is in PostgreSQL
  const api = await spawnApi({ ...scratch.env, DATABASE_URL: server.url, ...ADMIN_ENV, SCRYPT_COST: '10' });
  try {
    await waitHealthy(api);
    const prober = new Learner(api.baseUrl, newStats());
    if (!(await prober.begin())) throw new Error('the probing learner could not start');
    const outage = { probes: [] as Probe[], recoveryMs: 0, downAt: 0 };
    let fault: Promise<void> | undefined;
    const total = Number(values.submissions);
    const load = await runLoad({
      baseUrl: api.baseUrl, clients: Number(values.clients), submissions: total, hostileShare: 0.2,
      onAccepted: (count) => {
        if (count !== Math.round(total / 3) || fault) return;
        fault = (async () => {
          server.stop('fast');
          let down = true;
          const probing = probeWhile(prober, api.baseUrl, () => down);
          await new Promise((done) => setTimeout(done, Number(values['outage-ms'])));
          server.start();
          down = false;
          outage.probes = await probing;
          outage.recoveryMs = await recoveryMs(prober, api.baseUrl);
        })();
      },
    });
    await fault;
    const counts = await settled(api.baseUrl, await adminToken(api.baseUrl));
    const during = outage.probes;
    const summary = {
      outageMs: Number(values['outage-ms']),
      probes: during.length,
      probeStatuses: countBy(during.map((p) => String(p.status))),
      probe503WithRetryAfter: during.filter((p) => p.status === 503 && p.retryAfter).length,
      probe500: during.filter((p) => p.status === 500).length,
      slowestProbeMs: Math.max(0, ...during.map((p) => p.ms)),
      recoveryMs: outage.recoveryMs,
      load: { accepted: load.accepted, lost: load.lost, statuses: load.statuses, networkErrors: load.networkErrors, p99: load.submitLatencyMs.p99 },
      stored: counts,
      apiAlive: api.child.exitCode === null,
      errors500: api.lines(/-> 500/).slice(0, 5),
    };
    saveResult('fault-pg-restart', summary);
    console.log(JSON.stringify(summary, null, 2));
    const bad = summary.probe500 > 0 || load.lost > 0 || counts.pending + counts.grading > 0 || summary.recoveryMs < 0 || (load.statuses['500'] ?? 0) > 0;
    if (bad) process.exitCode = 1;
  } finally {
    await stopApi(api);
    await scratch.drop();
    server.destroy();
  }
}

function countBy(keys: string[]): Record<string, number> {
  return keys.reduce<Record<string, number>>((acc, key) => ({ ...acc, [key]: (acc[key] ?? 0) + 1 }), {});
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

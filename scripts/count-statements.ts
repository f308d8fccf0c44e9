/**
 * npx tsx scripts/count-statements.ts [--submissions 100]
 * Counts the SQL statements the built API (dist/, `npm run build` first) sends per submission:
 * a private PostgreSQL (the shared server is not touched) with pg_stat_statements, one learner
 * after another submitting make-counter and reading the verdict back (as the load's drain does),
 * then the statements per submission, per phase, grouped by statement text. BEGIN and COMMIT
 * count: each is a round trip (and on the embedded database a trip through the same engine).
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { spawnApi, stopApi, waitHealthy } from './reliability/api-process.js';
import { PrivatePostgres } from './reliability/private-postgres.js';
import { Learner, newStats } from './reliability/learner-client.js';
import { RIGHT } from './reliability/sources.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { values } = parseArgs({ options: { submissions: { type: 'string', default: '100' } } });
const n = Number(values.submissions);
const DB = 'pyquiz_statements';

interface Statement { query: string; calls: number; ms: number; toplevel: boolean }

async function snapshot(admin: pg.Client): Promise<Statement[]> {
  const { rows } = await admin.query<{ query: string; calls: string; ms: number; toplevel: boolean }>(
    `SELECT s.query, s.calls::text AS calls, s.total_exec_time AS ms, s.toplevel FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
     WHERE d.datname = $1 ORDER BY s.toplevel DESC, s.calls DESC`, [DB]);
  return rows.map((row) => ({ query: row.query.replace(/\s+/g, ' ').trim(), calls: Number(row.calls), ms: row.ms, toplevel: row.toplevel }));
}

/** Top-level statements are the API's round trips; nested ones run inside them (SQL functions, foreign-key checks). */
function report(title: string, statements: Statement[]): void {
  const per = (select: (s: Statement) => boolean) => (statements.filter(select).reduce((sum, s) => sum + s.calls, 0) / n).toFixed(2);
  const ms = statements.filter((s) => s.toplevel).reduce((sum, s) => sum + s.ms, 0);
  console.log(`\n== ${title}: ${per((s) => s.toplevel)} round trips (${per((s) => !s.toplevel)} nested statements) and ${(ms / n).toFixed(2)} ms of execution in PostgreSQL per submission`);
  for (const s of statements) console.log(`${(s.calls / n).toFixed(2).padStart(6)}  ${(s.ms / s.calls).toFixed(3).padStart(7)} ms  ${s.toplevel ? '' : '(nested) '}${s.query.slice(0, 140)}`);
}

async function main(): Promise<void> {
  const server = await PrivatePostgres.create(['shared_preload_libraries=pg_stat_statements', 'pg_stat_statements.track=all']);
  const dataDir = mkdtempSync(join(tmpdir(), 'pyquiz-statements-'));
  const admin = new pg.Client({ connectionString: server.url });
  try {
    await admin.connect();
    await admin.query('CREATE EXTENSION pg_stat_statements');
    await admin.query(`CREATE DATABASE ${DB}`);
    const url = new URL(server.url);
    url.pathname = `/${DB}`;
    const api = await spawnApi({ DATABASE_URL: url.toString(), DATA_DIR: dataDir, SCRYPT_COST: '10', CODE_RUNS_PER_MINUTE: String(n + 10) });
    try {
      await waitHealthy(api);
      const learner = new Learner(api.baseUrl, newStats());
      if (!(await learner.begin())) throw new Error('the learner could not start an attempt');
      await new Promise((done) => setTimeout(done, 1000)); // boot-time work (catalog, recovery) settles
      await admin.query('SELECT pg_stat_statements_reset()');
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const reply = await learner.submit(RIGHT);
        if (reply.status !== 201 || !reply.id) throw new Error(`submission ${i} answered ${reply.status}`);
        ids.push(reply.id);
      }
      report('POST .../submissions (stored, graded, verdict stored, answer kept, response read)', await snapshot(admin));
      await admin.query('SELECT pg_stat_statements_reset()');
      for (const id of ids) await learner.verdict(id);
      report('GET /api/submissions/:id (a poll)', await snapshot(admin));
    } finally {
      await stopApi(api);
    }
  } finally {
    await admin.end().catch(() => undefined);
    server.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * npx tsx scripts/bench-pglite-parsers.ts [--statements 2000] [--rounds 5]
 * Event-loop CPU per statement on the embedded database with PGlite's full parser table (316
 * entries, copied for every statement it answers) and with the one `keepUsedParsers` leaves,
 * alternated round by round in one process so that the machine's load weighs on both alike.
 * Statements as the Prisma adapter sends them: parameters, rows as arrays, its own parsers.
 */
import { PGlite } from '@electric-sql/pglite';
import { parseArgs } from 'node:util';
import { keepUsedParsers } from '../libs/db/src/pglite-parsers.js';

const { values } = parseArgs({ options: { statements: { type: 'string', default: '2000' }, rounds: { type: 'string', default: '5' } } });
const statements = Number(values.statements);
const ADAPTER_OPTIONS = { rowMode: 'array' as const, parsers: { 114: (x: string) => x, 3802: (x: string) => x, 1184: (x: string) => x } };
const SUBMISSION_READ = `SELECT "id"::text, "status", "score", "result", "createdAt" FROM "submissions" WHERE "id" = $1::uuid`;

async function cpuMsPerStatement(pg: PGlite, id: string): Promise<number> {
  const before = process.cpuUsage();
  for (let i = 0; i < statements; i++) await pg.query(SUBMISSION_READ, [id], ADAPTER_OPTIONS);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / statements;
}

async function main(): Promise<void> {
  const full = await PGlite.create();
  const lean = await PGlite.create();
  keepUsedParsers(lean);
  const result = JSON.stringify({ score: 1, tests: Array.from({ length: 8 }, (_, i) => ({ name: `test ${i}`, status: 'passed', score: 1, message: '' })) });
  let id = '';
  for (const pg of [full, lean]) {
    await pg.exec(`CREATE TABLE "submissions" ("id" uuid PRIMARY KEY DEFAULT gen_random_uuid(), "status" text, "score" float8, "result" jsonb, "createdAt" timestamptz DEFAULT now())`);
    id = (await pg.query<{ id: string }>(`INSERT INTO "submissions" ("id", "status", "score", "result") VALUES ('6f1c7c4e-3b0a-4c7e-9d8a-1f2e3d4c5b6a', 'graded', 1, $1) RETURNING "id"`, [result])).rows[0]!.id;
    await cpuMsPerStatement(pg, id); // warm-up
  }
  console.log(`parser entries: full ${Object.keys(full.parsers).length}, kept ${Object.keys(lean.parsers).length}`);
  for (let round = 1; round <= Number(values.rounds); round++) {
    const fullMs = await cpuMsPerStatement(full, id);
    const leanMs = await cpuMsPerStatement(lean, id);
    console.log(`round ${round}: CPU per statement, full table ${fullMs.toFixed(3)} ms, kept ${leanMs.toFixed(3)} ms (${(fullMs - leanMs).toFixed(3)} ms less)`);
  }
  await Promise.all([full.close(), lean.close()]);
}

void main();

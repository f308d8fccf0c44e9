/**
 * npm run bench:queue [-- --n 1000 --workers 1]
 * Prints JSON: submissions graded per second through the BullMQ queue with 1 and 2 grader
 * processes (apps/grader, `--workers` interpreters each), on a scratch PostgreSQL database and a
 * scratch queue of the local Redis (QUEUE_URL, default redis://127.0.0.1:6379). Each run: start
 * the graders, grade 50 submissions to warm them, then time N stored submissions from enqueue to
 * the last verdict in the database.
 */
import { loadavg } from 'node:os';
import pg from 'pg';
import { applyMigrations, createAdapter, PrismaService, resolveDatabaseConfig } from '@app/db';
import { GradingQueueClient } from '../apps/api/src/grading/queue/grading-queue.client.js';
import { startGrader, type GraderProcess } from '../test/queue/support/grader-process.js';
import { redisUnreachable, uniqueQueueName } from '../test/queue/support/redis.js';
import { insertSubmissions, seedExercise, type Seeded } from '../test/queue/support/seed.js';

const args = new Map(process.argv.slice(2).map((a, i, all) => [a, all[i + 1] ?? '']));
const submissions = Number(args.get('--n') || 1000);
const workersPerGrader = Number(args.get('--workers') || 1);
const queueUrl = process.env.QUEUE_URL || 'redis://127.0.0.1:6379';
const adminUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function gradeAll(prisma: PrismaService, client: GradingQueueClient, seeded: Seeded, n: number): Promise<number> {
  const ids = await insertSubmissions(prisma, seeded, n);
  const started = performance.now();
  await client.addSubmissions(ids);
  while ((await prisma.submission.count({ where: { id: { in: ids }, status: { in: ['graded', 'error'] } } })) < n) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return (performance.now() - started) / 1000;
}

async function run(graderCount: number, databaseUrl: string, prisma: PrismaService, seeded: Seeded) {
  const name = uniqueQueueName('bench');
  const env = { QUEUE_URL: queueUrl, QUEUE_NAME: name, DATABASE_URL: databaseUrl, GRADER_WORKERS: String(workersPerGrader), LOG_LEVEL: 'warn' };
  const graders: GraderProcess[] = await Promise.all(Array.from({ length: graderCount }, () => startGrader(env, 180_000)));
  const client = GradingQueueClient.open(queueUrl, name);
  try {
    await client.ready();
    await gradeAll(prisma, client, seeded, 50);
    const seconds = await gradeAll(prisma, client, seeded, submissions);
    return { graders: graderCount, workersPerGrader, submissions, seconds: Math.round(seconds * 100) / 100, perSecond: Math.round(submissions / seconds) };
  } finally {
    await Promise.all(graders.map((grader) => grader.stop()));
    await client.obliterate();
    await client.close();
  }
}

async function main(): Promise<void> {
  const unreachable = await redisUnreachable(queueUrl);
  if (unreachable) throw new Error(unreachable);
  const database = `pyquiz_bench_${process.pid}`;
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  await admin(`CREATE DATABASE "${database}"`);
  const adapter = createAdapter(resolveDatabaseConfig({ DATABASE_URL: url.toString() }));
  const prisma = new PrismaService(adapter, { migrateOnStart: false });
  try {
    await applyMigrations(adapter);
    await prisma.$connect();
    const seeded = await seedExercise(prisma);
    const runs = [];
    for (const graderCount of [1, 2]) runs.push(await run(graderCount, url.toString(), prisma, seeded));
    console.log(JSON.stringify({ exercise: 'closures/accumulator', runs, loadAverage1m: Math.round(loadavg()[0]! * 100) / 100 }, null, 2));
  } finally {
    await prisma.$disconnect();
    await adapter.close();
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});

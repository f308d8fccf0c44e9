// npx tsx scripts/reliability/load-grader-ceiling.ts [--n 2000] [--workers 0] [--concurrency 50] [--hostile 0.2]
// Grades the load's own mix (scripts/reliability/sources.ts) straight on a GraderPool, without
// HTTP or a database: the ceiling `npm run load` can reach on this machine with that mix.
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { GraderPool } from '@app/grader';
import { loadExerciseJob } from '@app/quiz-spec';
import { sourceFor } from './sources.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '2000' },
    workers: { type: 'string', default: '0' },
    concurrency: { type: 'string', default: '50' },
    hostile: { type: 'string', default: '0.2' },
  },
});

async function main(): Promise<void> {
  const n = Number(values.n);
  const size = Number(values.workers) || availableParallelism();
  const jobs = await Promise.all(Array.from({ length: 100 }, (_, slot) => loadExerciseJob('closures/make-counter', sourceFor(slot, Number(values.hostile)).source)));
  const pool = await GraderPool.start({ size });
  const byKind = new Map<string, number[]>();
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: Number(values.concurrency) }, async () => {
    for (let i = next++; i < n; i = next++) {
      const t0 = performance.now();
      await pool.grade(jobs[i % 100]!);
      const kind = sourceFor(i, Number(values.hostile)).kind;
      byKind.set(kind, [...(byKind.get(kind) ?? []), performance.now() - t0]);
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
  console.log(JSON.stringify({ n, workers: size, concurrency: Number(values.concurrency), seconds: Math.round(seconds * 10) / 10,
    gradingsPerSecond: Math.round((n / seconds) * 10) / 10,
    meanQueuedLatencyMsByKind: Object.fromEntries([...byKind].map(([k, xs]) => [k, mean(xs)])) }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * npm run seed:demo -- [--learners 40] [--days 30] [--seed 1]
 * Fills the app's database (DATABASE_URL, else the PGlite folder in DATA_DIR) with invented
 * learner history so the admin dashboards and the web UI have something to show: migrates,
 * loads the catalogue from EXERCISES_DIR (as the app does at start), then adds demo learners
 * (`demo-learner-001@example.org`..., password `demo-password`). Refuses to run twice on one
 * database. Stop the app first when it runs on PGlite (one process per data folder).
 */
import { parseArgs } from 'node:util';
import { applyMigrations, createAdapter, PrismaService, resolveDatabaseConfig } from '@app/db';
import type { Environment } from '@app/config';
import { hashScrypt, scryptParams } from '../apps/api/src/auth/scrypt-hash.js';
import { CatalogRepository } from '../apps/api/src/catalog/catalog.repository.js';
import { CatalogSyncService } from '../apps/api/src/catalog/catalog-sync.service.js';
import { seedDemoHistory } from '../apps/api/src/dashboard/testing/demo-history.js';

const EMAIL_PREFIX = 'demo-learner-';
const DEMO_PASSWORD = 'demo-password';

function options(): { learners: number; days: number; seed: number } {
  const { values } = parseArgs({
    options: { learners: { type: 'string', default: '40' }, days: { type: 'string', default: '30' }, seed: { type: 'string', default: '1' } },
  });
  const read = (name: string, value: string, max: number) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1 || number > max) throw new Error(`--${name} must be an integer from 1 to ${max}`);
    return number;
  };
  return { learners: read('learners', values.learners, 100_000), days: read('days', values.days, 366), seed: read('seed', values.seed, 2 ** 31) };
}

async function main(): Promise<void> {
  const { learners, days, seed } = options();
  const adapter = createAdapter(resolveDatabaseConfig(process.env));
  await applyMigrations(adapter);
  const prisma = new PrismaService(adapter, { migrateOnStart: false });
  await prisma.$connect();
  try {
    const exercisesDir = process.env.EXERCISES_DIR || './exercises';
    await new CatalogSyncService({ EXERCISES_DIR: exercisesDir } as Environment, new CatalogRepository(prisma)).sync();
    if ((await prisma.user.count({ where: { email: { startsWith: EMAIL_PREFIX } } })) > 0) {
      console.log('Demo learners already exist in this database: nothing added.');
      return;
    }
    const started = performance.now();
    const passwordHash = await hashScrypt(DEMO_PASSWORD, scryptParams(15));
    const counts = await seedDemoHistory(prisma, { learners, days, seed, passwordHash, emailPrefix: EMAIL_PREFIX });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`Seeded in ${seconds} s: ${JSON.stringify(counts)} (password of every demo learner: ${DEMO_PASSWORD})`);
  } finally {
    await prisma.$disconnect();
    await adapter.close();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyMigrations,
  createAdapter,
  PrismaService,
  resolveDatabaseConfig,
  type DatabaseAdapter,
  type DatabaseConfig,
} from '../../../libs/db/src/index.js';
import { createDatabase, dropDatabase, isReachable } from './postgres-server.js';
import { adminDatabaseUrl, databaseUrl, TEST_DB_ENV, testDatabaseName, type TestBackend } from './test-database-env.js';
import { copyPgliteTemplate } from './test-template.js';

export interface TestDatabase {
  backend: TestBackend;
  /** PostgreSQL URL of this spec's own database (undefined on PGlite). */
  url?: string;
  /** Pass to DbModule.forRoot(config, { migrateOnStart: false }) to boot an app on this database. */
  config: DatabaseConfig;
  /** Connected client on this database; `drop()` disconnects it. */
  prisma: PrismaService;
  adapter: DatabaseAdapter;
  /** Disconnects and deletes the database. Call in afterAll. */
  drop(): Promise<void>;
}

/**
 * A migrated database of its own for one spec file: a copy of the run's template
 * (`CREATE DATABASE x TEMPLATE tmpl` on PostgreSQL, a copied folder on PGlite). Without the
 * globalSetup (a single spec run by hand) it migrates a fresh database itself.
 * Boot an app on it with `config` only after `prisma.$disconnect()` on PGlite (one connection).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const backend = await chooseBackend();
  return backend === 'postgres' ? createPostgresCopy() : createPgliteCopy();
}

async function chooseBackend(): Promise<TestBackend> {
  const chosen = process.env[TEST_DB_ENV.backend];
  if (chosen === 'postgres' || chosen === 'pglite') return chosen;
  return (await isReachable(adminDatabaseUrl())) ? 'postgres' : 'pglite';
}

async function createPostgresCopy(): Promise<TestDatabase> {
  const adminUrl = adminDatabaseUrl();
  const template = process.env[TEST_DB_ENV.templateUrl];
  const name = testDatabaseName('test');
  await createDatabase(adminUrl, name, template ? new URL(template).pathname.slice(1) : undefined);
  const url = databaseUrl(adminUrl, name);
  const opened = await openMigrated(resolveDatabaseConfig({ DATABASE_URL: url }), !template);
  return { backend: 'postgres', url, ...opened, drop: chain(opened.close, () => dropDatabase(adminUrl, name)) };
}

async function createPgliteCopy(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pyquiz-spec-pglite-'));
  const template = process.env[TEST_DB_ENV.pgliteTemplate];
  if (template) await copyPgliteTemplate(template, dataDir);
  const opened = await openMigrated(resolveDatabaseConfig({ DATA_DIR: dataDir }), !template);
  return { backend: 'pglite', ...opened, drop: chain(opened.close, () => rm(dataDir, { recursive: true, force: true })) };
}

async function openMigrated(config: DatabaseConfig, migrate: boolean) {
  const adapter = createAdapter(config);
  if (migrate) await applyMigrations(adapter);
  const prisma = new PrismaService(adapter, { migrateOnStart: false });
  await prisma.$connect();
  const close = async (): Promise<void> => {
    await prisma.$disconnect();
    await adapter.close();
  };
  return { config, adapter, prisma, close };
}

function chain(...steps: (() => Promise<unknown>)[]): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= steps.reduce<Promise<unknown>>((previous, step) => previous.then(step), Promise.resolve()).then(() => undefined);
    return done;
  };
}

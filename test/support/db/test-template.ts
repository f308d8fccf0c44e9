import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, createAdapter, resolveDatabaseConfig } from '../../../libs/db/src/index.js';
import { createDatabase, dropDatabase, dropLeftoverDatabases, isReachable } from './postgres-server.js';
import { adminDatabaseUrl, databaseUrl, TEST_DB_ENV, testDatabaseName, type TestBackend } from './test-database-env.js';

export interface PreparedTemplate {
  backend: TestBackend;
  /** postgres: database name of the template; pglite: folder of the migrated DATA_DIR. */
  location: string;
  migrateMs: number;
}

/**
 * Migrates one template database for the whole test run (Jest globalSetup calls this once):
 * a database on real PostgreSQL when reachable, else a PGlite DATA_DIR. Spec files copy it.
 */
export async function prepareTemplate(): Promise<PreparedTemplate> {
  const adminUrl = adminDatabaseUrl();
  if (await isReachable(adminUrl)) {
    await dropLeftoverDatabases(adminUrl, false);
    const name = testDatabaseName('tmpl');
    await dropDatabase(adminUrl, name);
    await createDatabase(adminUrl, name);
    const migrateMs = await migrate(resolveDatabaseConfig({ DATABASE_URL: databaseUrl(adminUrl, name) }));
    return { backend: 'postgres', location: name, migrateMs };
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'pyquiz-test-pglite-'));
  const migrateMs = await migrate(resolveDatabaseConfig({ DATA_DIR: dataDir }));
  return { backend: 'pglite', location: dataDir, migrateMs };
}

async function migrate(config: ReturnType<typeof resolveDatabaseConfig>): Promise<number> {
  const db = createAdapter(config);
  try {
    return (await applyMigrations(db)).durationMs;
  } finally {
    await db.close();
  }
}

/** Publishes the template to spec files through the environment (globalSetup -> test files). */
export function publishTemplate(template: PreparedTemplate): void {
  process.env[TEST_DB_ENV.backend] = template.backend;
  const key = template.backend === 'postgres' ? TEST_DB_ENV.templateUrl : TEST_DB_ENV.pgliteTemplate;
  process.env[key] = template.backend === 'postgres' ? databaseUrl(adminDatabaseUrl(), template.location) : template.location;
}

/** Removes the template of this run (Jest globalTeardown). */
export async function removeTemplate(): Promise<void> {
  if (process.env[TEST_DB_ENV.backend] === 'postgres') {
    await dropLeftoverDatabases(adminDatabaseUrl(), true);
  }
  const pgliteDir = process.env[TEST_DB_ENV.pgliteTemplate];
  if (pgliteDir) await rm(pgliteDir, { recursive: true, force: true });
}

/** A copy of a migrated PGlite folder (a closed PGlite is plain files). */
export async function copyPgliteTemplate(templateDir: string, targetDir: string): Promise<void> {
  await cp(templateDir, targetDir, { recursive: true, filter: (source) => !source.endsWith('pglite.lock') });
}

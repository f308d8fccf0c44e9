import { readFile } from 'node:fs/promises';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import type { DatabaseAdapter } from './database-adapter.js';
import { DatabaseStartupError, firstLine } from './database-startup.error.js';
import { defaultMigrationsDir, readMigrationsList } from './migrations-dir.js';
import { loadSchemaEngine } from './schema-engine.loader.js';

export const NO_FILTERS = { externalTables: [], externalEnums: [] };

export interface MigrateOptions {
  /** Defaults to the repository's `prisma/migrations`. */
  migrationsDir?: string;
  /** Receives the schema engine's log lines (JSON strings); silent by default. */
  onEngineLog?: (line: string) => void;
}

export interface MigrateResult {
  appliedMigrationNames: string[];
  durationMs: number;
}

/**
 * Applies the pending migrations of `prisma/migrations` through Prisma's wasm schema engine and
 * the same adapter the app uses, recording them in `_prisma_migrations` exactly as
 * `prisma migrate deploy` would. Each migration runs as one transaction; a failed one is recorded
 * and every later start refuses (Prisma's P3009) rather than serve a half-migrated schema.
 */
export async function applyMigrations(db: DatabaseAdapter, options: MigrateOptions = {}): Promise<MigrateResult> {
  const started = performance.now();
  await db.open();
  const migrationsList = await readMigrationsList(options.migrationsDir ?? defaultMigrationsDir());
  const engine = await createSchemaEngine(db, options.onEngineLog);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return { appliedMigrationNames, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    throw new DatabaseStartupError(`Database migration failed: ${firstLine(error)}`, { cause: error });
  } finally {
    engine.free();
  }
}

/** A schema engine bound to the adapter, optionally knowing the datamodel (needed by `diff`). */
export async function createSchemaEngine(
  db: DatabaseAdapter,
  onEngineLog: (line: string) => void = () => undefined,
  schemaPath?: string,
): Promise<SchemaEngine> {
  const SchemaEngineClass = await loadSchemaEngine();
  const datamodels: [string, string][] | undefined = schemaPath
    ? [[schemaPath, await readFile(schemaPath, 'utf8')]]
    : undefined;
  return SchemaEngineClass.new({ datamodels }, onEngineLog, bindMigrationAwareSqlAdapterFactory(db.factory));
}

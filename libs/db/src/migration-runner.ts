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
    const failed = /The `([^`]+)` migration started at .* failed/.exec(String((error as Error)?.message))?.[1];
    const hint = failed
      ? ` (it was rolled back; fix it, then run: npm run db:migrate -- --rolled-back ${failed})`
      : '';
    throw new DatabaseStartupError(`Database migration failed: ${summarizeEngineError(error)}${hint}`, { cause: error });
  } finally {
    engine.free();
  }
}

/**
 * Marks a failed migration as rolled back so the next start retries it (`prisma migrate resolve
 * --rolled-back`). Safe here because every migration runs in one transaction: a failed one left
 * nothing behind.
 */
export async function markMigrationRolledBack(db: DatabaseAdapter, migrationName: string): Promise<void> {
  await db.open();
  const engine = await createSchemaEngine(db);
  try {
    await engine.markMigrationRolledBack({ migrationName });
  } catch (error) {
    throw new DatabaseStartupError(`Cannot mark ${migrationName} rolled back: ${summarizeEngineError(error)}`, { cause: error });
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

/**
 * The engine's errors are several lines: a summary, the database's own words, then a Rust span
 * trace (`   0: sql_schema_connector::...`). One line keeps the summary and the reason, and names
 * the migration from the trace.
 */
export function summarizeEngineError(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  const text = typeof message === 'string' ? message : String(error);
  const lines = text.split('\n');
  const traceStart = lines.findIndex((line) => /^\s*\d+: /.test(line));
  const summary = (traceStart === -1 ? lines : lines.slice(0, traceStart))
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(': ');
  const migration = /migration_name="([^"]+)"/.exec(text)?.[1];
  return migration && !summary.includes(migration) ? `${migration}: ${summary}` : summary || firstLine(error);
}

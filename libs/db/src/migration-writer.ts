import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatabaseAdapter } from './database-adapter.js';
import { DatabaseStartupError, firstLine } from './database-startup.error.js';
import { createSchemaEngine, NO_FILTERS } from './migration-runner.js';
import { defaultMigrationsDir, defaultSchemaPath, readMigrationsList } from './migrations-dir.js';

export interface CreateMigrationOptions {
  /** Human name, e.g. `add-hints`; becomes `<timestamp>_add_hints`. */
  name: string;
  migrationsDir?: string;
  schemaPath?: string;
  now?: Date;
}

export interface CreateMigrationResult {
  /** Folder written, or undefined when schema.prisma matches the migrations already. */
  directory?: string;
  sql: string;
}

/**
 * Writes `prisma/migrations/<timestamp>_<name>/migration.sql` with the SQL that takes the schema
 * built by the existing migrations to the one in schema.prisma (what `prisma migrate dev
 * --create-only` does). The engine replays the migrations on the adapter's shadow database; use
 * an embedded adapter (its shadow is an in-memory PGlite): with @prisma/adapter-pg the wasm engine
 * fails to read PostgreSQL's catalog (`"char"` columns).
 */
export async function createMigration(db: DatabaseAdapter, options: CreateMigrationOptions): Promise<CreateMigrationResult> {
  const migrationsDir = options.migrationsDir ?? defaultMigrationsDir();
  const schemaPath = options.schemaPath ?? defaultSchemaPath(migrationsDir);
  const folder = migrationFolderName(options.name, options.now ?? new Date());
  const sql = await diffMigrationsToSchema(db, migrationsDir, schemaPath);
  if (sql.trim() === '' || /^-- This is an empty migration\.\s*$/.test(sql.trim())) return { sql: '' };
  const directory = join(migrationsDir, folder);
  await mkdir(directory, { recursive: false });
  await writeFile(join(directory, 'migration.sql'), sql);
  return { directory, sql };
}

async function diffMigrationsToSchema(db: DatabaseAdapter, migrationsDir: string, schemaPath: string): Promise<string> {
  const engine = await createSchemaEngine(db, undefined, schemaPath);
  try {
    const migrations = await readMigrationsList(migrationsDir);
    const content = await readFile(schemaPath, 'utf8');
    const result = await engine.diff({
      from: { tag: 'migrations', ...migrations },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? '';
  } catch (error) {
    throw new DatabaseStartupError(`Cannot compute the migration: ${firstLine(error)}`, { cause: error });
  } finally {
    engine.free();
  }
}

/** `20261124063000_add_hints`: UTC timestamp then the name in Prisma's snake_case style. */
export function migrationFolderName(name: string, now: Date): string {
  const slug = name.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (!slug) throw new DatabaseStartupError('A migration needs a name: npm run db:migration -- <name>');
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${stamp}_${slug}`;
}

import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MigrationList } from '@prisma/schema-engine-wasm';

const LOCKFILE = 'migration_lock.toml';

/**
 * `prisma/migrations` of the repository, found by walking up from this module so it works from
 * the TypeScript sources, from `dist/` and from any working directory.
 */
export function defaultMigrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'prisma', 'migrations');
    if (existsSync(join(candidate, LOCKFILE))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return resolve('prisma', 'migrations');
    dir = parent;
  }
}

/** `prisma/schema.prisma`, next to the migrations folder. */
export function defaultSchemaPath(migrationsDir = defaultMigrationsDir()): string {
  return join(dirname(migrationsDir), 'schema.prisma');
}

/** The migrations folder in the shape the schema engine expects (what Prisma's CLI builds). */
export async function readMigrationsList(baseDir: string): Promise<MigrationList> {
  const entries = existsSync(baseDir) ? await readdir(baseDir, { withFileTypes: true }) : [];
  const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const migrationDirectories = await Promise.all(
    folders.map(async (path) => ({
      path,
      migrationFile: { path: 'migration.sql', content: await readOrError(join(baseDir, path, 'migration.sql')) },
    })),
  );
  const lockPath = join(baseDir, LOCKFILE);
  return {
    baseDir,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? await readFile(lockPath, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

async function readOrError(path: string): Promise<{ tag: 'ok'; value: string } | { tag: 'error'; value: string }> {
  try {
    return { tag: 'ok', value: await readFile(path, 'utf8') };
  } catch (error) {
    return { tag: 'error', value: (error as Error).message };
  }
}

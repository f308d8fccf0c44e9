// Throwaway databases for the scripts: a PGlite folder, or a database of its own on PostgreSQL.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface ScratchDatabase {
  env: Record<string, string>;
  label: string;
  drop(): Promise<void>;
}

export async function embeddedDatabase(): Promise<ScratchDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'pyquiz-rel-'));
  return { env: { DATA_DIR: dir }, label: 'embedded PGlite', drop: () => rm(dir, { recursive: true, force: true }) };
}

/** A new database on a running server (default: the machine's shared PostgreSQL; never restarted). */
export async function postgresDatabase(serverUrl = process.env.RELIABILITY_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'): Promise<ScratchDatabase> {
  const name = `pyquiz_rel_${process.pid}_${Date.now() % 100000}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const dir = await mkdtemp(join(tmpdir(), 'pyquiz-rel-'));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), DATA_DIR: dir },
    label: `PostgreSQL ${url.host}`,
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

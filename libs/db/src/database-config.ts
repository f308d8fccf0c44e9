import { resolve } from 'node:path';
import { DatabaseStartupError } from './database-startup.error.js';

/** Real PostgreSQL reached through DATABASE_URL. */
export interface PostgresDatabaseConfig {
  kind: 'postgres';
  url: string;
  /** How long a connection attempt may take before start-up fails (ms). */
  connectTimeoutMs: number;
}

/** PGlite (PostgreSQL compiled to wasm) stored in `<dataDir>/pglite`. */
export interface EmbeddedDatabaseConfig {
  kind: 'embedded';
  dataDir: string;
  pgliteDir: string;
  /** Free space below which changes are refused (default DEFAULT_WRITE_RESERVE_BYTES; tests lower it). */
  writeReserveBytes?: number;
}

export type DatabaseConfig = PostgresDatabaseConfig | EmbeddedDatabaseConfig;

export interface DatabaseEnv {
  DATABASE_URL?: string;
  DATA_DIR?: string;
}

export const DEFAULT_DATA_DIR = './.data';
export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/** Chooses the backend: DATABASE_URL set (non-empty) -> PostgreSQL, otherwise embedded PGlite. */
export function resolveDatabaseConfig(env: DatabaseEnv, cwd = process.cwd()): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    assertPostgresUrl(url);
    return { kind: 'postgres', url, connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_MS };
  }
  const dataDir = resolve(cwd, env.DATA_DIR?.trim() || DEFAULT_DATA_DIR);
  return { kind: 'embedded', dataDir, pgliteDir: resolve(dataDir, 'pglite') };
}

function assertPostgresUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseStartupError('DATABASE_URL is not a valid URL (expected postgres://user@host:5432/db)');
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DatabaseStartupError(
      `DATABASE_URL must start with postgres:// or postgresql://, got ${parsed.protocol}//`,
    );
  }
}

/** `host:port/database` of a PostgreSQL URL, without user or password, for messages and logs. */
export function describePostgresUrl(url: string): string {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || '(default database)';
  return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}/${database}`;
}

/** One line saying which database is used, for the start-up log. */
export function describeDatabase(config: DatabaseConfig): string {
  return config.kind === 'postgres'
    ? `PostgreSQL at ${describePostgresUrl(config.url)}`
    : `embedded PostgreSQL (PGlite) in ${config.pgliteDir}`;
}

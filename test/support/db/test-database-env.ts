/** How Jest's globalSetup tells the spec files which test database backend this run uses. */
export const TEST_DB_ENV = {
  backend: 'PYQUIZ_TEST_DB_BACKEND',
  /** postgres: URL of the migrated template database every spec file copies. */
  templateUrl: 'PYQUIZ_TEST_DB_TEMPLATE_URL',
  /** pglite: folder of a migrated PGlite database every spec file copies. */
  pgliteTemplate: 'PYQUIZ_TEST_PGLITE_TEMPLATE',
} as const;

export type TestBackend = 'postgres' | 'pglite';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The server the tests may use: TEST_DATABASE_URL, else the local trust-auth PostgreSQL. */
export function adminDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL?.trim() || DEFAULT_TEST_DATABASE_URL;
}

/** The same server, another database. */
export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Names carry the pid of the Jest run that made them, so a later run can drop what a crashed run
 * left behind without touching the databases of a run still going on the same server.
 */
export function testDatabaseName(kind: 'tmpl' | 'test'): string {
  const suffix = kind === 'tmpl' ? '' : `_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  return `pyquiz_${kind}_${process.pid}${suffix}`;
}

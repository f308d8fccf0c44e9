import pg from 'pg';
import { testDatabaseName } from './test-database-env.js';

/** Runs `fn` on a short-lived client of the admin database; connection timeout 2 s. */
export async function withAdminClient<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function isReachable(adminUrl: string): Promise<boolean> {
  try {
    await withAdminClient(adminUrl, (client) => client.query('SELECT 1'));
    return true;
  } catch {
    return false;
  }
}

export async function createDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const from = template ? ` TEMPLATE "${template}"` : '';
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"${from}`));
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Drops test databases of this run, and of earlier runs whose process is gone. */
export async function dropLeftoverDatabases(adminUrl: string, includeOwn: boolean): Promise<string[]> {
  const names = await withAdminClient(adminUrl, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname ~ '^pyquiz_(tmpl|test)_[0-9]+'",
    );
    return rows.map((row) => row.datname);
  });
  const own = testDatabaseName('tmpl');
  const doomed = names.filter((name) => {
    const pid = Number(/^pyquiz_(?:tmpl|test)_(\d+)/.exec(name)?.[1]);
    return pid === process.pid ? includeOwn || name !== own : !isAlive(pid);
  });
  for (const name of doomed) await dropDatabase(adminUrl, name);
  return doomed;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

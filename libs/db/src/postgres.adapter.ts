import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { withAtomicScripts } from './atomic-script.js';
import type { DatabaseAdapter } from './database-adapter.js';
import { describePostgresUrl, type PostgresDatabaseConfig } from './database-config.js';
import { DatabaseStartupError, firstLine } from './database-startup.error.js';

/** PostgreSQL through one `pg` pool shared by Prisma Client and the schema engine. */
export class PostgresDatabaseAdapter implements DatabaseAdapter {
  readonly factory: SqlMigrationAwareDriverAdapterFactory;
  private readonly pool: pg.Pool;
  private opening?: Promise<void>;
  private closed = false;

  constructor(readonly config: PostgresDatabaseConfig) {
    this.pool = new pg.Pool({
      connectionString: config.url,
      connectionTimeoutMillis: config.connectTimeoutMs,
    });
    // An idle client losing its server must not crash the process; the next query reports it.
    this.pool.on('error', () => undefined);
    this.factory = new AtomicPgFactory(this.pool, config);
  }

  open(): Promise<void> {
    this.opening ??= this.checkConnection();
    return this.opening;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private async checkConnection(): Promise<void> {
    try {
      await this.pool.query('SELECT 1');
    } catch (error) {
      const where = describePostgresUrl(this.config.url);
      throw new DatabaseStartupError(`Cannot connect to PostgreSQL at ${where} (DATABASE_URL): ${reason(error)}`, {
        cause: error,
      });
    }
  }
}

function reason(error: unknown): string {
  const code = (error as { code?: string }).code;
  const text = firstLine(error);
  if (/timeout/i.test(text)) return 'connection timed out';
  return code && !text.includes(code) ? `${text} (${code})` : text;
}

/** PrismaPg on our pool, with migration scripts run as one atomic query. */
class AtomicPgFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName: string;
  private readonly inner: PrismaPg;

  constructor(
    private readonly pool: pg.Pool,
    private readonly config: PostgresDatabaseConfig,
  ) {
    this.inner = new PrismaPg(pool);
    this.adapterName = this.inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return withAtomicScripts(await this.inner.connect(), (script) => this.pool.query(script));
  }

  /** A throw-away database on the same server, for `db:migration`'s diff. */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_shadow_${process.pid}_${Date.now()}`;
    await this.pool.query(`CREATE DATABASE "${name}"`);
    // A URL's own database wins over a `database` option in `pg`, so the URL itself is rewritten.
    const url = new URL(this.config.url);
    url.pathname = `/${name}`;
    const shadowPool = new pg.Pool({ connectionString: url.toString(), connectionTimeoutMillis: this.config.connectTimeoutMs });
    const adapter = await new PrismaPg(shadowPool).connect();
    const dispose = async (): Promise<void> => {
      await shadowPool.end();
      await this.pool.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
    return Object.assign(withAtomicScripts(adapter, (script) => shadowPool.query(script)), { dispose });
  }
}

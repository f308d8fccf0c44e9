import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { withAtomicScripts } from './atomic-script.js';

type Query = PGlite['query'];
type Exec = PGlite['exec'];

/**
 * The PGlite client handed to Prisma's adapter, the migration runner and ping: each statement
 * goes to whichever instance is live (`live` reopens a dead one) after `check(sql)` (which refuses
 * changes on a full disk), inside transactions too; `answered()` is called after each statement
 * or transaction the database answered. Prisma's adapter uses only query, exec and
 * transaction; anything else is refused loudly rather than sent to an instance that may be dead.
 */
export function checkedClient(live: () => Promise<PGlite>, check: (sql: string) => void, answered: () => void = () => {}): PGlite {
  const query: Query = async <T>(sql: string, params?: unknown[], options?: Parameters<Query>[2]) => {
    const pg = await live();
    check(sql);
    const result = await pg.query<T>(sql, params, options);
    answered();
    return result;
  };
  const exec: Exec = async (sql, options) => {
    const pg = await live();
    check(sql);
    const results = await pg.exec(sql, options);
    answered();
    return results;
  };
  const transaction = async <T>(callback: (tx: Transaction) => Promise<T>): Promise<T> => {
    const result = await (await live()).transaction((tx) => callback(checkedTransaction(tx, check)));
    answered();
    return result;
  };
  const methods: Record<string | symbol, unknown> = { query, exec, transaction };
  return new Proxy({} as PGlite, {
    get(_, name) {
      if (name in methods) return methods[name];
      if (name === 'then') return undefined; // not a promise
      throw new Error(`PGlite.${String(name)} is not available through the embedded database adapter`);
    },
  });
}

function checkedTransaction(tx: Transaction, check: (sql: string) => void): Transaction {
  return new Proxy(tx, {
    get(target, name, receiver) {
      if (name === 'query') return (async (sql, params, options) => (check(sql), target.query(sql, params, options))) satisfies Query;
      if (name === 'exec') return (async (sql, options) => (check(sql), target.exec(sql, options))) satisfies Exec;
      return Reflect.get(target, name, receiver);
    },
  });
}

/** Prisma's adapter factory on the checked client; `live()` opens the database on first use. */
export class LazyPGliteFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName = 'pglite-prisma-adapter';

  constructor(
    private readonly live: () => Promise<unknown>,
    private readonly client: PGlite,
  ) {}

  async connect(): Promise<SqlDriverAdapter> {
    await this.live();
    return atomic(await new PrismaPGlite(this.client).connect(), this.client);
  }

  /** An in-memory PGlite, thrown away after `db:migration`'s diff. */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const shadow = await PGlite.create();
    const adapter = atomic(await new PrismaPGlite(shadow).connect(), shadow);
    return Object.assign(adapter, { dispose: () => shadow.close() });
  }
}

function atomic(adapter: SqlDriverAdapter, client: PGlite): SqlDriverAdapter {
  return withAtomicScripts(adapter, (script) => client.exec(script));
}

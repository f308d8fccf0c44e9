import { PGlite } from '@electric-sql/pglite';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { withAtomicScripts } from './atomic-script.js';
import type { DatabaseAdapter } from './database-adapter.js';
import type { EmbeddedDatabaseConfig } from './database-config.js';
import { DatabaseStartupError, firstLine } from './database-startup.error.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';

/** PGlite in `DATA_DIR/pglite`, locked against a second instance, kept across restarts. */
export class EmbeddedDatabaseAdapter implements DatabaseAdapter {
  readonly factory: SqlMigrationAwareDriverAdapterFactory;
  private opening?: Promise<PGlite>;
  private lock?: DataDirLock;

  constructor(readonly config: EmbeddedDatabaseConfig) {
    this.factory = new LazyPGliteFactory(() => this.openClient());
  }

  async open(): Promise<void> {
    await this.openClient();
  }

  async ping(): Promise<void> {
    await (await this.openClient()).query('SELECT 1');
  }

  async close(): Promise<void> {
    const opening = this.opening;
    this.opening = undefined;
    try {
      if (opening) await (await opening.catch(() => undefined))?.close();
    } finally {
      this.lock?.release();
      this.lock = undefined;
    }
  }

  private openClient(): Promise<PGlite> {
    this.opening ??= this.start();
    return this.opening;
  }

  private async start(): Promise<PGlite> {
    this.lock = acquireDataDirLock(this.config.dataDir);
    try {
      return await PGlite.create(this.config.pgliteDir);
    } catch (error) {
      this.lock.release();
      this.lock = undefined;
      this.opening = undefined;
      throw new DatabaseStartupError(
        `Cannot open the embedded database in ${this.config.pgliteDir}: ${firstLine(error)}`,
        { cause: error },
      );
    }
  }
}

class LazyPGliteFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName = 'pglite-prisma-adapter';

  constructor(private readonly client: () => Promise<PGlite>) {}

  async connect(): Promise<SqlDriverAdapter> {
    const client = await this.client();
    return atomic(await new PrismaPGlite(client).connect(), client);
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

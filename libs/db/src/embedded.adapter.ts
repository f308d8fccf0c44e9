import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Logger } from '@nestjs/common';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { DatabaseAdapter, StorageHealth } from './database-adapter.js';
import type { EmbeddedDatabaseConfig } from './database-config.js';
import { DatabaseStartupError, firstLine } from './database-startup.error.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { DEFAULT_WRITE_RESERVE_BYTES, DISK_FULL, freeBytes, mayWrite, noSpaceMessage, postgresError } from './embedded-disk.js';
import { checkedClient, LazyPGliteFactory } from './embedded-client.js';
import { CANNOT_CONNECT_NOW, watchForDeath, type DeathWatch } from './pglite-death-watch.js';
import { keepUsedParsers } from './pglite-parsers.js';

/** A failed reopening is not retried sooner: PGlite.create blocks the event loop for ~2 s. */
const REOPEN_RETRY_MS = 5_000;

interface Instance {
  pg: PGlite;
  death: DeathWatch;
}

/**
 * PGlite in `DATA_DIR/pglite`, locked against a second instance, kept across restarts. Changes are
 * refused while DATA_DIR is nearly full (see DEFAULT_WRITE_RESERVE_BYTES); an instance that died
 * anyway (PANIC) is never called again and is replaced by a new one, which replays the WAL, once
 * there is room again: no restart needed.
 */
export class EmbeddedDatabaseAdapter implements DatabaseAdapter {
  readonly factory: SqlMigrationAwareDriverAdapterFactory;
  private readonly logger = new Logger('Database');
  private readonly reserve: number;
  private readonly client: PGlite;
  private opening?: Promise<Instance>;
  private reopening?: Promise<Instance>;
  private reopenFailure?: { at: number; error: Error };
  private lock?: DataDirLock;
  /** Set by close(): statements then fail as they did on a closed PGlite, until open() again. */
  private closed = false;
  /** The instance statements go to, once opened (a dead one stays here until replaced). */
  private current?: Instance;
  /** performance.now() when `current` last answered a statement. */
  private lastAnswerAt?: number;

  constructor(readonly config: EmbeddedDatabaseConfig) {
    this.reserve = config.writeReserveBytes ?? DEFAULT_WRITE_RESERVE_BYTES;
    this.client = checkedClient(() => this.live(), (sql) => this.assertRoomFor(sql), () => (this.lastAnswerAt = performance.now()));
    // Prisma connects again on a query after $disconnect: that must not reopen a closed adapter.
    this.factory = new LazyPGliteFactory(() => this.live(), this.client);
  }

  async open(): Promise<void> {
    this.closed = false;
    await this.live();
  }

  async ping(): Promise<void> {
    await this.client.query('SELECT 1');
  }

  answeredWithin(withinMs: number): number | undefined {
    if (this.closed || !this.current || this.current.death.reason !== undefined || this.lastAnswerAt === undefined) return undefined;
    const age = performance.now() - this.lastAnswerAt;
    return age <= withinMs ? age : undefined;
  }

  storage(): StorageHealth {
    const free = freeBytes(this.config.dataDir);
    return { freeBytes: free, acceptsChanges: free >= this.reserve };
  }

  async close(): Promise<void> {
    this.closed = true;
    const opening = this.opening;
    this.opening = undefined;
    try {
      const instance = await opening?.catch(() => undefined);
      // A dead instance is left alone: any call into it may spin forever.
      if (instance && instance.death.reason === undefined) await instance.pg.close();
    } finally {
      this.lock?.release();
      this.lock = undefined;
    }
  }

  /** The open instance; a dead one is replaced once DATA_DIR has room again. */
  private async live(): Promise<PGlite> {
    if (this.closed) throw new Error('PGlite is closed');
    this.opening ??= this.start().catch((error: unknown) => {
      this.opening = undefined;
      throw error;
    });
    const instance = await this.opening;
    if (instance.death.reason === undefined) return instance.pg;
    this.reopening ??= this.reopen(instance).finally(() => (this.reopening = undefined));
    return (await this.reopening).pg;
  }

  private assertRoomFor(sql: string): void {
    if (!mayWrite(sql)) return;
    const free = freeBytes(this.config.dataDir);
    if (free < this.reserve) throw postgresError(DISK_FULL, noSpaceMessage(this.config.dataDir, free, this.reserve, 'saving changes'));
  }

  private async start(): Promise<Instance> {
    const { dataDir, pgliteDir } = this.config;
    this.lock = acquireDataDirLock(dataDir); // first: it says when DATA_DIR cannot be written at all
    const fresh = !existsSync(pgliteDir);
    try {
      // Readable by its owner only, as PostgreSQL wants its data folder: PGlite makes it 0755 with
      // files 0644, and it holds every account, submission and hidden test. The grading sandbox
      // without bubblewrap reads the host's files as nobody does (libs/grader README, outer wall).
      if (fresh) mkdirSync(pgliteDir, { mode: 0o700 });
      chmodSync(pgliteDir, 0o700);
      const free = freeBytes(dataDir);
      if (free < this.reserve) {
        throw new DatabaseStartupError(`${noSpaceMessage(dataDir, free, this.reserve, 'the embedded database')}; free some space, then start again`);
      }
      return await this.create();
    } catch (error) {
      this.lock.release();
      this.lock = undefined;
      // A half-created database would not open next time; nothing of the user's is in it yet.
      if (fresh) rmSync(pgliteDir, { recursive: true, force: true });
      if (error instanceof DatabaseStartupError) throw error;
      throw new DatabaseStartupError(`Cannot open the embedded database in ${pgliteDir}: ${this.openFailure(error)}`, { cause: error });
    }
  }

  private async create(): Promise<Instance> {
    const pg = await PGlite.create(this.config.pgliteDir);
    keepUsedParsers(pg);
    this.lastAnswerAt = undefined; // answers of a dead instance say nothing about this one
    const death = watchForDeath(
      pg,
      (reason) => this.logger.error(`The embedded database stopped (${reason}); requests that need it get 503 until it is reopened, which happens automatically once DATA_DIR has room`),
      (reason) => postgresError(CANNOT_CONNECT_NOW, `the embedded database stopped (${reason}) and is being reopened`),
    );
    this.current = { pg, death };
    return this.current;
  }

  /** Replaces a dead instance: a new PGlite on the same folder recovers from the WAL like a restart. */
  private async reopen(dead: Instance): Promise<Instance> {
    const why = `the embedded database stopped (${dead.death.reason})`;
    const free = freeBytes(this.config.dataDir);
    if (free < this.reserve) {
      throw postgresError(CANNOT_CONNECT_NOW, `${why}; it reopens once there is room: ${noSpaceMessage(this.config.dataDir, free, this.reserve, 'reopening')}`);
    }
    if (this.reopenFailure && Date.now() - this.reopenFailure.at < REOPEN_RETRY_MS) throw this.reopenFailure.error;
    const started = Date.now();
    try {
      const instance = await this.create();
      if (this.closed) {
        await instance.pg.close(); // closed while reopening: keep it closed
        throw new Error('PGlite is closed');
      }
      this.opening = Promise.resolve(instance);
      this.reopenFailure = undefined;
      this.logger.warn(`Reopened the embedded database in ${this.config.pgliteDir} after it stopped (${Date.now() - started} ms)`);
      return instance;
    } catch (error) {
      const failure = postgresError(CANNOT_CONNECT_NOW, `${why}; reopening failed: ${firstLine(error)}`);
      this.reopenFailure = { at: Date.now(), error: failure };
      throw failure;
    }
  }

  /** PGlite reports a full disk as a bare Emscripten ErrnoError (errno 51) or a vague message. */
  private openFailure(error: unknown): string {
    const { errno, code, message } = (error ?? {}) as { errno?: unknown; code?: unknown; message?: unknown };
    const free = freeBytes(this.config.dataDir);
    const noSpace = errno === 51 || code === 'ENOSPC' || /no space left/i.test(String(message)) || free < this.reserve;
    return noSpace ? noSpaceMessage(this.config.dataDir, free, this.reserve, 'the embedded database') : firstLine(error);
  }
}

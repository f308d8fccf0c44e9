import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { DatabaseAdapter, StorageHealth } from './database-adapter.js';
import { describeDatabase } from './database-config.js';
import { firstLine } from './database-startup.error.js';
import { DATABASE_ADAPTER, DB_MODULE_OPTIONS } from './db.tokens.js';
import { PrismaClient } from './generated/prisma/client.js';
import { applyMigrations } from './migration-runner.js';

export interface PrismaServiceOptions {
  /** Apply pending migrations before connecting (default true: the app migrates on start). */
  migrateOnStart?: boolean;
  /** Override the migrations folder (tests). */
  migrationsDir?: string;
}

/** A statement answered this recently shows the embedded database is up without asking again. */
export const RECENT_ANSWER_MS = 1_000;

export interface DatabaseHealth {
  ready: boolean;
  backend: 'postgres' | 'embedded';
  /** How long the check took: 0 when a statement answered within RECENT_ANSWER_MS stood for it. */
  latencyMs: number;
  /** Embedded only, when a recent statement stood for the check: how long ago it was answered. */
  answeredMsAgo?: number;
  error?: string;
  /** Embedded only: free space in DATA_DIR and whether changes are accepted. */
  storage?: StorageHealth;
}

/**
 * The Prisma Client of the app, on the driver adapter chosen from the config. On module init it
 * opens the database (failing with a one-line DatabaseStartupError), migrates, then connects.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Database');

  constructor(
    @Inject(DATABASE_ADAPTER) readonly database: DatabaseAdapter,
    @Optional() @Inject(DB_MODULE_OPTIONS) private readonly options: PrismaServiceOptions = {},
  ) {
    super({ adapter: database.factory });
  }

  async onModuleInit(): Promise<void> {
    await this.database.open();
    if (this.options.migrateOnStart !== false) {
      const { appliedMigrationNames, durationMs } = await applyMigrations(this.database, {
        migrationsDir: this.options.migrationsDir,
      });
      const applied = appliedMigrationNames.length ? appliedMigrationNames.join(', ') : 'none pending';
      this.logger.log(`${describeDatabase(this.database.config)}; migrations: ${applied} (${durationMs} ms)`);
    }
    await this.$connect();
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    await this.database.close();
  }

  /**
   * For /health: never throws, gives up after `timeoutMs`. On the embedded database a statement
   * answered in the last RECENT_ANSWER_MS stands for the check: PGlite serves one statement at a
   * time, so under load a `SELECT 1` would wait behind every submission's statements and /health
   * would measure that queue, not whether the database answers.
   */
  async ping(timeoutMs = 2_000): Promise<DatabaseHealth> {
    const started = performance.now();
    const backend = this.database.config.kind;
    const storage = this.database.storage?.();
    const answeredMsAgo = this.database.answeredWithin?.(RECENT_ANSWER_MS);
    if (answeredMsAgo !== undefined) return { ready: true, backend, latencyMs: 0, answeredMsAgo: Math.round(answeredMsAgo), ...(storage && { storage }) };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.$queryRaw`SELECT 1`, timeout]);
      return { ready: true, backend, latencyMs: Math.round(performance.now() - started), ...(storage && { storage }) };
    } catch (error) {
      return { ready: false, backend, latencyMs: Math.round(performance.now() - started), error: firstLine(error), ...(storage && { storage }) };
    } finally {
      clearTimeout(timer);
    }
  }
}

import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { DatabaseConfig } from './database-config.js';
import { EmbeddedDatabaseAdapter } from './embedded.adapter.js';
import { PostgresDatabaseAdapter } from './postgres.adapter.js';

/**
 * One database, whichever the backend: Prisma Client and the migration runner both go through
 * `factory`, so PGlite's single connection is shared and both backends follow one code path.
 */
export interface DatabaseAdapter {
  readonly config: DatabaseConfig;
  /** Pass as `new PrismaClient({ adapter: db.factory })`; opens the database on first use. */
  readonly factory: SqlMigrationAwareDriverAdapterFactory;
  /** Connects (PostgreSQL) or locks and opens the data folder (PGlite). Throws DatabaseStartupError. */
  open(): Promise<void>;
  /** A trivial query; rejects when the database does not answer. */
  ping(): Promise<void>;
  /**
   * Embedded only: how long ago (ms) the live database last answered a statement, if that was
   * within `withinMs` and it is still live; else undefined (ask with `ping`). PGlite serves one
   * statement at a time, so under load a ping would only measure the queue in front of it.
   */
  answeredWithin?(withinMs: number): number | undefined;
  /** Ends the pool or closes PGlite and releases the data folder. Safe to call twice. */
  close(): Promise<void>;
  /** Free space where the data lives, when this process can see it (embedded only). */
  storage?(): StorageHealth;
}

export interface StorageHealth {
  freeBytes: number;
  /** False while changes are refused because the disk is (nearly) full; reads still work. */
  acceptsChanges: boolean;
}

/** Builds the adapter for a resolved config; nothing is opened until `open()` or first use. */
export function createAdapter(config: DatabaseConfig): DatabaseAdapter {
  return config.kind === 'postgres' ? new PostgresDatabaseAdapter(config) : new EmbeddedDatabaseAdapter(config);
}

export { createAdapter, type DatabaseAdapter, type StorageHealth } from './database-adapter.js';
export {
  DEFAULT_DATA_DIR,
  describeDatabase,
  describePostgresUrl,
  resolveDatabaseConfig,
  type DatabaseConfig,
  type DatabaseEnv,
  type EmbeddedDatabaseConfig,
  type PostgresDatabaseConfig,
} from './database-config.js';
export { DatabaseStartupError } from './database-startup.error.js';
export { DATABASE_ADAPTER, DATABASE_CONFIG } from './db.tokens.js';
export { DbModule, type DbModuleAsyncOptions } from './db.module.js';
export { applyMigrations, markMigrationRolledBack, type MigrateOptions, type MigrateResult } from './migration-runner.js';
export { PrismaService, type DatabaseHealth, type PrismaServiceOptions } from './prisma.service.js';
export { isUniqueViolation, isNotFound } from './prisma-errors.js';
export * from './generated/prisma/client.js';
export { createMigration, migrationFolderName, type CreateMigrationOptions, type CreateMigrationResult } from './migration-writer.js';

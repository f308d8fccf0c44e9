/** Injection token of the resolved DatabaseConfig. */
export const DATABASE_CONFIG = Symbol('DATABASE_CONFIG');
/** Injection token of the DatabaseAdapter shared by PrismaService and the migration runner. */
export const DATABASE_ADAPTER = Symbol('DATABASE_ADAPTER');
/** Injection token of DbModuleOptions. */
export const DB_MODULE_OPTIONS = Symbol('DB_MODULE_OPTIONS');

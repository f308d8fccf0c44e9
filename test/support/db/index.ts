export { createTestDatabase, type TestDatabase } from './test-database.js';
export { adminDatabaseUrl, databaseUrl, type TestBackend } from './test-database-env.js';

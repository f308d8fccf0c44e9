// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database
// in DATA_DIR (default ./.data). Prints one line; on failure one line and exit code 1.
import { createAdapter } from '../database-adapter.js';
import { describeDatabase, resolveDatabaseConfig } from '../database-config.js';
import { firstLine } from '../database-startup.error.js';
import { applyMigrations } from '../migration-runner.js';

async function main(): Promise<number> {
  const config = resolveDatabaseConfig(process.env);
  const db = createAdapter(config);
  try {
    const { appliedMigrationNames, durationMs } = await applyMigrations(db);
    const applied = appliedMigrationNames.length ? `applied ${appliedMigrationNames.join(', ')}` : 'already up to date';
    console.log(`${describeDatabase(config)}: ${applied} (${durationMs} ms)`);
    return 0;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(firstLine(error));
    process.exit(1);
  },
);

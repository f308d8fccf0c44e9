// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database
// in DATA_DIR (default ./.data). Prints one line; on failure one line and exit code 1.
// `npm run db:migrate -- --rolled-back <name>` first marks a failed (hence rolled back) migration
// so that it is applied again, once fixed.
import { createAdapter } from '../database-adapter.js';
import { describeDatabase, resolveDatabaseConfig } from '../database-config.js';
import { firstLine } from '../database-startup.error.js';
import { applyMigrations, markMigrationRolledBack } from '../migration-runner.js';

async function main(args: string[]): Promise<number> {
  const config = resolveDatabaseConfig(process.env);
  const db = createAdapter(config);
  try {
    const rolledBack = args[0] === '--rolled-back' ? args[1] : undefined;
    if (args.length > 0 && !rolledBack) {
      console.error('usage: npm run db:migrate [-- --rolled-back <migration_name>]');
      return 1;
    }
    if (rolledBack) await markMigrationRolledBack(db, rolledBack);
    const { appliedMigrationNames, durationMs } = await applyMigrations(db);
    const applied = appliedMigrationNames.length ? `applied ${appliedMigrationNames.join(', ')}` : 'already up to date';
    console.log(`${describeDatabase(config)}: ${applied} (${durationMs} ms)`);
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(firstLine(error));
    process.exit(1);
  },
);

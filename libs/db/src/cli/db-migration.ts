// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from
// the change in prisma/schema.prisma. The schema engine replays the existing migrations on an
// in-memory PGlite shadow database, whatever DATABASE_URL says: through @prisma/adapter-pg the wasm
// engine cannot read PostgreSQL's catalog ("Column type 'char' could not be deserialized"), and
// no database of the user is touched. Nothing is applied: run db:migrate after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapter, type DatabaseAdapter } from '../database-adapter.js';
import { resolveDatabaseConfig } from '../database-config.js';
import { firstLine } from '../database-startup.error.js';
import { createMigration } from '../migration-writer.js';

async function main(name: string | undefined): Promise<number> {
  if (!name) {
    console.error('usage: npm run db:migration -- <name>');
    return 1;
  }
  const scratch = mkdtempSync(join(tmpdir(), 'pyquiz-migration-'));
  // The engine opens the adapter's main database too: a throw-away PGlite here, never the user's.
  const db: DatabaseAdapter = createAdapter(resolveDatabaseConfig({ DATA_DIR: scratch }));
  try {
    const { directory, sql } = await createMigration(db, { name });
    if (!directory) console.log('schema.prisma matches the migrations: nothing to write');
    else console.log(`wrote ${directory}/migration.sql (${sql.split('\n').length} lines); apply it with npm run db:migrate`);
    return 0;
  } finally {
    await db.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(firstLine(error));
    process.exit(1);
  },
);

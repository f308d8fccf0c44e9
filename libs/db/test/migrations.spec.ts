import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db/index.js';
import { applyMigrations, createAdapter, DatabaseStartupError, markMigrationRolledBack, PrismaService } from '../src/index.js';
import { defaultMigrationsDir } from '../src/migrations-dir.js';

describe('migrations through the wasm schema engine', () => {
  let db: TestDatabase;
  let scratch: string;
  let restarted: PrismaService;

  beforeAll(async () => {
    db = await createTestDatabase();
    scratch = mkdtempSync(join(tmpdir(), 'pyquiz-migrations-'));
  });
  afterAll(async () => {
    await restarted?.onModuleDestroy();
    await db.drop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('records every migration folder in _prisma_migrations with the checksum Prisma computes', async () => {
    const rows = await db.prisma.$queryRaw<{ migration_name: string; checksum: string; finished_at: Date | null }[]>`
      SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    const init = rows.find((row) => row.migration_name.endsWith('_init'));
    const sql = readFileSync(join(defaultMigrationsDir(), init!.migration_name, 'migration.sql'));
    expect(init!.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  });

  it('applies nothing the second time', async () => {
    const { appliedMigrationNames } = await applyMigrations(db.adapter);
    expect(appliedMigrationNames).toEqual([]);
  });

  it('rolls back a failing migration completely and refuses to start afterwards', async () => {
    const migrationsDir = join(scratch, 'migrations');
    cpSync(defaultMigrationsDir(), migrationsDir, { recursive: true });
    const broken = join(migrationsDir, '29990101000000_broken');
    mkdirSync(broken);
    // The first statement succeeds on its own; the `;` inside the string must not split it.
    writeFileSync(
      join(broken, 'migration.sql'),
      `CREATE TABLE "half_done" ("note" TEXT DEFAULT 'a;b');\nALTER TABLE "no_such_table" ADD COLUMN "x" INT;\n`,
    );

    const first = await applyMigrations(db.adapter, { migrationsDir }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(DatabaseStartupError);
    expect((first as Error).message).toBe(
      'Database migration failed: 29990101000000_broken: external connector error: No such table: no_such_table',
    );
    expect((first as Error).message).not.toContain('\n');
    const leftovers = await db.prisma.$queryRaw<unknown[]>`SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`;
    expect(leftovers).toEqual([]);

    // A restarted app (new adapter; PGlite allows one opener) must refuse too: the failure is in the database.
    await db.prisma.$disconnect();
    await db.adapter.close();
    restarted = new PrismaService(createAdapter(db.config), { migrationsDir });
    const second = await restarted.onModuleInit().catch((e: unknown) => e);
    expect((second as Error).message).toMatch(
      /^Database migration failed: migrate found failed migrations.*`29990101000000_broken` migration .* failed \(it was rolled back; fix it, then run: npm run db:migrate -- --rolled-back 29990101000000_broken\)$/,
    );
  });

  it('applies a fixed migration once the failed one is marked rolled back', async () => {
    const migrationsDir = join(scratch, 'migrations');
    writeFileSync(join(migrationsDir, '29990101000000_broken', 'migration.sql'), 'CREATE TABLE "half_done" ("note" TEXT);\n');
    await markMigrationRolledBack(restarted.database, '29990101000000_broken');
    const { appliedMigrationNames } = await applyMigrations(restarted.database, { migrationsDir });
    expect(appliedMigrationNames).toEqual(['29990101000000_broken']);
    expect(await restarted.$queryRaw<unknown[]>`SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`).toHaveLength(1);
  });
});

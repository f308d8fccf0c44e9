import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, createAdapter, PrismaService, resolveDatabaseConfig } from '../src/index.js';
import { defaultMigrationsDir } from '../src/migrations-dir.js';

// The embedded default of `npm start`: PGlite in DATA_DIR, whatever backend the other specs use.
// Each test opens a fresh database and runs every migration from scratch (no template): seconds on
// a quiet machine, over a minute on a loaded one, so the tests get their own directories (one
// that times out must not leave the next one a directory still open) and a longer limit.
const FROM_SCRATCH_MS = 240000;

describe('embedded PGlite database', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pyquiz-embedded-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const config = () => resolveDatabaseConfig({ DATA_DIR: dataDir });

  async function withService<T>(fn: (prisma: PrismaService) => Promise<T>, migrationsDir?: string): Promise<T> {
    const prisma = new PrismaService(createAdapter(config()), { migrationsDir });
    await prisma.onModuleInit();
    try {
      return await fn(prisma);
    } finally {
      await prisma.onModuleDestroy();
    }
  }

  it('migrates on first open, keeps its data across a restart and refuses a second opener', async () => {
    await withService((prisma) =>
      prisma.user.create({ data: { email: 'kept@example.org', passwordHash: 'x', displayName: 'Kept' } }),
    );
    await withService(async (prisma) => {
      const found = await prisma.user.findUnique({ where: { email: 'kept@example.org' } });
      expect(found?.displayName).toBe('Kept');
      const second = createAdapter(config());
      await expect(second.open()).rejects.toThrow(`DATA_DIR ${dataDir} is already open in this process`);
      await expect(prisma.ping()).resolves.toMatchObject({ ready: true, backend: 'embedded' });
    });
  }, FROM_SCRATCH_MS);

  it('does not record a failing migration as applied (the adapter used to drop the error)', async () => {
    const migrationsDir = join(dataDir, 'migrations-copy');
    cpSync(defaultMigrationsDir(), migrationsDir, { recursive: true });
    mkdirSync(join(migrationsDir, '29990101000000_broken'));
    writeFileSync(
      join(migrationsDir, '29990101000000_broken', 'migration.sql'),
      'CREATE TABLE "half_done" (x INT);\nSELECT * FROM "no_such_table";\n',
    );
    const db = createAdapter(config());
    try {
      await expect(applyMigrations(db, { migrationsDir })).rejects.toThrow(/^Database migration failed: 29990101000000_broken: /);
      const prisma = new PrismaService(db, { migrateOnStart: false });
      const tables = await prisma.$queryRaw<unknown[]>`SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`;
      expect(tables).toEqual([]);
      await expect(applyMigrations(db, { migrationsDir })).rejects.toThrow(/migrate found failed migrations/);
    } finally {
      await db.close();
    }
  }, FROM_SCRATCH_MS);
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdapter, createMigration, resolveDatabaseConfig } from '../src/index.js';
import { defaultMigrationsDir, defaultSchemaPath } from '../src/migrations-dir.js';

// What `npm run db:migration -- add-bio` does, on a copy of prisma/ so the real folder is untouched.
describe(createMigration.name, () => {
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'pyquiz-new-migration-'));
    cpSync(defaultMigrationsDir(), join(scratch, 'migrations'), { recursive: true });
    const schema = readFileSync(defaultSchemaPath(), 'utf8');
    const changed = schema.replace(/^(\s+displayName\s+String)$/m, '$1\n  bio String?');
    expect(changed).not.toBe(schema);
    writeFileSync(join(scratch, 'schema.prisma'), changed);
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('writes the SQL for a schema change, replaying the migrations on an in-memory shadow database', async () => {
    const db = createAdapter(resolveDatabaseConfig({ DATA_DIR: join(scratch, 'scratch-data') }));
    try {
      const result = await createMigration(db, {
        name: 'add bio',
        migrationsDir: join(scratch, 'migrations'),
        schemaPath: join(scratch, 'schema.prisma'),
        now: new Date('2030-01-02T03:04:05Z'),
      });
      expect(result.directory).toBe(join(scratch, 'migrations', '20300102030405_add_bio'));
      expect(readFileSync(join(result.directory!, 'migration.sql'), 'utf8')).toMatch(
        /^-- AlterTable\nALTER TABLE "users" ADD COLUMN\s+"bio" TEXT;\n$/,
      );
    } finally {
      await db.close();
    }
    // Two PGlite instances (the data folder and the shadow) each replay every migration: about
    // 12 s on an idle 2-core machine, over 60 s when the machine is busy.
  }, 240_000);
});

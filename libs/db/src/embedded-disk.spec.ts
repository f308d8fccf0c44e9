import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeBytes, mayWrite, noSpaceMessage } from './embedded-disk.js';

describe(mayWrite.name, () => {
  it.each([
    'SELECT "public"."User"."id" FROM "public"."User" WHERE "email" = $1',
    '  select 1',
    'BEGIN',
    'COMMIT',
    'ROLLBACK',
    'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE',
  ])('lets a read through while the disk is full: %s', (sql) => {
    expect(mayWrite(sql)).toBe(false);
  });

  it.each([
    'INSERT INTO "public"."User" ("id") VALUES ($1)',
    'UPDATE "public"."Submission" SET "status" = $1',
    'DELETE FROM "public"."Answer"',
    'WITH moved AS (DELETE FROM a RETURNING *) INSERT INTO b SELECT * FROM moved',
    'CREATE TABLE t (id int)',
    'SELECT * FROM "Submission" WHERE id = $1 FOR UPDATE',
    'SELECT "createdId", "refusal", "used" FROM create_pending_submission($1::uuid, $2::uuid, $3::uuid, $4, $5)',
  ])('counts as a change: %s', (sql) => {
    expect(mayWrite(sql)).toBe(true);
  });
});

describe(freeBytes.name, () => {
  it('measures a folder that does not exist yet on the file system it would be created on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pyquiz-free-'));
    try {
      // Other processes write to the same disk meanwhile: the same file system within 64 MB
      const [before, missing, after] = [freeBytes(dir), freeBytes(join(dir, 'not', 'yet')), freeBytes(dir)];
      expect(missing).toBeGreaterThan(Math.min(before, after) - 64 * 2 ** 20);
      expect(missing).toBeLessThan(Math.max(before, after) + 64 * 2 ** 20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe(noSpaceMessage.name, () => {
  it('names DATA_DIR, ENOSPC, what is free and what is needed, on one line', () => {
    expect(noSpaceMessage('/srv/data', 16 * 1024, 32 * 1024 * 1024, 'saving changes')).toBe(
      'DATA_DIR /srv/data has no space left on device (ENOSPC): 16 KB free, saving changes needs at least 32.0 MB free',
    );
  });
});

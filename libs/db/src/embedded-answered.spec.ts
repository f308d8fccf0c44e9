import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabaseAdapter } from './embedded.adapter.js';

/**
 * /health on the embedded database takes a statement answered in the last second as proof that
 * PGlite is up (a ping would wait behind every queued statement). Only a live, open instance's
 * own answers count.
 */
describe('EmbeddedDatabaseAdapter.answeredWithin', () => {
  let dataDir: string;
  let db: EmbeddedDatabaseAdapter;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pyquiz-answered-'));
    db = new EmbeddedDatabaseAdapter({ kind: 'embedded', dataDir, pgliteDir: join(dataDir, 'pglite') });
    await db.open();
  }, 60_000);

  afterAll(async () => {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('knows nothing before the database has answered a statement', () => {
    expect(db.answeredWithin(1_000)).toBeUndefined();
  });

  it('gives the age of the last answer, within the window only', async () => {
    await db.ping();
    const age = db.answeredWithin(1_000);
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(db.answeredWithin(10)).toBeUndefined();
  });

  it('does not count a statement the database refused as an answer', async () => {
    const adapter = await db.factory.connect();
    await new Promise((resolve) => setTimeout(resolve, 30));
    await expect(adapter.queryRaw({ sql: 'SELECT * FROM no_such_table', args: [], argTypes: [] })).rejects.toThrow();
    expect(db.answeredWithin(20)).toBeUndefined();
    await adapter.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] });
    expect(db.answeredWithin(20)).toBeDefined();
  });

  it('says nothing once closed', async () => {
    await db.ping();
    await db.close();
    expect(db.answeredWithin(1_000)).toBeUndefined();
  });
});

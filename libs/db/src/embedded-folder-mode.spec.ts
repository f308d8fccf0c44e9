import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedDatabaseAdapter } from './embedded.adapter.js';

// The embedded database's folder holds every account, submission and hidden test: only its
// owner may enter it. (PGlite makes it 0755 with files 0644; the grading sandbox's fallback walls
// without bubblewrap read the host's files as user nobody.)
describe('the embedded database folder', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pyquiz-folder-mode-'));
  });

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  async function openAndClose(): Promise<number> {
    const db = new EmbeddedDatabaseAdapter({ kind: 'embedded', dataDir, pgliteDir: join(dataDir, 'pglite') });
    await db.open();
    await db.ping();
    await db.close();
    return statSync(join(dataDir, 'pglite')).mode & 0o777;
  }

  it('is made 0700, and one made before with other modes is set back to 0700 when opened', async () => {
    expect(await openAndClose()).toBe(0o700);
    chmodSync(join(dataDir, 'pglite'), 0o755);
    expect(await openAndClose()).toBe(0o700);
  }, 60_000);
});

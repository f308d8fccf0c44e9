import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectWalls } from '../libs/grader/src/index.js';
import { createApp } from '../apps/api/src/bootstrap.js';
import { validateEnvironment } from '../libs/config/src/index.js';
import { startTestApp } from './support/app.js';
import { createTestDatabase } from './support/db/index.js';

// The API says which OS walls hold its grading sandbox, and a production API refuses to start
// without them. No fakes: the real detection, the real app.
const walls = await detectWalls();
const walled = walls.description.tool === 'bwrap';
if (!walled && process.env.CI === 'true') throw new Error(`CI must run with the sandbox walls: ${walls.description.fallbacks.join('; ')}`);

describe('the grading sandbox walls through the API', () => {
  (walled ? it : it.skip)('shows them in /health', async () => {
    const t = await startTestApp();
    try {
      const response = await t.http.get('/health');
      expect(response.body.grader.details.walls).toEqual(expect.objectContaining({
        tool: 'bwrap', network: 'none', filesystem: 'read-only view', noNewPrivileges: true,
      }));
      expect(response.body.grader.details.walls.uid).not.toBe(0);
    } finally {
      await t.close();
    }
  }, 120_000);

  it('refuses to start with GRADER_REQUIRE_WALLS=true where no wall can be built, naming what is missing', async () => {
    const db = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'pyquiz-walls-'));
    if (db.backend !== 'postgres') await db.adapter.close(); // PGlite: one connection, handed to the app
    const path = process.env.PATH;
    // A machine without bwrap, unshare or setpriv: nothing to build the walls with is on the PATH.
    process.env.PATH = dataDir;
    const app = await createApp(validateEnvironment({
      LOG_LEVEL: 'silent', GRADER_WORKERS: '1', GRADER_REQUIRE_WALLS: 'true',
      ...(db.backend === 'postgres' ? { DATABASE_URL: db.url!, DATA_DIR: dataDir } : { DATA_DIR: (db.config as { dataDir: string }).dataDir }),
    }));
    try {
      const failure = await app.init().then(() => null, (error: Error) => error);
      expect(failure?.name).toBe('WallsMissingError');
      expect(failure?.message).toMatch(/^GRADER_REQUIRE_WALLS=true but the grading sandbox lacks network isolation, .*bwrap --disable-userns: bwrap is not installed/);
      expect(failure?.message).not.toContain('\n');
    } finally {
      process.env.PATH = path;
      await app.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});

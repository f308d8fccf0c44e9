import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JWT_SECRET_FILE, resolveJwtSecret } from './jwt-secret.js';

describe(resolveJwtSecret.name, () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jwt-secret-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uses JWT_SECRET when set and writes no file', async () => {
    const secret = 'x'.repeat(40);
    expect(await resolveJwtSecret(secret, dir)).toBe(secret);
    await expect(stat(join(dir, JWT_SECRET_FILE))).rejects.toThrow();
  });

  it('generates a secret once, readable only by the owner, and returns the same one after a restart', async () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = await resolveJwtSecret(undefined, dataDir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect((await stat(join(dataDir, JWT_SECRET_FILE))).mode & 0o777).toBe(0o600);
    expect(await resolveJwtSecret(undefined, dataDir)).toBe(first);
    expect((await readFile(join(dataDir, JWT_SECRET_FILE), 'utf8')).trim()).toBe(first);
  });

  it('refuses a secret file that was truncated', async () => {
    await writeFile(join(dir, JWT_SECRET_FILE), 'short\n');
    await expect(resolveJwtSecret(undefined, dir)).rejects.toThrow(/shorter than 32/);
  });
});

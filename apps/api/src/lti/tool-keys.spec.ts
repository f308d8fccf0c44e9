import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceUnavailableException } from '@nestjs/common';
import { ConfigError, validateEnvironment } from '@app/config';
import { LTI_KEYS_FILE, RETIRED_KEY_GRACE_MS, ToolKeys } from './tool-keys.js';

describe(ToolKeys.name, () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pyquiz-lti-keys-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const keysIn = async (dataDir = dir) => {
    const keys = new ToolKeys(validateEnvironment({ DATA_DIR: dataDir }));
    await keys.onModuleInit();
    return keys;
  };

  it('generates one key into DATA_DIR (owner-only) and keeps it across restarts', async () => {
    const first = await keysIn();
    const again = await keysIn();
    expect(again.current().kid).toBe(first.current().kid);
    expect((await stat(join(dir, LTI_KEYS_FILE))).mode & 0o777).toBe(0o600);
    const { keys } = await first.jwks();
    expect(keys).toEqual([expect.objectContaining({ kid: first.current().kid, kty: 'RSA', alg: 'RS256' })]);
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('rotates: the new key signs, the old one stays published for the grace period, then goes', async () => {
    const keys = await keysIn();
    const old = keys.current().kid;
    const now = new Date('2026-01-01T00:00:00Z');
    const fresh = await keys.rotate(now);
    expect(keys.current().kid).toBe(fresh);
    expect((await keys.jwks(now)).keys.map((k) => k.kid)).toEqual([fresh, old]);
    expect((await keys.jwks(new Date(now.getTime() + RETIRED_KEY_GRACE_MS + 1))).keys.map((k) => k.kid)).toEqual([fresh]);
    // The rotation is on disk: a restart signs with the new key.
    expect((await keysIn()).current().kid).toBe(fresh);
  });

  it('leaves LTI off, saying why, when DATA_DIR cannot hold the key (the rest of PyQuiz still starts)', async () => {
    const blocked = join(dir, 'a-file');
    await writeFile(blocked, 'not a folder');
    const keys = await keysIn(join(blocked, 'data'));
    expect(() => keys.current()).toThrow(/LTI is unavailable: DATA_DIR .* is not writable/);
    await expect(keys.jwks()).rejects.toThrow(ServiceUnavailableException);
  });

  it('refuses a damaged key file with one line saying what to do', async () => {
    await writeFile(join(dir, LTI_KEYS_FILE), '{"keys": [{"kid": "k", "privateKeyPem": "not a key"}]}');
    await expect(keysIn()).rejects.toThrow(ConfigError);
    await expect(keysIn()).rejects.toThrow(/delete it to generate a new key/);
    expect(await readFile(join(dir, LTI_KEYS_FILE), 'utf8')).toContain('not a key');
  });
});

import bcrypt from 'bcryptjs';
import { validateEnvironment } from '@app/config';
import { PasswordHasher } from './password-hasher.js';
import { parseScrypt } from './scrypt-hash.js';

const hasherAt = (cost: number) => new PasswordHasher(validateEnvironment({ SCRYPT_COST: String(cost) }));
const PASSWORD = 'correct horse battery';

/** The same hash with one field replaced (fields: scrypt, N, r, p, salt, key). */
function withField(hash: string, index: number, value: string): string {
  const parts = hash.split('$');
  parts[index] = value;
  return parts.join('$');
}

describe(PasswordHasher.name, () => {
  const hasher = hasherAt(10);

  it('stores a self-describing scrypt hash with a 16-byte salt and a 64-byte key, never the password', async () => {
    const hash = await hasher.hash(PASSWORD);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(hash).not.toContain(PASSWORD);
    const parsed = parseScrypt(hash)!;
    expect(parsed.salt).toHaveLength(16);
    expect(parsed.key).toHaveLength(64);
    expect(await hasher.hash(PASSWORD)).not.toBe(hash);
  });

  it('accepts the right password and refuses a wrong one, including one differing in a single character', async () => {
    const hash = await hasher.hash(PASSWORD);
    expect(await hasher.verify(PASSWORD, hash)).toBe(true);
    expect(await hasher.verify('correct horse batterY', hash)).toBe(false);
    expect(await hasher.verify('', hash)).toBe(false);
  });

  it('verifies a hash made at another cost with that cost (it carries its own parameters)', async () => {
    const older = await hasherAt(11).hash(PASSWORD);
    expect(await hasher.verify(PASSWORD, older)).toBe(true);
    expect(hasher.needsRehash(older)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash(PASSWORD))).toBe(false);
  });

  it('refuses a tampered hash: another key, another salt, other parameters, garbage, absurd costs', async () => {
    const hash = await hasher.hash(PASSWORD);
    const { salt, key } = parseScrypt(hash)!;
    const flipped = (bytes: Buffer) => Buffer.from(bytes.map((byte, i) => (i === 0 ? byte ^ 1 : byte))).toString('base64');
    const tampered = [
      withField(hash, 5, flipped(key)),
      withField(hash, 4, flipped(salt)),
      withField(hash, 1, '2048'),
      withField(hash, 2, '4'),
      withField(hash, 1, String(2 ** 40)),
      withField(hash, 1, '1000'),
      withField(hash, 5, key.subarray(0, 8).toString('base64')),
      withField(hash, 5, `${key.toString('base64')}!`),
      `scrypt$${hash}`,
      'scrypt$1024$8$1$$',
      'plain text password',
      '',
    ];
    for (const stored of tampered) expect(await hasher.verify(PASSWORD, stored)).toBe(false);
  });

  it('still accepts a bcrypt hash stored before scrypt, and asks for it to be replaced', async () => {
    const legacy = await bcrypt.hash(PASSWORD, 4);
    expect(await hasher.verify(PASSWORD, legacy)).toBe(true);
    expect(await hasher.verify('not the password', legacy)).toBe(false);
    expect(hasher.needsRehash(legacy)).toBe(true);
  });

  it('says no for an unknown account after doing the work of a real comparison', async () => {
    await hasher.onModuleInit();
    expect(await hasher.verifyNothing(PASSWORD)).toBe(false);
    expect(await hasher.verifyNothing('dummy password that never matches')).toBe(false);
  });
});

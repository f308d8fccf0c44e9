import { UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import bcrypt from 'bcryptjs';
import { validateEnvironment } from '@app/config';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/db/index.js';
import { UsersRepository } from '../users/users.repository.js';
import { AuthService } from './auth.service.js';
import { PasswordHasher } from './password-hasher.js';
import { SessionsRepository } from './sessions.repository.js';

// A "medium" test: accounts stored before scrypt sign in and leave with a scrypt hash, on a real database.
const PASSWORD = 'correct horse battery';

describe(`${AuthService.name}.login on a real database: stored hashes upgraded`, () => {
  let db: TestDatabase;
  let service: AuthService;
  const hasher = new PasswordHasher(validateEnvironment({ SCRYPT_COST: '10' }));

  beforeAll(async () => {
    db = await createTestDatabase();
    const jwt = new JwtService({ secret: 'a-test-secret-that-is-long-enough-0123456789', signOptions: { expiresIn: 3600 } });
    service = new AuthService(new UsersRepository(db.prisma), hasher, jwt, new SessionsRepository(db.prisma));
  });

  afterAll(async () => {
    await db?.drop();
  });

  const storedHash = async (email: string) => (await db.prisma.user.findUniqueOrThrow({ where: { email } })).passwordHash;
  const createUser = (email: string, passwordHash: string) => db.prisma.user.create({ data: { email, passwordHash, displayName: 'Legacy' } });

  it('signs a bcrypt account in and stores a scrypt hash of the same password in its place', async () => {
    const legacy = await bcrypt.hash(PASSWORD, 4);
    const user = await createUser('legacy@example.org', legacy);
    const { user: signedIn } = await service.login({ email: 'legacy@example.org', password: PASSWORD });
    expect(signedIn.id).toBe(user.id);
    const upgraded = await storedHash('legacy@example.org');
    expect(upgraded).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await hasher.verify(PASSWORD, upgraded)).toBe(true);
    expect(await bcrypt.compare(PASSWORD, legacy)).toBe(true);

    // The next login verifies the scrypt hash and leaves it as it is.
    await service.login({ email: 'legacy@example.org', password: PASSWORD });
    expect(await storedHash('legacy@example.org')).toBe(upgraded);
  });

  it('keeps the bcrypt hash when the password is wrong', async () => {
    const legacy = await bcrypt.hash(PASSWORD, 4);
    await createUser('wrong@example.org', legacy);
    await expect(service.login({ email: 'wrong@example.org', password: 'not the password' })).rejects.toBeInstanceOf(UnauthorizedException);
    expect(await storedHash('wrong@example.org')).toBe(legacy);
  });

  it('re-hashes a scrypt hash made at another cost', async () => {
    const older = await new PasswordHasher(validateEnvironment({ SCRYPT_COST: '11' })).hash(PASSWORD);
    await createUser('cost11@example.org', older);
    await service.login({ email: 'cost11@example.org', password: PASSWORD });
    expect(await storedHash('cost11@example.org')).toMatch(/^scrypt\$1024\$8\$1\$/);
  });

  it('does not overwrite a hash that changed after it was read (compare-and-set)', async () => {
    const legacy = await bcrypt.hash(PASSWORD, 4);
    const user = await createUser('raced@example.org', legacy);
    const users = new UsersRepository(db.prisma);
    expect(await users.updatePasswordHash(user.id, legacy, 'scrypt$first')).toBe(true);
    expect(await users.updatePasswordHash(user.id, legacy, 'scrypt$second')).toBe(false);
    expect(await storedHash('raced@example.org')).toBe('scrypt$first');
  });
});

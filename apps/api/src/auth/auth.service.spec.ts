import { ConflictException, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import bcrypt from 'bcryptjs';
import { validateEnvironment } from '@app/config';
import { InMemoryUsersRepository } from '../users/testing/in-memory-users.repository.js';
import { AuthService, INVALID_CREDENTIALS } from './auth.service.js';
import { PasswordHasher } from './password-hasher.js';
import { InMemorySessionsRepository } from './testing/in-memory-sessions.repository.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';

/** Counts password comparisons so tests can see the unknown-email path does the same work. */
class CountingHasher extends PasswordHasher {
  comparisons = 0;
  override async verify(password: string, hash: string): Promise<boolean> {
    this.comparisons += 1;
    return super.verify(password, hash);
  }
  override async verifyNothing(password: string): Promise<false> {
    this.comparisons += 1;
    return super.verifyNothing(password);
  }
}

function setup() {
  const repository = new InMemoryUsersRepository();
  const hasher = new CountingHasher(validateEnvironment({ SCRYPT_COST: '10' }));
  const jwt = new JwtService({ secret: SECRET, signOptions: { expiresIn: 12 * 3600 } });
  const sessions = new InMemorySessionsRepository(repository);
  const service = new AuthService(repository.asRepository(), hasher, jwt, sessions.asRepository());
  return { repository, sessions, hasher, jwt, service };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe(AuthService.name, () => {
  const ada = { email: ' Ada@Example.org ', password: 'correct horse battery', displayName: ' Ada ' };

  it('registers a learner with a scrypt hash and never returns the hash', async () => {
    const { repository, hasher, service } = setup();
    const { user, accessToken } = await service.register(ada);
    expect(user).toMatchObject({ email: 'ada@example.org', displayName: 'Ada', role: 'learner' });
    expect(user).not.toHaveProperty('passwordHash');
    const stored = repository.rows.get(user.id)!;
    expect(stored.passwordHash).not.toContain(ada.password);
    expect(stored.passwordHash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await hasher.verify(ada.password, stored.passwordHash)).toBe(true);
    expect((await service.authenticate(accessToken)).id).toBe(user.id);
  });

  it('refuses a second account for the same email, whatever its case', async () => {
    const { service } = setup();
    await service.register(ada);
    const error = await failure(service.register({ ...ada, email: 'ADA@example.org' }));
    expect(error).toBeInstanceOf(ConflictException);
  });

  it('logs in with the right password, case-insensitively on the email', async () => {
    const { service } = setup();
    const registered = await service.register(ada);
    const { user, accessToken } = await service.login({ email: 'ADA@EXAMPLE.ORG', password: ada.password });
    expect(user.id).toBe(registered.user.id);
    expect(await service.authenticate(accessToken)).toMatchObject({ id: user.id, role: 'learner' });
  });

  it('fails a wrong password and an unknown email identically, each after one password comparison', async () => {
    const { hasher, service } = setup();
    await service.register(ada);
    hasher.comparisons = 0;
    const wrongPassword = (await failure(service.login({ email: ada.email, password: 'not the password' }))) as UnauthorizedException;
    expect(hasher.comparisons).toBe(1);
    const unknownEmail = (await failure(service.login({ email: 'nobody@example.org', password: 'not the password' }))) as UnauthorizedException;
    expect(hasher.comparisons).toBe(2);
    expect(wrongPassword).toBeInstanceOf(UnauthorizedException);
    expect(unknownEmail).toBeInstanceOf(UnauthorizedException);
    expect(unknownEmail.getResponse()).toEqual(wrongPassword.getResponse());
    expect(wrongPassword.message).toBe(INVALID_CREDENTIALS);
  });

  it('replaces a bcrypt hash by a scrypt one at the first successful login, and only then', async () => {
    const { repository, hasher, service } = setup();
    const { user } = await service.register(ada);
    const legacy = await bcrypt.hash(ada.password, 4);
    repository.rows.get(user.id)!.passwordHash = legacy;
    await failure(service.login({ email: ada.email, password: 'not the password' }));
    expect(repository.rows.get(user.id)!.passwordHash).toBe(legacy);
    await service.login({ email: ada.email, password: ada.password });
    const upgraded = repository.rows.get(user.id)!.passwordHash;
    expect(upgraded).toMatch(/^scrypt\$/);
    expect(await hasher.verify(ada.password, upgraded)).toBe(true);
  });

  it('rejects a token whose user was deleted', async () => {
    const { repository, service } = setup();
    const { user, accessToken } = await service.register(ada);
    repository.rows.delete(user.id);
    await expect(service.authenticate(accessToken)).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('rejects garbage, tokens signed with another secret, and expired tokens', async () => {
    const { service, repository } = setup();
    const { user } = await service.register(ada);
    const otherSecret = new JwtService({ secret: 'another-secret-of-sufficient-length-98765' });
    const expired = new JwtService({ secret: SECRET }).sign({ sub: user.id, exp: Math.floor(Date.now() / 1000) - 10 });
    for (const token of ['garbage', otherSecret.sign({ sub: user.id }), expired]) {
      await expect(service.authenticate(token)).rejects.toBeInstanceOf(UnauthorizedException);
    }
    expect(repository.rows.size).toBe(1);
  });

  it('sees a role change on the next request, without a new token', async () => {
    const { repository, service } = setup();
    const { user, accessToken } = await service.register(ada);
    await repository.updateRole(user.id, 'instructor');
    expect((await service.authenticate(accessToken)).role).toBe('instructor');
  });

  it('refuses a token, and every copy of it, once its session signed out; other sessions go on', async () => {
    const { service } = setup();
    const lab = await service.register(ada);
    const home = await service.login(ada);
    await service.logout(lab.accessToken);
    await expect(service.authenticate(lab.accessToken)).rejects.toBeInstanceOf(UnauthorizedException);
    expect((await service.authenticate(home.accessToken)).id).toBe(home.user.id);
    await service.logout(lab.accessToken); // twice, or with garbage: nothing to close, no error
    await service.logout('garbage');
    await service.logout(undefined);
    expect((await service.authenticate(home.accessToken)).id).toBe(home.user.id);
  });

  it('refuses a token that names no session (signed before sessions existed) or another user\'s', async () => {
    const { service, jwt, sessions } = setup();
    const ada1 = await service.register(ada);
    const bob = await service.register({ ...ada, email: 'bob@example.org' });
    const bobSession = [...sessions.rows.values()].find((row) => row.userId === bob.user.id)!;
    for (const claims of [{ sub: ada1.user.id }, { sub: ada1.user.id, sid: 'not-a-uuid' }, { sub: ada1.user.id, sid: bobSession.id }]) {
      await expect(service.authenticate(jwt.sign(claims))).rejects.toBeInstanceOf(UnauthorizedException);
    }
  });

  it('refuses a session past its end even if the token were still valid, and prunes it at the next sign-in', async () => {
    const { service, sessions } = setup();
    const { user, accessToken } = await service.register(ada);
    const row = [...sessions.rows.values()][0]!;
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(11.9 * 3600 * 1000);
    row.expiresAt = new Date(Date.now() - 1000);
    await expect(service.authenticate(accessToken)).rejects.toBeInstanceOf(UnauthorizedException);
    await service.login(ada);
    expect([...sessions.rows.values()].map((r) => r.userId)).toEqual([user.id]);
    expect(sessions.rows.has(row.id)).toBe(false);
  });
});

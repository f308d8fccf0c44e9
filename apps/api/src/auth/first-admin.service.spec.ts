import { validateEnvironment } from '@app/config';
import { InMemoryUsersRepository } from '../users/testing/in-memory-users.repository.js';
import { DEFAULT_ADMIN_EMAIL, FirstAdminService } from './first-admin.service.js';
import { PasswordHasher } from './password-hasher.js';

function setup(raw: Record<string, string> = {}) {
  const env = validateEnvironment({ SCRYPT_COST: '10', ...raw });
  const repository = new InMemoryUsersRepository();
  const lines: string[] = [];
  const hasher = new PasswordHasher(env);
  const service = new FirstAdminService(repository.asRepository(), hasher, env, (line) => lines.push(line));
  return { repository, lines, service, hasher };
}

describe(FirstAdminService.name, () => {
  it('creates admin@localhost with a random password printed once in one line, then leaves it alone', async () => {
    const { repository, lines, service, hasher } = setup();
    expect(await service.ensureAdmin()).toBe('created-generated');
    const admin = (await repository.findByEmail(DEFAULT_ADMIN_EMAIL))!;
    expect(admin.role).toBe('admin');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    const password = /password (\S+)/.exec(lines[0])![1];
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect(await hasher.verify(password, admin.passwordHash)).toBe(true);

    expect(await service.ensureAdmin()).toBe('unchanged');
    expect(lines).toHaveLength(1);
    expect(repository.rows.size).toBe(1);
  });

  it('generates a different password on a fresh install', async () => {
    const first = setup();
    const second = setup();
    await first.service.ensureAdmin();
    await second.service.ensureAdmin();
    expect(first.lines[0]).not.toEqual(second.lines[0]);
  });

  it('creates the configured admin with ADMIN_PASSWORD and prints nothing; a restart changes nothing', async () => {
    const { repository, lines, service, hasher } = setup({ ADMIN_EMAIL: 'Boss@Example.org', ADMIN_PASSWORD: 'configured-pass' });
    expect(await service.ensureAdmin()).toBe('created-configured');
    const admin = (await repository.findByEmail('boss@example.org'))!;
    expect(admin.role).toBe('admin');
    expect(await hasher.verify('configured-pass', admin.passwordHash)).toBe(true);
    expect(await service.ensureAdmin()).toBe('unchanged');
    expect(lines).toEqual([]);
    expect(repository.rows.size).toBe(1);
  });

  it('promotes an existing ADMIN_EMAIL account whose password is ADMIN_PASSWORD, without touching it', async () => {
    const { repository, service, hasher } = setup({ ADMIN_EMAIL: 'boss@example.org', ADMIN_PASSWORD: 'configured-pass' });
    const kept = await hasher.hash('configured-pass');
    const existing = await repository.create({ email: 'boss@example.org', passwordHash: kept, displayName: 'Boss', role: 'learner' });
    expect(await service.ensureAdmin()).toBe('promoted-configured');
    expect(repository.rows.get(existing.id)).toMatchObject({ role: 'admin', passwordHash: kept });
  });

  // Red team redapi2: sign-up checks no email, so whoever registered the address first was made admin.
  it('never promotes an ADMIN_EMAIL account whose password is not ADMIN_PASSWORD (or an LMS account, which has none)', async () => {
    const { repository, service, hasher } = setup({ ADMIN_EMAIL: 'boss@example.org', ADMIN_PASSWORD: 'configured-pass' });
    const squatter = await repository.create({ email: 'boss@example.org', passwordHash: await hasher.hash('mallory-pass'), displayName: 'Mallory', role: 'learner' });
    expect(await service.ensureAdmin()).toBe('unchanged');
    expect(repository.rows.get(squatter.id)!.role).toBe('learner');
    const lms = setup({ ADMIN_EMAIL: 'lms@example.org', ADMIN_PASSWORD: 'configured-pass' });
    const fromLms = await lms.repository.create({ email: 'lms@example.org', passwordHash: '', displayName: 'LMS user', role: 'learner' });
    expect(await lms.service.ensureAdmin()).toBe('unchanged');
    expect(lms.repository.rows.get(fromLms.id)!.role).toBe('learner');
  });

  it('creates nothing when an admin already exists and no ADMIN_EMAIL is set', async () => {
    const { repository, lines, service, hasher } = setup();
    await repository.create({ email: 'root@example.org', passwordHash: 'x', displayName: 'Root', role: 'admin' });
    expect(await service.ensureAdmin()).toBe('unchanged');
    expect(lines).toEqual([]);
    expect(repository.rows.size).toBe(1);
  });

  it('never promotes a learner who registered admin@localhost', async () => {
    const { repository, lines, service, hasher } = setup();
    await repository.create({ email: DEFAULT_ADMIN_EMAIL, passwordHash: 'x', displayName: 'Mallory', role: 'learner' });
    expect(await service.ensureAdmin()).toBe('unchanged');
    expect((await repository.findByEmail(DEFAULT_ADMIN_EMAIL))!.role).toBe('learner');
    expect(lines).toEqual([]);
  });
});

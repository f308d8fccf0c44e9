import { createTestDatabase, type TestDatabase } from '../../../../test/support/db/index.js';
import { MAX_SESSIONS_PER_USER, SessionsRepository } from './sessions.repository.js';

// A "medium" test: the sessions table on a real database.
describe(SessionsRepository.name, () => {
  let db: TestDatabase;
  let sessions: SessionsRepository;
  const user = async (email: string) => (await db.prisma.user.create({ data: { email, passwordHash: 'x', displayName: 'S' } })).id;

  beforeAll(async () => {
    db = await createTestDatabase();
    sessions = new SessionsRepository(db.prisma);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('opens, reads with its user and closes a session', async () => {
    const userId = await user('open@example.org');
    const opened = await sessions.open(userId, new Date(Date.now() + 60_000), new Date());
    await expect(sessions.userOf(opened.id)).resolves.toMatchObject({ id: opened.id, userId, user: { email: 'open@example.org' } });
    await sessions.close(opened.id);
    await expect(sessions.userOf(opened.id)).resolves.toBeNull();
  });

  it('keeps at most MAX_SESSIONS_PER_USER per user, ending the oldest first, and drops expired ones', async () => {
    const [userId, otherId] = [await user('many@example.org'), await user('other@example.org')];
    const other = await sessions.open(otherId, new Date(Date.now() + 60_000), new Date());
    const expired = await sessions.open(userId, new Date(Date.now() - 1000), new Date(Date.now() - 2000));
    const opened: string[] = [];
    for (let i = 0; i < MAX_SESSIONS_PER_USER + 5; i++) {
      const at = new Date(Date.now() + i);
      opened.push((await sessions.open(userId, new Date(at.getTime() + 60_000), at)).id);
      await db.prisma.session.update({ where: { id: opened.at(-1)! }, data: { createdAt: at } });
    }
    const left = await db.prisma.session.findMany({ where: { userId }, orderBy: { createdAt: 'asc' } });
    expect(left.map((row) => row.id)).toEqual(opened.slice(-MAX_SESSIONS_PER_USER));
    expect(left.some((row) => row.id === expired.id)).toBe(false);
    await expect(sessions.userOf(other.id)).resolves.not.toBeNull(); // another user's are not touched
  });
});

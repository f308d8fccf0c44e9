import { randomUUID } from 'node:crypto';
import type { UserRecord } from '../../users/user.types.js';
import { MAX_SESSIONS_PER_USER, type SessionRecord, type SessionsRepository } from '../sessions.repository.js';

/** A SessionsRepository over a Map, joined to the users of an in-memory users repository. */
export class InMemorySessionsRepository {
  readonly rows = new Map<string, SessionRecord>();

  constructor(private readonly users: { rows: Map<string, UserRecord> }) {}

  asRepository(): SessionsRepository {
    return this as unknown as SessionsRepository;
  }

  async open(userId: string, expiresAt: Date, now: Date): Promise<SessionRecord> {
    for (const [id, row] of this.rows) if (row.userId === userId && row.expiresAt <= now) this.rows.delete(id);
    const own = [...this.rows.values()].filter((row) => row.userId === userId); // oldest first (insertion order)
    for (const row of own.slice(0, Math.max(0, own.length - (MAX_SESSIONS_PER_USER - 1)))) this.rows.delete(row.id);
    const row = { id: randomUUID(), userId, expiresAt };
    this.rows.set(row.id, row);
    return { ...row };
  }

  async userOf(sessionId: string): Promise<(SessionRecord & { user: UserRecord }) | null> {
    const row = this.rows.get(sessionId);
    const user = row && this.users.rows.get(row.userId);
    return row && user ? { ...row, user } : null; // a deleted user takes its sessions along (ON DELETE CASCADE)
  }

  async close(sessionId: string): Promise<void> {
    this.rows.delete(sessionId);
  }
}

import { randomUUID } from 'node:crypto';
import type { NewUser, Role, UserRecord } from '../user.types.js';
import type { UsersRepository } from '../users.repository.js';

/** A UsersRepository over a Map, for unit tests of the services (no database, no jest.mock). */
export class InMemoryUsersRepository {
  readonly rows = new Map<string, UserRecord>();
  private clock = Date.UTC(2026, 0, 1);

  asRepository(): UsersRepository {
    return this as unknown as UsersRepository;
  }

  async findById(id: string): Promise<UserRecord | null> {
    return this.rows.get(id) ?? null;
  }

  async findByEmail(email: string): Promise<UserRecord | null> {
    return [...this.rows.values()].find((user) => user.email === email) ?? null;
  }

  async create(user: NewUser): Promise<UserRecord> {
    if (await this.findByEmail(user.email)) throw Object.assign(new Error('Unique constraint failed'), { code: 'P2002' });
    const now = new Date((this.clock += 1000));
    const row: UserRecord = { id: randomUUID(), ...user, createdAt: now, updatedAt: now };
    this.rows.set(row.id, row);
    return row;
  }

  async updateRole(id: string, role: Role): Promise<UserRecord | null> {
    const row = this.rows.get(id);
    if (!row) return null;
    row.role = role;
    return row;
  }

  async updatePasswordHash(id: string, current: string, next: string): Promise<boolean> {
    const row = this.rows.get(id);
    if (row?.passwordHash !== current) return false;
    row.passwordHash = next;
    return true;
  }

  async list(skip: number, take: number, search?: string): Promise<UserRecord[]> {
    return this.matching(search).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).slice(skip, skip + take);
  }

  async count(search?: string): Promise<number> {
    return this.matching(search).length;
  }

  private matching(search: string | undefined): UserRecord[] {
    const needle = search?.toLowerCase();
    return [...this.rows.values()].filter((u) => !needle || u.email.toLowerCase().includes(needle) || u.displayName.toLowerCase().includes(needle));
  }

  async countByRole(role: Role): Promise<number> {
    return [...this.rows.values()].filter((user) => user.role === role).length;
  }
}

import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { NewUser, Role, UserRecord } from './user.types.js';

/** The only class that touches the `users` table. */
@Injectable()
export class UsersRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string): Promise<UserRecord | null> {
    return this.prisma.user.findUnique({ where: { id } });
  }

  findByEmail(email: string): Promise<UserRecord | null> {
    return this.prisma.user.findUnique({ where: { email } });
  }

  create(user: NewUser): Promise<UserRecord> {
    return this.prisma.user.create({ data: user });
  }

  /** Null when no user has this id (not an exception: the service decides what that means). */
  async updateRole(id: string, role: Role): Promise<UserRecord | null> {
    const { count } = await this.prisma.user.updateMany({ where: { id }, data: { role } });
    return count === 0 ? null : this.findById(id);
  }

  /**
   * Replaces the hash only if it is still `current` (compare-and-set): two logins upgrading the
   * same account at once, or a password changed meanwhile, never overwrite a newer hash.
   */
  async updatePasswordHash(id: string, current: string, next: string): Promise<boolean> {
    const { count } = await this.prisma.user.updateMany({ where: { id, passwordHash: current }, data: { passwordHash: next } });
    return count === 1;
  }

  /** Oldest first, so pages stay stable while users register; `search` matches email or name, any case. */
  list(skip: number, take: number, search?: string): Promise<UserRecord[]> {
    return this.prisma.user.findMany({ where: matching(search), orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip, take });
  }

  count(search?: string): Promise<number> {
    return this.prisma.user.count({ where: matching(search) });
  }

  countByRole(role: Role): Promise<number> {
    return this.prisma.user.count({ where: { role } });
  }
}

function matching(search: string | undefined) {
  if (!search) return {};
  return { OR: [{ email: { contains: search, mode: 'insensitive' as const } }, { displayName: { contains: search, mode: 'insensitive' as const } }] };
}

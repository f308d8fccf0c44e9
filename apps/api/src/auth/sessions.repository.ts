import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { UserRecord } from '../users/user.types.js';

export interface SessionRecord {
  id: string;
  userId: string;
  expiresAt: Date;
}

/** Sessions one user may hold at once (browsers, devices, LMS launches): the oldest ends first. */
export const MAX_SESSIONS_PER_USER = 20;

/** The only class that touches the `sessions` table: one row per sign-in still valid. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * A new session. The user's expired ones go at the same time (nothing else prunes them), and
   * so do all but the newest MAX_SESSIONS_PER_USER - 1: a script signing in (or an LMS launching)
   * in a loop cannot grow the table without bound; the oldest sign-in ends first.
   */
  async open(userId: string, expiresAt: Date, now: Date): Promise<SessionRecord> {
    await this.prisma.$executeRaw`
      DELETE FROM "sessions" WHERE "userId" = ${userId}::uuid AND ("expiresAt" <= ${now}::timestamptz OR "id" IN (
        SELECT "id" FROM "sessions" WHERE "userId" = ${userId}::uuid ORDER BY "createdAt" DESC, "id" DESC OFFSET ${MAX_SESSIONS_PER_USER - 1}))`;
    return this.prisma.session.create({ data: { userId, expiresAt }, select: { id: true, userId: true, expiresAt: true } });
  }

  /** The session's user, read in the same query (one statement per authenticated request). */
  async userOf(sessionId: string): Promise<(SessionRecord & { user: UserRecord }) | null> {
    return this.prisma.session.findUnique({ where: { id: sessionId }, select: { id: true, userId: true, expiresAt: true, user: true } });
  }

  async close(sessionId: string): Promise<void> {
    await this.prisma.session.deleteMany({ where: { id: sessionId } });
  }
}

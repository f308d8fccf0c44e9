import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { UserRecord } from '../users/user.types.js';

export interface SessionRecord {
  id: string;
  userId: string;
  expiresAt: Date;
}

/** The only class that touches the `sessions` table: one row per sign-in still valid. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** A new session; the user's expired ones go at the same time (nothing else prunes them). */
  async open(userId: string, expiresAt: Date, now: Date): Promise<SessionRecord> {
    await this.prisma.session.deleteMany({ where: { userId, expiresAt: { lte: now } } });
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

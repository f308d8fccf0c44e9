import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma } from '@app/db';
import type { ScoreSendRecord, ScoreStatus } from './lti.types.js';

type Db = Prisma.TransactionClient;

export interface FinishedScore {
  userId: string;
  quizId: string;
  attemptId: string;
  score: number;
  maxScore: number;
  at: Date;
}

/** The score outbox (`lti_score_sends`) and the grade links it is filled from. */
@Injectable()
export class LtiScoresRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** One pending send per line item the learner launched this quiz from; inside the caller's transaction. */
  async enqueueForLinks(finished: FinishedScore, tx: Db): Promise<number> {
    const links = await tx.ltiGradeLink.findMany({ where: { userId: finished.userId, quizId: finished.quizId } });
    if (links.length === 0) return 0;
    // The newest best replaces what is still unsent for these line items: an older score sent
    // after it (a retry after an LMS outage, an admin's retry) would overwrite it in the gradebook.
    await tx.ltiScoreSend.deleteMany({
      where: { userId: finished.userId, quizId: finished.quizId, lineItemUrl: { in: links.map((link) => link.lineItemUrl) }, status: { not: 'sent' } },
    });
    await tx.ltiScoreSend.createMany({
      data: links.map((link) => ({
        platformId: link.platformId,
        lineItemUrl: link.lineItemUrl,
        sub: link.sub,
        userId: finished.userId,
        quizId: finished.quizId,
        attemptId: finished.attemptId,
        scoreGiven: finished.score,
        scoreMaximum: finished.maxScore,
        scoredAt: finished.at,
        nextTryAt: finished.at,
      })),
    });
    return links.length;
  }

  /**
   * Leases up to `limit` due pending sends for `leaseMs` (FOR UPDATE SKIP LOCKED: two API
   * instances never send the same row at once; a crashed sender's lease simply runs out).
   */
  async leaseDue(now: Date, limit: number, leaseMs: number): Promise<ScoreSendRecord[]> {
    return this.prisma.$transaction(async (tx) => {
      const due = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM lti_score_sends
        WHERE status = 'pending' AND "nextTryAt" <= ${now} AND ("leasedUntil" IS NULL OR "leasedUntil" < ${now})
        ORDER BY "nextTryAt" ASC LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
      if (due.length === 0) return [];
      const ids = due.map((row) => row.id);
      await tx.ltiScoreSend.updateMany({ where: { id: { in: ids } }, data: { leasedUntil: new Date(now.getTime() + leaseMs) } });
      return tx.ltiScoreSend.findMany({ where: { id: { in: ids } }, orderBy: { nextTryAt: 'asc' } }) as Promise<ScoreSendRecord[]>;
    });
  }

  /** updateMany: a send replaced by a newer score while it was in flight is simply gone. */
  async markSent(id: string, now: Date): Promise<void> {
    await this.prisma.ltiScoreSend.updateMany({ where: { id }, data: { status: 'sent', sentAt: now, tries: { increment: 1 }, leasedUntil: null, lastError: null } });
  }

  async markTried(id: string, status: Extract<ScoreStatus, 'pending' | 'failed'>, error: string, nextTryAt: Date): Promise<void> {
    await this.prisma.ltiScoreSend.updateMany({
      where: { id },
      // The LMS's answer is quoted in the error: PostgreSQL text cannot hold NUL, and a failed
      // update here would leave the send untried (retried every lease, forever) and stop the round.
      data: { status, lastError: error.replaceAll('\u0000', '').slice(0, 1000), nextTryAt, tries: { increment: 1 }, leasedUntil: null },
    });
  }

  /** A failed send back to pending, due now (the admin fixed the LMS side). Null when unknown. */
  async retry(id: string, now: Date): Promise<ScoreSendRecord | null> {
    const { count } = await this.prisma.ltiScoreSend.updateMany({ where: { id, status: { not: 'sent' } }, data: { status: 'pending', nextTryAt: now, leasedUntil: null } });
    return count === 0 ? null : (this.prisma.ltiScoreSend.findUnique({ where: { id } }) as Promise<ScoreSendRecord | null>);
  }

  /** Newest first, for the admin page. */
  list(status: ScoreStatus | undefined, skip: number, take: number): Promise<ScoreSendRecord[]> {
    return this.prisma.ltiScoreSend.findMany({ where: status ? { status } : {}, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip, take }) as Promise<ScoreSendRecord[]>;
  }

  count(status: ScoreStatus | undefined): Promise<number> {
    return this.prisma.ltiScoreSend.count({ where: status ? { status } : {} });
  }
}

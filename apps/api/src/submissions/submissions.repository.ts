import { Injectable } from '@nestjs/common';
import { PrismaService, type Prisma } from '@app/db';
import type { GradingResult } from '@app/grader';
import type { CreateOutcome, NewSubmission, SubmissionRecord } from './submission.types.js';

type Db = Prisma.TransactionClient;

/** Submissions that count towards a code question's limit: grading failures of ours do not. */
const COUNTED: Prisma.SubmissionWhereInput = { kind: 'submit', status: { in: ['pending', 'grading', 'graded'] } };

/** Code runs and submissions of learners: the only submission code that touches Prisma. */
@Injectable()
export class SubmissionsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Stores a pending submission (before any grading: a crash leaves it to be graded at the next
   * start). Under a lock on the attempt row, so that it cannot slip past a concurrent finish,
   * and, for `submit`, checks the question's limit (0 = unlimited) in the same transaction.
   */
  create(submission: NewSubmission, limit: number): Promise<CreateOutcome> {
    return this.prisma.$transaction(async (tx) => {
      const status = await this.lockAttempt(submission.attemptId, tx);
      if (submission.kind === 'submit') {
        if (status !== 'in_progress') return { created: false, reason: 'attempt_submitted', used: 0 };
        const used = await tx.submission.count({ where: { attemptId: submission.attemptId, questionId: submission.questionId, ...COUNTED } });
        if (limit > 0 && used >= limit) return { created: false, reason: 'limit_reached', used };
      }
      const row = await tx.submission.create({ data: { ...submission, status: 'pending' }, select: { id: true } });
      await tx.attempt.update({ where: { id: submission.attemptId }, data: { updatedAt: new Date() }, select: { id: true } });
      return { created: true, id: row.id };
    });
  }

  /** null unless the submission belongs to `userId`. */
  async findOwn(id: string, userId: string): Promise<SubmissionRecord | null> {
    const row = await this.prisma.submission.findFirst({
      where: { id, userId },
      select: {
        id: true, attemptId: true, kind: true, status: true, score: true, points: true, maxPoints: true,
        result: true, createdAt: true, gradedAt: true, question: { select: { key: true } },
      },
    });
    if (!row) return null;
    const { question, result, ...rest } = row;
    return { ...rest, questionKey: question.key, result: result as GradingResult | null };
  }

  /**
   * Keeps on the code question's Answer the best graded `submit` of the attempt. Serialised on
   * the attempt row, so two verdicts arriving together cannot overwrite a better one.
   */
  async recordBestAnswer(submissionId: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const sub = await tx.submission.findUnique({
        where: { id: submissionId },
        select: { attemptId: true, questionId: true, kind: true, status: true, score: true, question: { select: { points: true } } },
      });
      if (!sub?.attemptId || sub.kind !== 'submit' || sub.status !== 'graded' || sub.score === null) return;
      await this.lockAttempt(sub.attemptId, tx);
      const where = { attemptId_questionId: { attemptId: sub.attemptId, questionId: sub.questionId } };
      const current = await tx.answer.findUnique({ where, select: { score: true } });
      if (current && (current.score ?? 0) >= sub.score) return;
      const data = { response: { submissionId }, correct: sub.score === 1, score: sub.score, points: sub.score * sub.question.points };
      await tx.answer.upsert({ where, create: { attemptId: sub.attemptId, questionId: sub.questionId, ...data }, update: data });
    });
  }

  private async lockAttempt(attemptId: string, tx: Db): Promise<string | undefined> {
    const rows = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM attempts WHERE id = ${attemptId}::uuid FOR UPDATE`;
    return rows[0]?.status;
  }
}

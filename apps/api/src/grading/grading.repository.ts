import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { GradingResult } from '@app/grader';

export interface SubmissionToGrade {
  id: string;
  source: string;
  kind: 'run' | 'submit';
  attemptCount: number;
  questionContent: unknown;
}

/** The only place the grading pipeline touches the database. */
@Injectable()
export class GradingRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Atomically takes a pending submission; false when another worker has it or it is finished. */
  async claim(id: string): Promise<boolean> {
    const { count } = await this.prisma.submission.updateMany({
      where: { id, status: 'pending' },
      data: { status: 'grading', leasedAt: new Date(), attemptCount: { increment: 1 } },
    });
    return count === 1;
  }

  async load(id: string): Promise<SubmissionToGrade | null> {
    const row = await this.prisma.submission.findUnique({
      where: { id },
      select: { id: true, source: true, kind: true, attemptCount: true, question: { select: { content: true } } },
    });
    return row && { id: row.id, source: row.source, kind: row.kind, attemptCount: row.attemptCount, questionContent: row.question.content };
  }

  /** Stores the verdict once: only a submission still in `grading` accepts a result. */
  async complete(id: string, result: GradingResult): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.submission.updateMany({
        where: { id, status: 'grading' },
        data: {
          status: 'graded',
          score: result.score,
          points: result.points,
          maxPoints: result.max_points,
          result: result as object,
          gradedAt: new Date(),
          leasedAt: null,
        },
      });
      if (count !== 1) return false;
      await tx.testResult.createMany({
        data: result.tests.map((test, position) => ({
          submissionId: id,
          position,
          name: test.name,
          status: test.status,
          score: test.score,
          maxScore: test.max_score,
          visibility: test.visibility,
          message: test.message,
          tags: test.tags,
        })),
      });
      return true;
    });
  }

  async fail(id: string, reason: string): Promise<void> {
    await this.prisma.submission.updateMany({
      where: { id, status: 'grading' },
      data: { status: 'error', errorReason: reason, gradedAt: new Date(), leasedAt: null },
    });
  }

  async release(id: string): Promise<void> {
    await this.prisma.submission.updateMany({ where: { id, status: 'grading' }, data: { status: 'pending', leasedAt: null } });
  }

  /**
   * Submissions a previous run left unfinished. With one API process owning its in-process pool,
   * a row still `grading` at boot was interrupted by a crash: it goes back to pending.
   */
  async recoverUnfinished(): Promise<string[]> {
    await this.prisma.submission.updateMany({ where: { status: 'grading' }, data: { status: 'pending', leasedAt: null } });
    const rows = await this.prisma.submission.findMany({ where: { status: 'pending' }, select: { id: true }, orderBy: { createdAt: 'asc' } });
    return rows.map((row) => row.id);
  }
}

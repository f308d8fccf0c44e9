import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';

export interface AttemptRow {
  id: string;
  status: 'in_progress' | 'submitted';
  score: number | null;
  maxScore: number | null;
  startedAt: Date;
  submittedAt: Date | null;
  quizVersion: { version: number; quiz: { id: string; title: string } };
  _count: { submissions: number };
}

export interface SubmissionRow {
  id: string;
  attemptId: string | null;
  kind: 'run' | 'submit';
  status: 'pending' | 'grading' | 'graded' | 'error';
  points: number | null;
  maxPoints: number | null;
  source: string;
  result: unknown;
  createdAt: Date;
  question: { key: string; quizVersion: { quizId: string } };
}

/** One learner's attempts and code, for the drill-down from the dashboard's learner table. */
@Injectable()
export class LearnerWorkRepository {
  constructor(private readonly prisma: PrismaService) {}

  async userExists(userId: string): Promise<boolean> {
    return (await this.prisma.user.count({ where: { id: userId } })) === 1;
  }

  async attempts(userId: string, skip: number, take: number): Promise<{ rows: AttemptRow[]; total: number }> {
    const where = { userId };
    const [rows, total] = await Promise.all([
      this.prisma.attempt.findMany({
        where,
        orderBy: [{ startedAt: 'desc' }, { id: 'asc' }],
        skip,
        take,
        select: {
          id: true,
          status: true,
          score: true,
          maxScore: true,
          startedAt: true,
          submittedAt: true,
          quizVersion: { select: { version: true, quiz: { select: { id: true, title: true } } } },
          _count: { select: { submissions: true } },
        },
      }),
      this.prisma.attempt.count({ where }),
    ]);
    return { rows: rows as AttemptRow[], total };
  }

  async submissions(userId: string, attemptId: string | undefined, skip: number, take: number): Promise<{ rows: SubmissionRow[]; total: number }> {
    const where = { userId, ...(attemptId ? { attemptId } : {}) };
    const [rows, total] = await Promise.all([
      this.prisma.submission.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        skip,
        take,
        select: {
          id: true,
          attemptId: true,
          kind: true,
          status: true,
          points: true,
          maxPoints: true,
          source: true,
          result: true,
          createdAt: true,
          question: { select: { key: true, quizVersion: { select: { quizId: true } } } },
        },
      }),
      this.prisma.submission.count({ where }),
    ]);
    return { rows: rows as SubmissionRow[], total };
  }
}

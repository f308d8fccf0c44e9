import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { CourseItem } from '@app/quiz-spec';

export interface QuizRow {
  id: string;
  title: string;
  kind: 'quiz' | 'exercise';
  course: string;
  published: boolean;
  updatedAt: Date;
  currentVersionId: string | null;
  versionsCount: number;
  currentVersion: number | null;
}

export interface VersionRow {
  id: string;
  version: number;
  contentHash: string;
  createdAt: Date;
  questionCount: number;
}

export interface CurrentVersionRow {
  id: string;
  version: number;
  contentHash: string;
  content: CourseItem;
  sourceYaml: string;
}

export interface SubmissionFilter {
  status?: 'pending' | 'grading' | 'graded' | 'error';
  kind?: 'run' | 'submit';
}

export interface SubmissionRow {
  id: string;
  userId: string;
  email: string;
  questionKey: string;
  kind: 'run' | 'submit';
  status: 'pending' | 'grading' | 'graded' | 'error';
  score: number | null;
  points: number | null;
  maxPoints: number | null;
  attemptId: string | null;
  answeredVersion: number;
  result: unknown;
  createdAt: Date;
  gradedAt: Date | null;
}

const quizSelect = {
  id: true,
  title: true,
  kind: true,
  course: true,
  published: true,
  updatedAt: true,
  currentVersionId: true,
  currentVersion: { select: { version: true } },
  _count: { select: { versions: true } },
} as const;

/** The instructor's reads and writes of quizzes and submissions; the only authoring code on Prisma. */
@Injectable()
export class AuthoringRepository {
  constructor(private readonly prisma: PrismaService) {}

  async listQuizzes(skip: number, take: number): Promise<{ rows: QuizRow[]; total: number }> {
    const [quizzes, total] = await Promise.all([
      this.prisma.quiz.findMany({ orderBy: [{ course: 'asc' }, { id: 'asc' }], skip, take, select: quizSelect }),
      this.prisma.quiz.count(),
    ]);
    return { rows: quizzes.map(toQuizRow), total };
  }

  async findQuiz(id: string): Promise<QuizRow | null> {
    const quiz = await this.prisma.quiz.findUnique({ where: { id }, select: quizSelect });
    return quiz && toQuizRow(quiz);
  }

  /** Submissions per quiz, counted in one query across every version's questions. */
  async countSubmissions(quizIds: string[]): Promise<Map<string, number>> {
    if (quizIds.length === 0) return new Map();
    const rows = await this.prisma.$queryRaw<{ quizId: string; count: bigint }[]>`
      SELECT qv."quizId" AS "quizId", COUNT(*) AS "count"
      FROM submissions s
      JOIN questions q ON q.id = s."questionId"
      JOIN quiz_versions qv ON qv.id = q."quizVersionId"
      WHERE qv."quizId" = ANY(${quizIds})
      GROUP BY qv."quizId"`;
    return new Map(rows.map((row) => [row.quizId, Number(row.count)]));
  }

  async listVersions(quizId: string): Promise<VersionRow[]> {
    const versions = await this.prisma.quizVersion.findMany({
      where: { quizId },
      orderBy: { version: 'desc' },
      select: { id: true, version: true, contentHash: true, createdAt: true, _count: { select: { questions: true } } },
    });
    return versions.map(({ _count, ...version }) => ({ ...version, questionCount: _count.questions }));
  }

  async currentVersion(quizId: string): Promise<CurrentVersionRow | null> {
    const quiz = await this.prisma.quiz.findUnique({
      where: { id: quizId },
      select: { currentVersion: { select: { id: true, version: true, contentHash: true, content: true, sourceYaml: true } } },
    });
    const version = quiz?.currentVersion;
    return version ? { ...version, content: version.content as unknown as CourseItem } : null;
  }

  /** Makes the stored version with this content hash current; false when it already was. */
  async makeCurrent(quizId: string, contentHash: string): Promise<boolean> {
    const version = await this.prisma.quizVersion.findUnique({ where: { quizId_contentHash: { quizId, contentHash } }, select: { id: true } });
    if (!version) return false;
    const { count } = await this.prisma.quiz.updateMany({
      where: { id: quizId, NOT: { currentVersionId: version.id } },
      data: { currentVersionId: version.id },
    });
    return count === 1;
  }

  /** False when no quiz has this id. */
  async setPublished(id: string, published: boolean): Promise<boolean> {
    const { count } = await this.prisma.quiz.updateMany({ where: { id }, data: { published } });
    return count === 1;
  }

  async listSubmissions(quizId: string, filter: SubmissionFilter, skip: number, take: number): Promise<{ rows: SubmissionRow[]; total: number }> {
    const where = { question: { quizVersion: { quizId } }, ...filter };
    const [submissions, total] = await Promise.all([
      this.prisma.submission.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        skip,
        take,
        select: {
          id: true,
          userId: true,
          kind: true,
          status: true,
          score: true,
          points: true,
          maxPoints: true,
          attemptId: true,
          result: true,
          createdAt: true,
          gradedAt: true,
          user: { select: { email: true } },
          question: { select: { key: true, quizVersion: { select: { version: true } } } },
        },
      }),
      this.prisma.submission.count({ where }),
    ]);
    const rows = submissions.map(({ user, question, ...row }) => ({
      ...row,
      email: user.email,
      questionKey: question.key,
      answeredVersion: question.quizVersion.version,
    }));
    return { rows, total };
  }
}

function toQuizRow(quiz: {
  id: string;
  title: string;
  kind: 'quiz' | 'exercise';
  course: string;
  published: boolean;
  updatedAt: Date;
  currentVersionId: string | null;
  currentVersion: { version: number } | null;
  _count: { versions: number };
}): QuizRow {
  const { currentVersion, _count, ...rest } = quiz;
  return { ...rest, currentVersion: currentVersion?.version ?? null, versionsCount: _count.versions };
}

import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { PrismaService, type Prisma } from '@app/db';
import type { ParsonsQuestion, Question } from '@app/quiz-spec';
import type { CodeBest } from './attempt-scoring.js';
import type { AccommodationRecord, AnswerRecord, AttemptRecord, NewAnswer, OwnQuestion, QuestionLimit } from './attempt.types.js';
import { QUIZ_SELECT, toSettings, toVersionRecord, VERSION_SELECT } from './quiz-records.js';

/** A transaction client, or the service itself outside a transaction. */
export type Db = Prisma.TransactionClient;

export interface BestScoreRecord {
  score: number;
  maxScore: number;
}

interface OwnQuestionRow {
  status: AttemptRecord['status'];
  deadlineAt: Date | null;
  settings: unknown;
  questionId: string | null;
  key: string | null;
  type: string | null;
  attempts: number | null;
  variantSeed: number;
  examElsewhere: boolean;
  parsons: ParsonsQuestion | null;
}

const ANSWER_SELECT = { questionId: true, response: true, correct: true, score: true, points: true } as const;

/** Attempts, their answers and best scores: the only attempt code that touches Prisma. */
@Injectable()
export class AttemptsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Runs `work` in a transaction holding a lock on (user, quiz), so that two concurrent starts
   * cannot both pass the attempt-limit check or open two attempts.
   */
  exclusive<T>(userId: string, quizId: string, work: (tx: Db) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`attempt:${userId}:${quizId}`}, 0))`;
      return work(tx);
    });
  }

  /**
   * Locks the attempt row until the transaction ends and tells whether it is still in progress:
   * answers and submissions taken under this lock cannot slip past a concurrent finish.
   */
  async lockInProgress(id: string, tx: Db): Promise<boolean> {
    const rows = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM attempts WHERE id = ${id}::uuid FOR UPDATE`;
    return rows[0]?.status === 'in_progress';
  }

  transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(work);
  }

  async findInProgressId(userId: string, quizId: string, tx: Db = this.prisma): Promise<string | null> {
    const row = await tx.attempt.findFirst({
      where: { userId, status: 'in_progress', quizVersion: { quizId } },
      orderBy: { startedAt: 'desc' },
      select: { id: true },
    });
    return row?.id ?? null;
  }

  countForQuiz(userId: string, quizId: string, tx: Db = this.prisma): Promise<number> {
    return tx.attempt.count({ where: { userId, quizVersion: { quizId } } });
  }

  async create(userId: string, quizVersionId: string, tx: Db = this.prisma, timing: { startedAt?: Date; deadlineAt?: Date | null } = {}): Promise<string> {
    // Any 31-bit number: it only picks variants, so it need not be secret, only different per attempt.
    const variantSeed = randomInt(0, 2 ** 31 - 1);
    const row = await tx.attempt.create({ data: { userId, quizVersionId, variantSeed, ...timing }, select: { id: true } });
    return row.id;
  }

  findAccommodation(userId: string, quizId: string, tx: Db = this.prisma): Promise<AccommodationRecord | null> {
    return tx.accommodation.findUnique({ where: { userId_quizId: { userId, quizId } }, select: { extraMinutes: true, extraAttempts: true } });
  }

  /** In-progress attempts whose time is up, oldest deadline first (the server finishes them). */
  findOverdue(now: Date, take: number): Promise<{ id: string; userId: string }[]> {
    return this.prisma.attempt.findMany({
      where: { status: 'in_progress', deadlineAt: { lte: now } },
      orderBy: { deadlineAt: 'asc' },
      take,
      select: { id: true, userId: true },
    });
  }

  /** The attempt when it belongs to `userId`; null otherwise (callers answer 404 either way). */
  findOwn(id: string, userId: string, tx: Db = this.prisma): Promise<AttemptRecord | null> {
    return this.findWhere({ id, userId }, tx);
  }

  /** Any attempt by id: for the server's own work on it (a verdict arriving, a regrade), never a learner's request. */
  findById(id: string, tx: Db = this.prisma): Promise<AttemptRecord | null> {
    return this.findWhere({ id }, tx);
  }

  private async findWhere(where: { id: string; userId?: string }, tx: Db): Promise<AttemptRecord | null> {
    const row = await tx.attempt.findFirst({
      where,
      select: {
        id: true,
        userId: true,
        status: true,
        score: true,
        maxScore: true,
        startedAt: true,
        submittedAt: true,
        deadlineAt: true,
        timedOut: true,
        completedAt: true,
        variantSeed: true,
        answers: { select: ANSWER_SELECT },
        quizVersion: { select: { ...VERSION_SELECT, quiz: { select: QUIZ_SELECT } } },
      },
    });
    if (!row) return null;
    const { quizVersion, answers, ...attempt } = row;
    return { ...attempt, quiz: quizVersion.quiz, version: toVersionRecord(quizVersion), answers: answers as AnswerRecord[] };
  }

  /**
   * What a code submission needs to know, in one statement (a submission's hot path): the
   * attempt's status, variant seed and its version's settings, and the question `key` (null when
   * the version has none), with its content when it is a Parsons problem (a few lines, no more). null when the attempt is unknown or not `userId`'s.
   */
  async findOwnQuestion(attemptId: string, userId: string, key: string, now = new Date()): Promise<OwnQuestion | null> {
    // examElsewhere: another attempt of the learner's in progress whose deadline (set for exams
    // only) is still ahead; an index on (userId, status) answers it.
    const rows = await this.prisma.$queryRaw<OwnQuestionRow[]>`
      SELECT a."status"::text AS "status", a."deadlineAt", a."variantSeed",
             EXISTS (SELECT 1 FROM "attempts" o WHERE o."userId" = a."userId" AND o."status" = 'in_progress'
                     AND o."id" <> a."id" AND o."deadlineAt" > ${now}) AS "examElsewhere",
             jsonb_strip_nulls(jsonb_build_object('attempts', v."content"->'attempts', 'opens', v."content"->'opens', 'closes', v."content"->'closes', 'exam', v."content"->'exam')) AS "settings",
             q."id"::text AS "questionId", q."key", q."content"->>'type' AS "type", (q."content"->>'attempts')::int AS "attempts",
             CASE WHEN q."content"->>'type' = 'parsons' THEN q."content" END AS "parsons"
      FROM "attempts" a
      JOIN "quiz_versions" v ON v."id" = a."quizVersionId"
      LEFT JOIN "questions" q ON q."quizVersionId" = a."quizVersionId" AND q."key" = ${key}
      WHERE a."id" = ${attemptId}::uuid AND a."userId" = ${userId}::uuid`;
    const row = rows[0];
    if (!row) return null;
    const attempt = { id: attemptId, status: row.status, deadlineAt: row.deadlineAt, variantSeed: row.variantSeed, settings: toSettings(row.settings) };
    const examInProgressElsewhere = row.examElsewhere === true;
    if (row.questionId === null) return { attempt, question: null, examInProgressElsewhere };
    const question: QuestionLimit = { id: row.questionId, key: row.key!, type: row.type as QuestionLimit['type'], attempts: row.attempts ?? 0 };
    if (row.parsons) question.parsons = row.parsons;
    return { attempt, question, examInProgressElsewhere };
  }

  /**
   * false (and nothing stored) when the attempt is no longer in progress. `afterStore` runs in the
   * same transaction, under the attempt's row lock (the attempt's score as it goes).
   */
  async createAnswer(answer: NewAnswer, afterStore?: (tx: Db) => Promise<unknown>): Promise<boolean> {
    const { response, ...rest } = answer;
    return this.prisma.$transaction(async (tx) => {
      if (!(await this.lockInProgress(answer.attemptId, tx))) return false;
      await tx.answer.create({ data: { ...rest, response: response as Prisma.InputJsonValue } });
      await this.touch(answer.attemptId, tx);
      if (afterStore) await afterStore(tx);
      return true;
    });
  }

  /** Marks learner activity on the attempt (progress shows the last one). */
  async touch(attemptId: string, tx: Db = this.prisma): Promise<void> {
    await tx.attempt.update({ where: { id: attemptId }, data: { updatedAt: new Date() }, select: { id: true } });
  }

  /** Best graded `submit` per code question of the attempt (see readBestCode). */
  bestCodeScores(attemptId: string, tx: Db = this.prisma): Promise<Map<string, CodeBest>> {
    return readBestCode(tx, attemptId);
  }

  countUngraded(attemptId: string, tx: Db = this.prisma): Promise<number> {
    return tx.submission.count({ where: { attemptId, kind: 'submit', status: { in: ['pending', 'grading'] } } });
  }

  /** Finishes the attempt with its final score; complete from now on if it was not already. */
  async markSubmitted(id: string, score: number, maxScore: number, now: Date, tx: Db = this.prisma, timedOut = false): Promise<void> {
    await tx.$executeRaw`
      UPDATE "attempts" SET "status" = 'submitted', "score" = ${score}, "maxScore" = ${maxScore}, "submittedAt" = ${now},
        "timedOut" = ${timedOut}, "completedAt" = coalesce("completedAt", ${now}), "updatedAt" = ${now}
      WHERE "id" = ${id}::uuid`;
  }

  /** A practice attempt's score as it stands (docs/scoring.md); `completedAt` is set once, never moved. */
  async saveScore(id: string, score: { score: number; maxScore: number }, completedAt: Date | null, tx: Db = this.prisma): Promise<void> {
    await tx.$executeRaw`
      UPDATE "attempts" SET "score" = ${score.score}, "maxScore" = ${score.maxScore}, "completedAt" = coalesce("completedAt", ${completedAt}::timestamptz)
      WHERE "id" = ${id}::uuid`;
  }

  async findBestScore(userId: string, quizId: string, tx: Db = this.prisma): Promise<BestScoreRecord | null> {
    return tx.bestScore.findUnique({ where: { userId_quizId: { userId, quizId } }, select: { score: true, maxScore: true } });
  }

  async saveBestScore(userId: string, quizId: string, attemptId: string, best: BestScoreRecord, tx: Db = this.prisma): Promise<void> {
    await tx.bestScore.upsert({
      where: { userId_quizId: { userId, quizId } },
      create: { userId, quizId, attemptId, ...best },
      update: { attemptId, ...best },
    });
  }
}

/**
 * The best graded `submit` of each code question of an attempt (the earliest among equals), with
 * the maximum a regrade marked it against (the regrade version's points for the question; a
 * regrade stored before they were kept: the tests' sum). Shared by finishing, scoring as it goes and regrading,
 * so that all three count a code question alike. Raw SQL: only the `regrade` key of the stored
 * result is read (results can be large).
 */
export async function readBestCode(tx: Db, attemptId: string): Promise<Map<string, CodeBest & { id: string }>> {
  const rows = await tx.$queryRaw<{ id: string; questionId: string; score: number | null; regradedMax: number | null }[]>`
    SELECT DISTINCT ON ("questionId") "id"::text AS "id", "questionId"::text AS "questionId", "score",
      CASE WHEN "result"->'regrade' IS NOT NULL
        THEN COALESCE(("result"->'regrade'->>'questionPoints')::float8, "maxPoints") END AS "regradedMax"
    FROM "submissions"
    WHERE "attemptId" = ${attemptId}::uuid AND "kind" = 'submit' AND "status" = 'graded'
    ORDER BY "questionId", "score" DESC NULLS LAST, "createdAt" ASC, "id" ASC`;
  return new Map(rows.map((row) => [row.questionId, { id: row.id, score: row.score ?? 0, regradedMax: row.regradedMax }]));
}

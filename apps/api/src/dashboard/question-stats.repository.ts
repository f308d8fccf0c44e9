import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/db';
import type { Question } from '@app/quiz-spec';
import { attemptQuestionOutcomes, gradedSubmissions, questionIdsOfQuiz } from './dashboard-sql.js';

/** A question of a quiz, identified by its key across versions (described as in the newest version). */
export interface QuestionRow {
  key: string;
  type: string;
  position: number;
  prompt: string;
  concepts: string[];
}

export interface QuestionOutcomeRow {
  key: string;
  answers: number;
  gradedAttempts: number;
  passedAttempts: number;
}

export interface QuestionSubmissionRow {
  key: string;
  submissions: number;
  meanSubmissionsToPass: number | null;
}

/** Tests of a question that could not be graded, by whose fault (never the learner's). */
export interface GradingFaultRow {
  key: string;
  grader: number;
  author: number;
}

/** A named mistake found in a question's graded submissions: by how many learners, how often. */
export interface MisconceptionRow {
  key: string;
  name: string;
  learners: number;
  failures: number;
}

export interface FailedTestRow {
  key: string;
  name: string;
  failures: number;
}

/** Graded and passed counts of one question, per attempt variant seed. */
export interface VariantOutcomeRow {
  key: string;
  seed: number;
  gradedAttempts: number;
  passedAttempts: number;
}

const PROMPT_EXCERPT_CHARS = 160;

/** Per-question aggregates of one quiz, keyed by question key so every version counts. */
@Injectable()
export class QuestionStatsRepository {
  constructor(private readonly prisma: PrismaService) {}

  async quizExists(quizId: string): Promise<boolean> {
    return (await this.prisma.quiz.count({ where: { id: quizId } })) > 0;
  }

  /** The current version describes a question; keys dropped from it are described by their last version. */
  questions(quizId: string): Promise<QuestionRow[]> {
    return this.prisma.$queryRaw<QuestionRow[]>`
      SELECT DISTINCT ON (q.key) q.key, q.type::text AS type, q.position,
        left(coalesce(q.content->>'prompt', ''), ${PROMPT_EXCERPT_CHARS}) AS prompt,
        coalesce(q.concepts, ARRAY[]::text[]) AS concepts
      FROM questions q JOIN quiz_versions v ON v.id = q."quizVersionId" JOIN quizzes z ON z.id = v."quizId"
      WHERE v."quizId" = ${quizId}
      ORDER BY q.key, (z."currentVersionId" IS NOT DISTINCT FROM v.id) DESC, v.version DESC`;
  }

  outcomes(quizId: string): Promise<QuestionOutcomeRow[]> {
    return this.prisma.$queryRaw<QuestionOutcomeRow[]>`
      WITH o AS (${attemptQuestionOutcomes(questionIdsOfQuiz(quizId))})
      SELECT q.key,
        count(*) FILTER (WHERE o.answered)::int AS answers,
        count(*) FILTER (WHERE o.graded)::int AS "gradedAttempts",
        count(*) FILTER (WHERE o.passed)::int AS "passedAttempts"
      FROM o JOIN questions q ON q.id = o.question_id GROUP BY q.key`;
  }

  /** The current version's questions (any type) that declare per-learner variants, by key. */
  async variantQuestions(quizId: string): Promise<Map<string, Question>> {
    const rows = await this.prisma.$queryRaw<{ key: string; content: unknown }[]>`
      SELECT q.key, q.content FROM questions q JOIN quizzes z ON z."currentVersionId" = q."quizVersionId"
      WHERE z.id = ${quizId} AND (q.content ? 'params' OR q.content ? 'variants')`;
    return new Map(rows.map((row) => [row.key, row.content as Question]));
  }

  /** Outcomes of questions with variants, per attempt seed (the variant is drawn from it in code). */
  variantOutcomes(quizId: string, keys: string[]): Promise<VariantOutcomeRow[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.prisma.$queryRaw<VariantOutcomeRow[]>`
      WITH o AS (${attemptQuestionOutcomes(questionIdsOfQuiz(quizId))})
      SELECT q.key, a."variantSeed" AS seed,
        count(*) FILTER (WHERE o.graded)::int AS "gradedAttempts",
        count(*) FILTER (WHERE o.passed)::int AS "passedAttempts"
      FROM o JOIN questions q ON q.id = o.question_id JOIN attempts a ON a.id = o.attempt_id
      WHERE q.key IN (${Prisma.join(keys)})
      GROUP BY q.key, a."variantSeed"`;
  }

  /** Submissions up to the first pass are counted per learner (ordered by time), then averaged. */
  submissions(quizId: string): Promise<QuestionSubmissionRow[]> {
    return this.prisma.$queryRaw<QuestionSubmissionRow[]>`
      WITH s AS (${gradedSubmissions(questionIdsOfQuiz(quizId))}),
      ranked AS (
        SELECT s."userId", q.key, s.passed,
          row_number() OVER (PARTITION BY s."userId", q.key ORDER BY s."createdAt", s.id) AS n
        FROM s JOIN questions q ON q.id = s."questionId"
      ),
      per_learner AS (
        SELECT key, count(*) AS tries, min(n) FILTER (WHERE passed) AS to_pass FROM ranked GROUP BY key, "userId"
      )
      SELECT key, sum(tries)::int AS submissions, avg(to_pass)::float8 AS "meanSubmissionsToPass"
      FROM per_learner GROUP BY key`;
  }

  /** The `limit` tests of each question that failed most often (failed or error through the learner's code). */
  mostFailedTests(quizId: string, limit: number): Promise<FailedTestRow[]> {
    return this.prisma.$queryRaw<FailedTestRow[]>`
      WITH s AS (${gradedSubmissions(questionIdsOfQuiz(quizId))}),
      fails AS (
        SELECT q.key, t.name, count(*)::int AS failures
        FROM test_results t JOIN s ON s.id = t."submissionId" JOIN questions q ON q.id = s."questionId"
        WHERE t.status IN ('fail', 'error', 'timeout') AND t.fault IS NULL GROUP BY q.key, t.name
      ),
      ranked AS (SELECT key, name, failures, row_number() OVER (PARTITION BY key ORDER BY failures DESC, name) AS n FROM fails)
      SELECT key, name, failures FROM ranked WHERE n <= ${limit}::int ORDER BY key, n`;
  }

  /** Per question: the misconceptions its failed tests revealed, most learners first. */
  misconceptions(quizId: string): Promise<MisconceptionRow[]> {
    return this.prisma.$queryRaw<MisconceptionRow[]>`
      WITH s AS (${gradedSubmissions(questionIdsOfQuiz(quizId))})
      SELECT q.key, t.misconception AS name, count(DISTINCT s."userId")::int AS learners, count(*)::int AS failures
      FROM test_results t JOIN s ON s.id = t."submissionId" JOIN questions q ON q.id = s."questionId"
      WHERE t.misconception IS NOT NULL GROUP BY q.key, t.misconception
      ORDER BY q.key, learners DESC, failures DESC, name`;
  }

  /** Per question: test results that could not be graded, by the grader's or the exercise's fault. */
  gradingFaults(quizId: string): Promise<GradingFaultRow[]> {
    return this.prisma.$queryRaw<GradingFaultRow[]>`
      WITH s AS (${gradedSubmissions(questionIdsOfQuiz(quizId))})
      SELECT q.key, count(*) FILTER (WHERE t.fault = 'grader')::int AS grader,
        count(*) FILTER (WHERE t.fault = 'author')::int AS author
      FROM test_results t JOIN s ON s.id = t."submissionId" JOIN questions q ON q.id = s."questionId"
      WHERE t.fault IS NOT NULL GROUP BY q.key`;
  }
}

import { Injectable } from '@nestjs/common';
import { Prisma, PrismaService } from '@app/db';
import { ALL_QUESTION_IDS, attemptQuestionOutcomes, gradedSubmissions } from './dashboard-sql.js';

export interface ConceptRow {
  concept: string;
  answers: number;
  failedAnswers: number;
  tests: number;
  failedTests: number;
}

/**
 * Per tag: graded (attempt, question) outcomes of questions carrying it in Question.concepts, and
 * test results carrying it in TestResult.tags (graded `submit` submissions only: runs are practice;
 * tests skipped by the author or not graded through the grader's or the exercise's fault are left out).
 */
const PER_CONCEPT = Prisma.sql`
  WITH o AS (${attemptQuestionOutcomes(ALL_QUESTION_IDS)}),
  s AS (${gradedSubmissions(ALL_QUESTION_IDS)}),
  tagged AS (
    SELECT unnest(q.concepts) AS concept, 1 AS answer, (NOT o.passed)::int AS failed_answer, 0 AS test, 0 AS failed_test
    FROM o JOIN questions q ON q.id = o.question_id WHERE o.graded
    UNION ALL
    SELECT unnest(t.tags), 0, 0, 1, (t.status <> 'pass')::int
    FROM test_results t JOIN s ON s.id = t."submissionId"
    WHERE t.status <> 'skipped' AND t.fault IS NULL -- not the learner's: counted apart
  ),
  per_concept AS (
    SELECT concept, sum(answer)::int AS answers, sum(failed_answer)::int AS "failedAnswers",
      sum(test)::int AS tests, sum(failed_test)::int AS "failedTests"
    FROM tagged GROUP BY concept
  )`;

@Injectable()
export class ConceptStatsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Most failed first (by failure rate), then by name. The total comes with the page (a window
   * count), so the aggregate runs once; only a page past the end needs a second, counting query.
   */
  async list(skip: number, take: number): Promise<{ rows: ConceptRow[]; total: number }> {
    const rows = await this.prisma.$queryRaw<(ConceptRow & { total: number })[]>`
      ${PER_CONCEPT}
      SELECT *, count(*) OVER ()::int AS total FROM per_concept
      ORDER BY ("failedAnswers" + "failedTests")::float8 / nullif(answers + tests, 0) DESC NULLS LAST, concept
      LIMIT ${take}::int OFFSET ${skip}::int`;
    if (rows.length > 0) return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0].total };
    if (skip === 0) return { rows: [], total: 0 };
    const [{ total }] = await this.prisma.$queryRaw<{ total: number }[]>`${PER_CONCEPT} SELECT count(*)::int AS total FROM per_concept`;
    return { rows: [], total };
  }
}

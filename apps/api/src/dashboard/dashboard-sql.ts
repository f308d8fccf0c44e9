import { Prisma } from '@app/db';

/** Ids of the questions of every version of one quiz. */
export function questionIdsOfQuiz(quizId: string): Prisma.Sql {
  return Prisma.sql`SELECT q.id FROM questions q JOIN quiz_versions v ON v.id = q."quizVersionId" WHERE v."quizId" = ${quizId}`;
}

export const ALL_QUESTION_IDS = Prisma.sql`SELECT id FROM questions`;

/** A code submission counts as passed when it earned every point (score is points / max_points). */
const SUBMISSION_PASSED = Prisma.sql`s.score >= 1`;

/**
 * One row per (attempt, question) that was answered or had code submitted, for the questions in
 * `questionIds`: `answered` (an Answer row exists), `graded` (a verdict exists: the Answer's
 * `correct`, or a graded code submission) and `passed` (the Answer is correct or any graded
 * submission of that attempt passed). Code verdicts are read from submissions so that the figures
 * do not depend on whether the learner flow also mirrors them into Answer rows.
 */
export function attemptQuestionOutcomes(questionIds: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT coalesce(ans."questionId", subs."questionId") AS question_id, coalesce(ans."attemptId", subs."attemptId") AS attempt_id,
      ans.id IS NOT NULL AS answered,
      (ans.correct IS NOT NULL OR subs.passed IS NOT NULL) AS graded,
      (ans.correct IS TRUE OR subs.passed IS TRUE) AS passed
    FROM (
      SELECT a.id, a."attemptId", a."questionId", a.correct FROM answers a
      WHERE a."questionId" IN (${questionIds})
    ) ans
    FULL JOIN (
      SELECT s."attemptId", s."questionId", bool_or(${SUBMISSION_PASSED}) AS passed FROM submissions s
      WHERE s.kind = 'submit' AND s.status = 'graded' AND s."attemptId" IS NOT NULL
        AND s."questionId" IN (${questionIds})
      GROUP BY s."attemptId", s."questionId"
    ) subs ON subs."attemptId" = ans."attemptId" AND subs."questionId" = ans."questionId"`;
}

/** Graded `submit` submissions of the questions in `questionIds`, each with whether it passed. */
export function gradedSubmissions(questionIds: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT s.id, s."userId", s."questionId", s."createdAt", ${SUBMISSION_PASSED} AS passed FROM submissions s
    WHERE s.kind = 'submit' AND s.status = 'graded' AND s."questionId" IN (${questionIds})`;
}

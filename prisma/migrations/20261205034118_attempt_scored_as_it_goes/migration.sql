-- AlterTable
ALTER TABLE "attempts" ADD COLUMN     "completedAt" TIMESTAMPTZ(3);

-- Practice attempts (not exams) are now scored as they go (docs/scoring.md). Attempts written
-- before: a finished attempt was complete when it was finished; an open practice attempt gets the
-- score it would have had (each answer's score x points, a code question its best graded submit),
-- and is complete when every question has an answer. This mirrors scoreAttempt as of this migration.
UPDATE "attempts" SET "completedAt" = "submittedAt" WHERE "status" = 'submitted';

WITH "practice" AS (
  SELECT a."id", a."quizVersionId", a."updatedAt" FROM "attempts" a JOIN "quiz_versions" v ON v."id" = a."quizVersionId"
  WHERE a."status" = 'in_progress' AND v."content"->'exam' IS NULL
), "per_question" AS (
  SELECT p."id" AS "attemptId", p."updatedAt", q."points",
    CASE WHEN q."type" = 'code' THEN (
      SELECT max(s."score") FROM "submissions" s
      WHERE s."attemptId" = p."id" AND s."questionId" = q."id" AND s."kind" = 'submit' AND s."status" = 'graded'
    ) ELSE ans."score" END AS "score",
    ans."id" IS NOT NULL AS "answered"
  FROM "practice" p JOIN "questions" q ON q."quizVersionId" = p."quizVersionId"
  LEFT JOIN "answers" ans ON ans."attemptId" = p."id" AND ans."questionId" = q."id"
), "scored" AS (
  SELECT "attemptId", round(sum(coalesce("score", 0) * "points")::numeric, 6)::float8 AS "score",
    round(sum("points")::numeric, 6)::float8 AS "maxScore", bool_and("answered") AS "complete", max("updatedAt") AS "at"
  FROM "per_question" GROUP BY "attemptId" HAVING bool_or("answered" OR "score" IS NOT NULL)
)
UPDATE "attempts" a SET "score" = s."score", "maxScore" = s."maxScore", "completedAt" = CASE WHEN s."complete" THEN s."at" END
FROM "scored" s WHERE a."id" = s."attemptId";

-- Their best scores: raised where an open practice attempt now beats the stored best (by share).
WITH "candidates" AS (
  SELECT DISTINCT ON (a."userId", v."quizId") a."userId", v."quizId", a."id", a."score", a."maxScore"
  FROM "attempts" a JOIN "quiz_versions" v ON v."id" = a."quizVersionId"
  WHERE a."status" = 'in_progress' AND a."score" IS NOT NULL AND a."maxScore" > 0
  ORDER BY a."userId", v."quizId", a."score" / a."maxScore" DESC, a."startedAt"
)
INSERT INTO "best_scores" ("userId", "quizId", "attemptId", "score", "maxScore", "createdAt", "updatedAt")
SELECT c."userId", c."quizId", c."id", c."score", c."maxScore", now(), now() FROM "candidates" c
ON CONFLICT ("userId", "quizId") DO UPDATE
SET "attemptId" = EXCLUDED."attemptId", "score" = EXCLUDED."score", "maxScore" = EXCLUDED."maxScore", "updatedAt" = EXCLUDED."updatedAt"
WHERE "best_scores"."maxScore" <= 0 OR EXCLUDED."score" / EXCLUDED."maxScore" > "best_scores"."score" / "best_scores"."maxScore";

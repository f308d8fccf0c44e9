import { Prisma } from '@app/db';
import type { AnswerRecord, QuestionRecord, QuizSettings } from './attempt.types.js';
import type { CodeBest } from './attempt-scoring.js';

/**
 * The scoring model, in one place (docs/scoring.md says it in words):
 *  - A practice attempt (any quiz or exercise that is not an exam) is scored as it goes: every
 *    checked answer and every graded code submission writes the attempt's score and raises the
 *    learner's best score. "Finish attempt" closes it; it adds nothing to the score.
 *  - An exam attempt is scored when it is finished (by the learner, or by the server at its
 *    deadline); its score stays hidden from the learner until the scores are released.
 *  - An attempt COUNTS (best score, dashboard mean and distribution, CSV) once it has a score.
 *  - An attempt is COMPLETE (course progress, dashboard completion) once it is finished, or, for a
 *    practice attempt, once every question has a verdict (an exercise: its code graded once).
 */
export function scoredAsItGoes(settings: QuizSettings): boolean {
  return settings.exam === undefined;
}

/** Every question has a verdict: an answer row, or (code) a graded submission. */
export function everyQuestionAnswered(questions: QuestionRecord[], answers: AnswerRecord[], bestCode: Map<string, CodeBest>): boolean {
  const answered = new Set(answers.map((answer) => answer.questionId));
  return questions.every((q) => answered.has(q.id) || bestCode.has(q.id));
}

/** SQL: the attempt `a` counts (it has a score). In-progress exam attempts have none. */
export function attemptCounts(a: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${a}."score" IS NOT NULL AND ${a}."maxScore" > 0)`;
}

/** SQL: the attempt `a` is complete (finished, or a practice attempt with a verdict on every question). */
export function attemptComplete(a: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(${a}."completedAt" IS NOT NULL)`;
}

/** Prisma `where` of the attempts that count (the same rule as attemptCounts). */
export const COUNTED_ATTEMPT = { score: { not: null }, maxScore: { gt: 0 } } as const;

import { isRunGraded } from '@app/quiz-spec';
import type { AnswerRecord, QuestionRecord } from './attempt.types.js';
import type { BestScoreRecord } from './attempts.repository.js';

export interface AttemptScore {
  score: number;
  maxScore: number;
}

/** The best graded `submit` of a code question in an attempt. */
export interface CodeBest {
  /** 0..1 */
  score: number;
  /**
   * Set when a regrade marked it against a later version's tests: the question then counts that
   * version's maximum (4 of 6 points reads 4 / 6, not 4/6 of the old 4 points: 2.666667 / 4).
   */
  regradedMax?: number | null;
}

/**
 * The points of an attempt: each answered question's points, questions graded by running code
 * (code questions, Parsons problems with `grading: run`) counting their best
 * graded submission (read from submissions, not from the Answer row, so that a verdict whose
 * listener failed still counts). Unanswered questions count 0.
 */
export function scoreAttempt(questions: QuestionRecord[], answers: AnswerRecord[], bestCode: Map<string, CodeBest>): AttemptScore {
  const answerOf = new Map(answers.map((answer) => [answer.questionId, answer]));
  let score = 0;
  let maxScore = 0;
  for (const question of questions) {
    if (isRunGraded(question.content)) {
      const best = bestCode.get(question.id);
      const points = best?.regradedMax ?? question.points;
      maxScore += points;
      score += (best?.score ?? 0) * points;
    } else {
      maxScore += question.points;
      score += (answerOf.get(question.id)?.score ?? 0) * question.points;
    }
  }
  return { score: round(score), maxScore: round(maxScore) };
}

/** Float sums of fractional points (1/3 + 1/3 ...) are rounded to what a person would write. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Versions may change the maximum, so attempts compare by share of the maximum; ties keep the older. */
export function isBetterScore(candidate: AttemptScore, current: BestScoreRecord | null): boolean {
  if (!current) return true;
  return ratio(candidate) > ratio(current);
}

function ratio({ score, maxScore }: { score: number; maxScore: number }): number {
  return maxScore > 0 ? score / maxScore : 0;
}

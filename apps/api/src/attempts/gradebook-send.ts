import type { ScoreOutbox } from '../lti/score-outbox.js';
import type { RecordBest } from './attempt-finisher.js';
import type { AttemptRecord } from './attempt.types.js';
import { scoresHidden } from './quiz-rules.js';

/**
 * What an attempt sends to the LMS gradebook (LTI outbox), inside the transaction that scored it:
 * the learner's best score, as their own pages show it (docs/scoring.md says when: each rise of a
 * practice attempt's best, an exam's finish). Nothing while an exam's scores are hidden: an LMS
 * gradebook is visible to learners, so those go at release (ExamsService).
 */
export function gradebookSend(outbox: ScoreOutbox, attempt: AttemptRecord, now: Date): RecordBest | undefined {
  if (scoresHidden(attempt.version.settings, attempt.quiz.scoresReleasedAt, now)) return undefined;
  return async (best, tx) => {
    await outbox.record({ userId: attempt.userId, quizId: attempt.quiz.id, attemptId: attempt.id, score: best.score, maxScore: best.maxScore, at: now }, tx);
  };
}

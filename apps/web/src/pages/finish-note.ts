import type { LearnerAttempt } from '../api/types.js';

/**
 * What "Finish attempt" does, as docs/scoring.md says: a practice attempt is scored as it goes
 * (finishing only closes it); an exam attempt is scored when it is finished.
 */
export function finishNote(attempt: Pick<LearnerAttempt, 'exam' | 'deadline' | 'questions'>): string {
  const types = new Set(attempt.questions.map((q) => q.type));
  const checked = [...types].some((type) => type !== 'code') ? 'Checked answers are final. ' : '';
  const code = types.has('code') ? 'Code can be submitted again: your best submission counts. ' : '';
  if (attempt.exam) {
    const server = attempt.deadline ? ' If you do not, the server finishes it when the time is up.' : '';
    return `${checked}${code}Your score is recorded when you finish the attempt.${server}`;
  }
  return `Your score is saved as you go. ${checked}${code}Finish the attempt when you are done: it closes this attempt, and your score stays.`;
}

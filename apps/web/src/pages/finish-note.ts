import type { LearnerAttempt } from '../api/types.js';

/**
 * What "Finish attempt" does, as docs/scoring.md says: a practice attempt is scored as it goes
 * (finishing only closes it); an exam attempt is scored when it is finished.
 */
export function finishNote(attempt: Pick<LearnerAttempt, 'exam' | 'deadline' | 'questions'>): string {
  // A Parsons problem graded by running its program is checked like code: again and again.
  const runs = (q: (typeof attempt.questions)[number]) => q.type === 'code' || (q.type === 'parsons' && 'grading' in q && q.grading === 'run');
  const checked = attempt.questions.some((q) => !runs(q)) ? 'Checked answers are final. ' : '';
  const code = attempt.questions.some(runs) ? 'Code can be submitted again: your best submission counts. ' : '';
  if (attempt.exam) {
    const server = attempt.deadline ? ' If you do not, the server finishes it when the time is up.' : '';
    return `${checked}${code}Your score is recorded when you finish the attempt.${server}`;
  }
  return `Your score is saved as you go. ${checked}${code}Finish the attempt when you are done: it closes this attempt, and your score stays.`;
}

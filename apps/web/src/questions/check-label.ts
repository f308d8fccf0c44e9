/** The answer button: an exam that hides scores saves the answer (the learner sees no verdict yet). */
export function checkLabel(scoresHidden: boolean | undefined): string {
  return scoresHidden ? 'Save answer' : 'Check answer';
}

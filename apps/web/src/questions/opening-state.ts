import type { LearnerCodeView, LearnerCodeWork, LearnerSubmissionWithSource } from '../api/types.js';

/** The newer of the attempt's last run and last submission: what the page showed last. */
export function newest(work: LearnerCodeWork): LearnerSubmissionWithSource | undefined {
  const { lastRun, lastSubmission } = work;
  if (!lastRun || !lastSubmission) return lastRun ?? lastSubmission ?? undefined;
  return lastRun.createdAt > lastSubmission.createdAt ? lastRun : lastSubmission;
}

/**
 * Where the editor and the results open. A finished attempt is reviewed as it was submitted; one
 * in progress opens with its draft (or its newest code), else the code last submitted in an
 * earlier attempt, else the starter.
 */
export function openingState(question: Pick<LearnerCodeView, 'starter'>, work: LearnerCodeWork | undefined, reviewing: boolean) {
  if (!work) return { source: question.starter, result: undefined, fromEarlier: undefined };
  if (reviewing) return { source: work.lastSubmission?.source ?? work.draft?.source ?? question.starter, result: work.lastSubmission ?? undefined, fromEarlier: undefined };
  const last = newest(work);
  const fromEarlier = work.draft || last ? undefined : (work.earlier ?? undefined);
  return { source: work.draft?.source ?? last?.source ?? fromEarlier?.source ?? question.starter, result: last, fromEarlier };
}

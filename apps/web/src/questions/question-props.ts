import type { LearnerAnswer, LearnerCodeWork } from '../api/types.js';

/** Every question component gets the same props; `attemptId` is absent in an instructor preview. */
export interface QuestionProps<Q> {
  question: Q;
  attemptId: string | undefined;
  answer: LearnerAnswer | undefined;
  /** The attempt is finished (or this is a preview): nothing can be sent. */
  locked: boolean;
  onAnswered(answer: LearnerAnswer): void;
  /** Reloads the attempt (a code submission changes the question's best answer on the server). */
  refresh(): void;
  /** false in an exam that turns off "Run visible tests". */
  runAllowed?: boolean;
  /** An exam that hides scores until they are released: an answer is saved, not checked. */
  scoresHidden?: boolean;
  /** Code questions: the learner's code kept by the server (draft, last run and submission). */
  work?: LearnerCodeWork;
  /** A finished attempt opened for review: read-only, as it was submitted. */
  reviewing?: boolean;
}

/** Shapes shared with the API (@app/contracts) plus the few the contracts library does not hold. */
export type * from '@app/contracts';
export type {
  LearnerChoiceView,
  LearnerCodeView,
  LearnerOrderingView,
  LearnerParsonsView,
  LearnerPredictOutputView,
  LearnerShortAnswerView,
} from '../../../../libs/quiz-spec/src/learner-view.js';

export type Role = 'learner' | 'instructor' | 'admin';

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
}

export interface QuizSummary {
  id: string;
  title: string;
  kind: 'quiz' | 'exercise';
  course: string;
  itemCount: number;
}

import type { ExamSettings, ParsonsQuestion, Question } from '@app/quiz-spec';

/** Settings of a quiz version that decide who may start or answer (from its content). */
export interface QuizSettings {
  /** 0 = unlimited. */
  attempts: number;
  opens?: string;
  closes?: string;
  /** Set for an exam: timed attempts, scores possibly hidden until release. */
  exam?: ExamSettings;
}

export interface QuestionRecord {
  id: string;
  key: string;
  position: number;
  points: number;
  content: Question;
}

export interface QuizVersionRecord {
  id: string;
  version: number;
  settings: QuizSettings;
  questions: QuestionRecord[];
}

export interface QuizRecord {
  id: string;
  kind: 'quiz' | 'exercise';
  title: string;
  course: string;
  /** When an instructor released exam scores; null while they are not. */
  scoresReleasedAt: Date | null;
}

/** A published quiz with its current version. */
export interface PublishedQuiz extends QuizRecord {
  version: QuizVersionRecord;
}

export interface AnswerRecord {
  questionId: string;
  response: unknown;
  correct: boolean | null;
  /** 0..1 */
  score: number | null;
  /** Points earned: score x the question's points. */
  points: number;
}

export interface AttemptRecord {
  id: string;
  userId: string;
  status: 'in_progress' | 'submitted';
  score: number | null;
  maxScore: number | null;
  startedAt: Date;
  submittedAt: Date | null;
  /** Exam attempts: the server takes nothing after this moment. */
  deadlineAt: Date | null;
  /** Finished by the server at the deadline. */
  timedOut: boolean;
  /** Finished, or (practice attempts) every question has a verdict: see scoring-model.ts. */
  completedAt: Date | null;
  /** Picks this attempt's variant of questions with params/variants (stored, so regrades reuse it). */
  variantSeed: number;
  quiz: QuizRecord;
  version: QuizVersionRecord;
  answers: AnswerRecord[];
}

export interface NewAnswer {
  attemptId: string;
  questionId: string;
  response: unknown;
  correct: boolean;
  score: number;
  points: number;
}

/**
 * What a code submission needs of a question: its kind and submission limit (0 = unlimited), not
 * its content (a code question's tests and solutions are ~10 KB of JSON, read on every submit).
 */
export interface QuestionLimit {
  id: string;
  key: string;
  type: QuestionRecord['content']['type'];
  /** Submissions allowed per attempt (code questions; 0 = unlimited). */
  attempts: number;
  /** A Parsons problem's content (small): a run-graded one is submitted as lines, checked against it. */
  parsons?: ParsonsQuestion;
}

/** An attempt as a code submission sees it, and one of its questions (null: no such key). */
export interface OwnQuestion {
  attempt: Pick<AttemptRecord, 'id' | 'status' | 'deadlineAt' | 'variantSeed'> & { settings: QuizSettings };
  question: QuestionLimit | null;
  /** The learner has another attempt in progress whose exam timer still runs (SubmitCode). */
  examInProgressElsewhere: boolean;
}

/** What an instructor granted one learner on one quiz. */
export interface AccommodationRecord {
  extraMinutes: number;
  extraAttempts: number;
}

/**
 * Response shapes of the learner routes (quiz views, attempts, code submissions, progress).
 * Plain interfaces: the API's response DTOs implement them and the web UI imports them.
 * Nothing here ever carries answers, hidden tests, solutions or expected values.
 */
import type { LearnerQuestionView } from '../../quiz-spec/src/learner-view.js';

export type { LearnerQuestionView };

/** Whether the quiz accepts new attempts and answers right now. */
export type QuizAvailability = 'open' | 'not_open_yet' | 'closed';

/** A quiz given as an exam: what the learner is told before starting. */
export interface LearnerExam {
  /** Minutes per attempt, counted by the server from the start (extra time granted comes on top). */
  minutes: number;
  /** Whether "Run visible tests" is allowed during the exam. */
  visibleTests: boolean;
  /** Scores and feedback are shown only once released by an instructor, or once the quiz closes. */
  hideScores: boolean;
  /** The page shows one question at a time. */
  oneAtATime: boolean;
}

/** `GET /api/quizzes/:course/:slug`: the current published version as a learner sees it. */
export interface LearnerQuiz {
  id: string;
  kind: 'quiz' | 'exercise';
  title: string;
  course: string;
  version: number;
  /** null = unlimited attempts. */
  attemptLimit: number | null;
  opensAt: string | null;
  closesAt: string | null;
  availability: QuizAvailability;
  maxScore: number;
  /** null unless the quiz is an exam. */
  exam: LearnerExam | null;
  /** How many questions the quiz has (also when `questions` is withheld). */
  questionCount: number;
  /** Whether one of them is a code question (the exam notice says how code is graded). */
  hasCode: boolean;
  /**
   * Empty for an exam and for a quiz not open yet: their questions are shown only inside an
   * attempt, once its deadline runs (the cover is public).
   */
  questions: LearnerQuestionView[];
}

/** The learner's own answer to one question of an attempt. */
export interface LearnerAnswer {
  questionKey: string;
  /** What was sent (for code questions: `{ submissionId }` of the best graded submission). */
  response: unknown;
  correct: boolean | null;
  /** 0..1 */
  score: number | null;
  /** score x question points */
  points: number | null;
  maxPoints: number;
  feedback?: string;
  explanation?: string;
}

export type AttemptStatus = 'in_progress' | 'submitted';

export interface LearnerAttempt {
  id: string;
  quizId: string;
  quizTitle: string;
  version: number;
  status: AttemptStatus;
  startedAt: string;
  submittedAt: string | null;
  /** Points; set when the attempt is submitted (null while exam scores are hidden). */
  score: number | null;
  maxScore: number;
  /** null unless the quiz is an exam. */
  exam: LearnerExam | null;
  /** Exam attempts: when the server stops taking answers and finishes the attempt. */
  deadline: string | null;
  /** The server's clock when this was sent, so a page counts down by the server's time. */
  serverTime: string;
  /** The server finished the attempt because its time was up. */
  timedOut: boolean;
  /** true while exam scores and feedback are withheld: answers then carry no verdict. */
  scoresHidden: boolean;
  /** Ordering items are shuffled with the attempt id as seed: stable for this attempt. */
  questions: LearnerQuestionView[];
  answers: LearnerAnswer[];
}

/** One line of the learner's attempt history (`GET /api/me/attempts`). */
export interface AttemptSummary {
  /** Exam scores not released yet: `score` is null. */
  scoresHidden?: boolean;
  id: string;
  quizId: string;
  quizTitle: string;
  kind: 'quiz' | 'exercise';
  version: number;
  status: AttemptStatus;
  score: number | null;
  maxScore: number | null;
  startedAt: string;
  submittedAt: string | null;
}

export type SubmissionStatus = 'pending' | 'grading' | 'graded' | 'error';
export type TestOutcome = 'pass' | 'fail' | 'error' | 'timeout' | 'memory_limit' | 'skipped';

/** One test's verdict. Hidden tests show name, status, feedback and score, never their output. */
export interface LearnerTestResult {
  name: string;
  visibility: 'visible' | 'hidden';
  status: TestOutcome;
  /** The grader's own words (what went wrong); the author's feedback is in `feedback`. */
  message: string;
  /** The exercise author's feedback for a test that did not pass ('' when none). */
  feedback?: string;
  output: string;
  score: number;
  maxScore: number;
}

/** A code run (visible tests only, no score) or a graded submission. */
export interface LearnerSubmission {
  id: string;
  attemptId: string | null;
  questionKey: string;
  kind: 'run' | 'submit';
  status: SubmissionStatus;
  /** 0..1; null for runs and until graded. */
  score: number | null;
  points: number | null;
  maxPoints: number | null;
  passed: number;
  total: number;
  message: string | null;
  tests: LearnerTestResult[];
  createdAt: string;
  gradedAt: string | null;
  /** Set while pending/grading: the URL to poll. */
  poll?: string;
}

/** `GET /api/me/progress`: one published quiz or exercise. */
/** A course with a course.yaml (GET /api/courses). */
export interface CourseSummary {
  id: string;
  title: string;
  /** Markdown. */
  description: string;
}

export interface QuizProgress {
  quizId: string;
  title: string;
  kind: 'quiz' | 'exercise';
  course: string;
  /** The course.yaml section it is listed in (items come in the course's order); null if unlisted. */
  section: string | null;
  /** The concept tags of its questions. */
  concepts: string[];
  /**
   * Best score in points over the attempts that have one (docs/scoring.md: a practice attempt is
   * scored as it goes, an exam attempt when finished); null before any, or while exam scores are hidden.
   */
  bestScore: number | null;
  /** An attempt is complete: finished, or (not an exam) every question has a verdict. */
  completed: boolean;
  maxScore: number | null;
  attemptsUsed: number;
  /** This learner's own limit: the quiz's plus any extra attempts an instructor granted; null = unlimited. */
  attemptLimit: number | null;
  /** null = unlimited. */
  attemptsLeft: number | null;
  inProgressAttemptId: string | null;
  lastActivityAt: string | null;
  /** An exam whose scores are not released yet: `bestScore` is null. */
  scoresHidden: boolean;
}

/**
 * Response shapes of the instructor routes (`/api/authoring/...`). Plain interfaces: the API's
 * response DTOs implement them and the web UI (editor, submissions, regrade pages) imports them.
 * Instructors own their content, so quiz detail carries the full source, tests included.
 */
import type { LearnerQuestionView } from '../../quiz-spec/src/learner-view.js';

export type QuizKindName = 'quiz' | 'exercise';

/** One line of `GET /api/authoring/quizzes` (every quiz, published or not). */
export interface AuthoringQuizSummary {
  id: string;
  title: string;
  kind: QuizKindName;
  course: string;
  published: boolean;
  /** Number of the current version; null before the first one is stored. */
  currentVersion: number | null;
  versionsCount: number;
  /** Every submission (runs and graded submits) to any version of this quiz. */
  submissionsCount: number;
  updatedAt: string;
}

export interface AuthoringVersion {
  id: string;
  version: number;
  contentHash: string;
  createdAt: string;
  questionCount: number;
  current: boolean;
}

/** `GET /api/authoring/quizzes/:course/:slug`. */
export interface AuthoringQuizDetail extends AuthoringQuizSummary {
  /** The YAML the current version was stored from. */
  sourceYaml: string | null;
  /** The current version's full model (hidden tests and solutions included). */
  content: unknown;
  /** Newest first. */
  versions: AuthoringVersion[];
}

/** A format error located in the uploaded YAML (1-based line and column). */
export interface SpecErrorItem {
  line: number;
  column: number;
  /** The field, written `tests[2].points`; empty for the whole file. */
  path: string;
  message: string;
}

/** A reference or wrong solution that does not behave as the file declares (`verify: true`). */
export interface SolutionViolation {
  /** `closures/make-counter`, or `closures/quiz#question-id` for an inline code question. */
  question: string;
  message: string;
}

/** `POST /api/authoring/validate`: what the editor shows, at their lines. */
export interface ValidationReport {
  valid: boolean;
  id: string | null;
  kind: QuizKindName | null;
  /** Content hash (the version identity) when the file is valid. */
  hash: string | null;
  errors: SpecErrorItem[];
  /** Whether the solutions were graded (`verify: true` and the format was valid). */
  verified: boolean;
  violations: SolutionViolation[];
}

/** `POST /api/authoring/quizzes` and `PUT .../:course/:slug`. */
export interface SaveQuizResult {
  id: string;
  /**
   * `created`: a new version (201); `unchanged`: this content is the current version (200);
   * `restored`: this content is an older version, made current again (200).
   */
  outcome: 'created' | 'unchanged' | 'restored';
  /** The version now current. */
  version: number;
  hash: string;
  published: boolean;
  verified: boolean;
}

/** `GET .../preview`: the current version exactly as a learner sees it. */
export interface AuthoringPreview {
  id: string;
  title: string;
  kind: QuizKindName;
  course: string;
  version: number;
  questions: LearnerQuestionView[];
}

/** One line of `GET .../submissions`. */
export interface AuthoringSubmission {
  id: string;
  learnerId: string;
  learnerEmail: string;
  questionKey: string;
  kind: 'run' | 'submit';
  status: 'pending' | 'grading' | 'graded' | 'error';
  /** 0..1 */
  score: number | null;
  points: number | null;
  maxPoints: number | null;
  attemptId: string | null;
  /** The version the learner answered. */
  answeredVersion: number;
  /** The version whose tests produced the stored result (differs after a regrade). */
  gradedVersion: number;
  createdAt: string;
  gradedAt: string | null;
}

/** One regraded submission: its stored result against the one the current tests give. */
export interface RegradeItem {
  submissionId: string;
  learnerEmail: string;
  questionKey: string;
  oldPoints: number;
  newPoints: number;
  oldMaxPoints: number;
  newMaxPoints: number;
  /** 0..1 */
  oldScore: number;
  newScore: number;
  /** newPoints - oldPoints */
  delta: number;
  /** newScore - oldScore: the share of the maximum gained or lost (4/4 -> 4/6 is -1/3). */
  scoreDelta: number;
}

export interface RegradeSummary {
  /** Submissions regraded. */
  total: number;
  changed: number;
  /** Submissions whose share of the maximum rises (points decide when the share is equal). */
  up: number;
  /** Submissions whose share of the maximum falls: 4/4 -> 4/6 is down though the points stay. */
  down: number;
  /** Mean of `delta` over all regraded submissions (0 when there are none). */
  meanDelta: number;
  /** Mean of `scoreDelta` (0..1 shares of the maximum) over all regraded submissions. */
  meanScoreDelta: number;
  /** Graded submissions whose question key no longer exists in the current version (left alone). */
  unmatched: number;
}

/** `POST .../regrade/preview` (committed: false) and `.../regrade/commit` (committed: true). */
export interface RegradeReport {
  quizId: string;
  /** The version whose tests were used. */
  version: number;
  /** sha256 of the exact inputs; commit requires it and refuses (409) if anything changed. */
  previewId: string;
  committed: boolean;
  summary: RegradeSummary;
  items: RegradeItem[];
}

/** A reference, other right or wrong solution of a code question, as the editor's code runner offers it. */
export interface AuthoringSolution {
  /** `reference`, or the other or wrong solution's name. */
  name: string;
  code: string;
  /** Wrong solutions only: the tests it must fail and the text a learner must see. */
  fails?: string[];
  feedback?: string;
}

/** `POST /api/authoring/code/questions`: the code questions of a (draft) YAML file. */
export interface AuthoringCodeQuestion {
  /** `closures/make-counter`, or `closures/quiz#question-id` for an inline code question. */
  key: string;
  title: string;
  starter: string;
  reference: AuthoringSolution;
  /** `other_solutions`: other right answers, each graded like the reference. */
  otherSolutions: AuthoringSolution[];
  wrongSolutions: AuthoringSolution[];
}

/** One test of an instructor's run: the engine's real message, hidden tests included. */
export interface AuthoringTestResult {
  name: string;
  visibility: 'visible' | 'hidden';
  status: 'pass' | 'fail' | 'error' | 'timeout' | 'memory_limit' | 'skipped';
  /** What the engine found (the error, the value it got); empty on a pass. */
  message: string;
  /** The author's feedback for this test, shown to a learner when it does not pass. */
  feedback: string;
  output: string;
  score: number;
  maxScore: number;
}

/** `POST /api/authoring/code/try`: any source graded against every test of one code question. */
export interface AuthoringCodeRun {
  key: string;
  status: 'pass' | 'fail' | 'error';
  points: number;
  maxPoints: number;
  passed: number;
  total: number;
  message: string;
  tests: AuthoringTestResult[];
}

/** One learner's accommodation on an exam. */
export interface ExamAccommodation {
  userId: string;
  email: string;
  displayName: string;
  extraMinutes: number;
  extraAttempts: number;
}

/** `GET /api/authoring/exams/:course/:slug`: an exam's settings, release state and accommodations. */
export interface ExamAdmin {
  quizId: string;
  title: string;
  /** The exam settings of the current version; null when the quiz is not an exam. */
  exam: { minutes: number; visibleTests: boolean; hideScores: boolean; oneAtATime: boolean } | null;
  closesAt: string | null;
  /** When scores were released to learners; null while they are hidden. */
  scoresReleasedAt: string | null;
  attemptsInProgress: number;
  attemptsSubmitted: number;
  accommodations: ExamAccommodation[];
}

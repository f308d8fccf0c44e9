/**
 * Response shapes of the admin dashboards (`/api/admin/dashboard/*`, `/api/admin/grading`).
 * Fractions are 0..1 rounded to 4 decimals; a rate with nothing to divide by is null, not 0.
 * Dates are ISO-8601 strings (UTC); days are `YYYY-MM-DD` in UTC.
 */

/** One bar of a score histogram: fractions in [from, to) (the last bar includes 1). */
export interface ScoreBucket {
  label: string;
  from: number;
  to: number;
  count: number;
}

export interface QuizStats {
  quizId: string;
  title: string;
  course: string;
  kind: 'quiz' | 'exercise';
  published: boolean;
  /** Attempts started, all versions together. */
  attempts: number;
  /** Finished ("Finish attempt", or the server at an exam's deadline). */
  submittedAttempts: number;
  /** Complete (docs/scoring.md): finished, or a practice attempt with a verdict on every question. */
  completedAttempts: number;
  /** Distinct users with at least one attempt. */
  learners: number;
  /** completedAttempts / attempts. */
  completionRate: number | null;
  /**
   * Over the attempts that have a score (docs/scoring.md: practice attempts are scored as they go,
   * exam attempts when finished): score / maxScore.
   */
  meanScore: number | null;
  medianScore: number | null;
  /** Ten bars 0-10% ... 90-100% of the attempts that have a score. */
  scoreDistribution: ScoreBucket[];
}

export interface FailedTestCount {
  name: string;
  failures: number;
}

/** One variant of a question with per-learner variants: its values and how attempts on it went. */
export interface VariantStats {
  values: Record<string, string | number | boolean>;
  gradedAttempts: number;
  passedAttempts: number;
  passRate: number | null;
}

export interface QuestionStats {
  key: string;
  type: string;
  position: number;
  prompt: string;
  concepts: string[];
  /** Answer rows stored for this question (one per attempt that answered). */
  answers: number;
  /** Attempts with a graded answer or a graded code submission for this question. */
  gradedAttempts: number;
  passedAttempts: number;
  /** passedAttempts / gradedAttempts. */
  passRate: number | null;
  /** Graded `submit` submissions (code questions; 0 otherwise). */
  submissions: number;
  /**
   * Code questions: mean number of graded submissions a learner made up to and including the
   * first one that passed (1 = passed at the first try), over learners who passed.
   */
  meanSubmissionsToPass: number | null;
  /** Up to 5 tests, most failures first (failed or errored through the learner's code, in graded submissions). */
  mostFailedTests: FailedTestCount[];
  /**
   * Test results of graded submissions that could not be graded through no fault of the learner:
   * the grader's (an unsupported feature, an internal error) or the exercise's (a broken test).
   */
  gradingFaults: GradingFaultCount;
  /** The named mistakes (tests' `misconception`) its graded submissions revealed, most learners first. */
  misconceptions: MisconceptionCount[];
  /** Questions with per-learner variants: the same figures per variant (drawn as the current version draws them). */
  variants?: VariantStats[];
}

export interface MisconceptionCount {
  name: string;
  /** Learners with at least one graded submission showing it. */
  learners: number;
  /** Failed test results naming it. */
  failures: number;
}

export interface GradingFaultCount {
  grader: number;
  author: number;
}

export interface ConceptStats {
  concept: string;
  /** Graded answers to questions carrying the tag (Question.concepts). */
  answers: number;
  failedAnswers: number;
  /** Test results carrying the tag (TestResult.tags) in graded submissions. */
  tests: number;
  failedTests: number;
  /** (failedAnswers + failedTests) / (answers + tests). */
  failureRate: number | null;
}

export interface LearnerStats {
  userId: string;
  email: string;
  displayName: string;
  attempts: number;
  submittedAttempts: number;
  /** Complete (docs/scoring.md): finished, or a practice attempt with a verdict on every question. */
  completedAttempts: number;
  submissions: number;
  /** Mean of score / maxScore over the attempts that have a score (docs/scoring.md). */
  meanScore: number | null;
  /** Latest attempt start, attempt submission or code submission. */
  lastActivityAt: string | null;
}

export type LearnerSortKey = 'email' | 'attempts' | 'meanScore' | 'lastActivityAt';

export interface ActivityDay {
  date: string;
  /** Code submissions to be graded (kind submit). */
  submissions: number;
  /** "Run visible tests" requests (kind run). */
  runs: number;
  attemptsStarted: number;
  attemptsSubmitted: number;
  /** Distinct users who started or submitted an attempt or sent code that day. */
  activeLearners: number;
}

export interface ActivityReport {
  from: string;
  to: string;
  days: ActivityDay[];
}

export interface GradingStatus {
  grader: {
    ready: boolean;
    reason?: string;
    workers: { ready: number; size: number; busy: number; queued: number; restarts: number };
  };
  /** The in-process submission queue of this API instance. */
  queue: { queued: number; running: number };
  /** Stored submissions per status. */
  submissions: { pending: number; grading: number; graded: number; error: number };
  /** Creation time of the oldest submission still pending or grading. */
  oldestUnfinishedAt: string | null;
}

/** `GET /api/admin/learners/:userId/attempts`: one attempt of one learner, newest first. */
export interface LearnerWorkAttempt {
  id: string;
  quizId: string;
  quizTitle: string;
  version: number;
  status: 'in_progress' | 'submitted';
  score: number | null;
  maxScore: number | null;
  startedAt: string;
  submittedAt: string | null;
  /** Code runs and submissions made in this attempt. */
  submissions: number;
}

/** One test's verdict as the learner saw it. */
export interface LearnerWorkTest {
  name: string;
  visibility: 'visible' | 'hidden';
  status: string;
  message: string;
}

/** `GET /api/admin/learners/:userId/submissions`: one code run or submission, with its source. */
export interface LearnerWorkSubmission {
  id: string;
  attemptId: string | null;
  quizId: string;
  questionKey: string;
  kind: 'run' | 'submit';
  status: 'pending' | 'grading' | 'graded' | 'error';
  points: number | null;
  maxPoints: number | null;
  passed: number;
  total: number;
  source: string;
  tests: LearnerWorkTest[];
  createdAt: string;
}

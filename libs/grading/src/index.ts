// The grading pipeline shared by the API (in-process) and apps/grader (queue): claim, grade, store.
export { GradingLane, LanedGrader, type GradeOptions, type JobGrader } from './grading-lane.js';
export { GradingRepository, type ClaimResult, type Lease, type SubmissionToGrade } from './grading.repository.js';
export { capGradingResult, cutTo, FIELD_CAP_BYTES, MAX_RESULT_TESTS, RESULT_TEXT_CAP_BYTES } from './result-caps.js';
export { crashedTwiceVerdict, gradeUnderCrashRule, isSandboxLoss, SANDBOX_CRASHED_TWICE, type RuledGrading } from './sandbox-loss.js';
export { DEFAULT_LEASE_MS, IN_FLIGHT_PER_WORKER, MAX_TRIES, SubmissionGrader, type GradeAttempt } from './submission-grader.js';
export type { SubmissionOutcome } from './submission-outcome.js';
export {
  connectionFor,
  DEFAULT_LOCK_MS,
  GRADE_JOB_OPTIONS,
  graderWorkerName,
  isSandboxLostReturn,
  JOB,
  slotsOfWorker,
  submissionJobOptions,
  type GradeJobData,
  type GradeJobReturn,
  type SubmissionJobData,
  type SubmissionJobResult,
} from './queue/grading-queue.options.js';

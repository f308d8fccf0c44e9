import { hostname } from 'node:os';
import type { ConnectionOptions, JobsOptions } from 'bullmq';
import type { GradingJob, GradingResult } from '@app/grader';
import type { SubmissionOutcome } from '../submission-outcome.js';

/** Job names on the grading queue. */
export const JOB = {
  /** `{ submissionId }`, job id = submission id: grade a stored submission and store the verdict. */
  submission: 'submission',
  /** `{ job: GradingJob }`: grade and return the result, store nothing (author checks, regrades). */
  grade: 'grade',
} as const;

/** A `grade` job, with its GradeOptions (`alone`: nothing else in the sandbox; `uncapped`: author code). */
export interface GradeJobData {
  job: GradingJob;
  alone?: boolean;
  uncapped?: boolean;
}

/**
 * What a grader returns for a `grade` job. A sandbox that died under it comes back as a value,
 * not a failed job: BullMQ would retry a failure by itself (not alone), and the API's crash rule
 * must see the loss for what it is (gradeUnderCrashRule).
 */
export type GradeJobReturn = GradingResult | { sandboxLost: string };

export function isSandboxLostReturn(value: unknown): value is { sandboxLost: string } {
  return typeof value === 'object' && value !== null && typeof (value as { sandboxLost?: unknown }).sandboxLost === 'string';
}

export interface SubmissionJobData {
  submissionId: string;
}

/** What a grader returns for a submission job; `outcome` only when this run stored the verdict. */
export interface SubmissionJobResult {
  submissionId: string;
  /** Worker name of the grader that ran the job (host-pid-xN). */
  grader: string;
  outcome?: SubmissionOutcome;
}

/**
 * Lock timings, shared by the graders (BullMQ worker lock) and the database lease, which must
 * expire together: a job BullMQ hands to another grader because its lock lapsed must find the
 * row's lease lapsed too. 30 s is three times the longest grading (timeMsTotal 10 s); the grader's
 * event loop never runs learner code (Pyodide is in a child process), so renewals every 15 s are
 * not starved, and a dead grader's jobs move on within lockDuration + stalledInterval (40 s).
 */
export const DEFAULT_LOCK_MS = 30_000;

export function connectionFor(url: string): ConnectionOptions {
  // null: a command waits for a reconnect instead of failing (BullMQ requires it for workers).
  return { url, maxRetriesPerRequest: null } as ConnectionOptions;
}

/**
 * Submission jobs: dedupe by submission id; removed once done so a later re-add (recovery after
 * a Redis restart) is accepted. `attempts` covers our own errors (database down), with backoff.
 */
export function submissionJobOptions(submissionId: string): JobsOptions {
  return {
    jobId: submissionId,
    attempts: 5,
    backoff: { type: 'exponential', delay: 1_000 },
    removeOnComplete: true,
    removeOnFail: { count: 1_000 },
  };
}

export const GRADE_JOB_OPTIONS: JobsOptions = { attempts: 2, removeOnComplete: { age: 600 }, removeOnFail: { count: 1_000 } };

/** A grader's BullMQ worker name carries its host, pid and slot count, read back for /health. */
export function graderWorkerName(concurrency: number): string {
  return `${hostname()}-${process.pid}-x${concurrency}`;
}

export function slotsOfWorker(rawName: string | undefined): number {
  const match = /-x(\d+)$/.exec(rawName ?? '');
  return match ? Number(match[1]) : 1;
}

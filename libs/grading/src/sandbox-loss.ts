import { SandboxLostError, suiteHash, type GradingJob, type GradingResult } from '@app/grader';
import type { JobGrader } from './grading-lane.js';

/** Stored as the error reason of a submission that killed the sandbox on its own. */
export const SANDBOX_CRASHED_TWICE = 'this submission stopped the grading sandbox twice; it was not graded again';

/** The sandbox process died under the job: the pool's own error, or the API's 503 wrapping it. */
export function isSandboxLoss(error: unknown): boolean {
  return error instanceof SandboxLostError || (error instanceof Error && error.cause instanceof SandboxLostError);
}

export type RuledGrading = { kind: 'graded'; result: GradingResult } | { kind: 'crashed-twice' };

/**
 * Grades `job`; when the sandbox dies under it, grades it once more, alone. A first death may
 * have been another job's doing (all jobs in a sandbox die together), so it costs nobody a
 * verdict; a second, with nothing else in the sandbox, was this job's: it is not graded again,
 * so one submission cannot keep restarting the sandbox under other learners' gradings.
 */
export async function gradeUnderCrashRule(grader: JobGrader, job: GradingJob): Promise<RuledGrading> {
  try {
    return { kind: 'graded', result: await grader.grade(job) };
  } catch (error) {
    if (!isSandboxLoss(error)) throw error;
  }
  try {
    return { kind: 'graded', result: await grader.grade(job, { alone: true }) };
  } catch (error) {
    if (!isSandboxLoss(error)) throw error;
    return { kind: 'crashed-twice' };
  }
}

/** The verdict of a job that stopped the sandbox twice, where a result is needed (regrades). */
export function crashedTwiceVerdict(job: GradingJob): GradingResult {
  const tests = job.tests.filter((spec) => job.only !== 'visible' || spec.visibility === 'visible');
  return {
    status: 'error', score: 0, points: 0, max_points: tests.reduce((sum, spec) => sum + spec.points, 0),
    message: `${SANDBOX_CRASHED_TWICE[0]!.toUpperCase()}${SANDBOX_CRASHED_TWICE.slice(1)}.`,
    duration_ms: 0,
    provenance: { runtime: 'none', python: '', suite_hash: suiteHash(job), seed: job.seed ?? 0 },
    tests: tests.map((spec) => ({
      name: spec.name, status: 'error', score: 0, max_score: spec.points, visibility: spec.visibility,
      message: SANDBOX_CRASHED_TWICE, output: '', tags: spec.tags,
    })),
  };
}

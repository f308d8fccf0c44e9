import { DelayedError, type Job } from 'bullmq';
import { SandboxLostError } from '@app/grader';
import { capGradingResult, JOB, type GradeJobData, type GradeJobReturn, type GradingRepository, type JobGrader, type SubmissionGrader, type SubmissionJobData, type SubmissionJobResult } from '@app/grading';

export type JobProcessor = (job: Job, token?: string) => Promise<SubmissionJobResult | GradeJobReturn>;

/**
 * What a grader does with each job. A submission job runs the shared claim/grade/store; when
 * another grader still holds the row's lease, or our own failure asks for a retry, the job is
 * parked in BullMQ's delayed set (DelayedError: no attempt is used up) instead of being dropped.
 */
export function createJobProcessor(grader: SubmissionGrader, pool: JobGrader, repository: GradingRepository, name: string): JobProcessor {
  return async (job, token) => {
    if (job.name === JOB.grade) return gradeForApi(pool, job.data as GradeJobData);
    const { submissionId } = job.data as SubmissionJobData;
    const attempt = await grader.attempt(submissionId);
    switch (attempt.kind) {
      case 'stored':
        return { submissionId, grader: name, outcome: attempt.outcome };
      case 'skipped':
        // Finished earlier (a grader died after storing, or a re-added job): report the stored
        // verdict again so the API's listeners run; they are idempotent.
        return { submissionId, grader: name, outcome: await repository.verdict(submissionId) };
      case 'busy':
        return postpone(job, attempt.until.getTime() + 50, token);
      case 'retry':
        return postpone(job, Date.now() + attempt.delayMs, token);
    }
  };
}

/** Capped before it is written to Redis (the API caps it again) unless it is author code; a lost sandbox as a value. */
async function gradeForApi(pool: JobGrader, { job, alone, uncapped }: GradeJobData): Promise<GradeJobReturn> {
  try {
    const result = await pool.grade(job, { alone: alone === true });
    return uncapped ? result : capGradingResult(result, job);
  } catch (error) {
    if (error instanceof SandboxLostError) return { sandboxLost: error.message };
    throw error;
  }
}

async function postpone(job: Job, timestamp: number, token?: string): Promise<never> {
  await job.moveToDelayed(timestamp, token);
  throw new DelayedError();
}

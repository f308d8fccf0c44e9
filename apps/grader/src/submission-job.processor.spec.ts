import type { Job } from 'bullmq';
import { SandboxLostError, type GradingJob, type GradingResult } from '@app/grader';
import { FIELD_CAP_BYTES, JOB, type GradeOptions, type GradingRepository, type JobGrader, type SubmissionGrader } from '@app/grading';
import { createJobProcessor } from './submission-job.processor.js';

const JOB_SPEC: GradingJob = {
  source: 'print("x" * 10**8)', moduleName: 'solution', limits: { timeMsPerTest: 1, timeMsTotal: 1, memoryMb: 1, outputBytes: 1, recursionLimit: 50 },
  tests: [{ kind: 'case', name: 'prints', points: 1, visibility: 'visible', tags: [] }],
};

function huge(): GradingResult {
  return {
    status: 'fail', score: 0, points: 0, max_points: 1, message: '', duration_ms: 1, provenance: { runtime: 'fake', python: '3', suite_hash: 'x', seed: 0 },
    tests: [{ name: 'prints', status: 'fail', score: 0, max_score: 1, visibility: 'visible', message: '', output: 'x'.repeat(10_000_000), tags: [] }],
  };
}

function processorOn(grade: (job: GradingJob, options?: GradeOptions) => Promise<GradingResult>) {
  const pool: JobGrader = { grade };
  return createJobProcessor({} as SubmissionGrader, pool, {} as GradingRepository, 'test-grader');
}

const gradeJob = (data: object) => ({ name: JOB.grade, data }) as unknown as Job;

describe(createJobProcessor.name, () => {
  it('answers a grade job with the result capped, before it goes to Redis', async () => {
    const value = (await processorOn(async () => huge())(gradeJob({ job: JOB_SPEC }))) as GradingResult;
    expect(Buffer.byteLength(value.tests[0]!.output)).toBeLessThanOrEqual(FIELD_CAP_BYTES);
  });

  it("answers an author-code grade job whole (uncapped), as the API asked", async () => {
    const value = (await processorOn(async () => huge())(gradeJob({ job: JOB_SPEC, uncapped: true }))) as GradingResult;
    expect(value.tests[0]!.output).toHaveLength(10_000_000);
  });

  it("answers a lost sandbox as a value the API's crash rule reads (a failed job would be retried by BullMQ, not alone)", async () => {
    const seen: (GradeOptions | undefined)[] = [];
    const process = processorOn(async (_job, options) => {
      seen.push(options);
      throw new SandboxLostError('the grading sandbox stopped unexpectedly (signal SIGKILL)');
    });
    expect(await process(gradeJob({ job: JOB_SPEC, alone: true }))).toEqual({ sandboxLost: 'the grading sandbox stopped unexpectedly (signal SIGKILL)' });
    expect(await process(gradeJob({ job: JOB_SPEC }))).toEqual({ sandboxLost: expect.any(String) });
    expect(seen).toEqual([{ alone: true }, { alone: false }]);
  });

  it('lets other failures fail the job', async () => {
    await expect(processorOn(async () => Promise.reject(new Error('pool closed')))(gradeJob({ job: JOB_SPEC }))).rejects.toThrow('pool closed');
  });
});

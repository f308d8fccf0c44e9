import { ServiceUnavailableException } from '@nestjs/common';
import { SandboxLostError, type GradingJob, type GradingResult } from '@app/grader';
import type { GradeOptions } from './grading-lane.js';
import { crashedTwiceVerdict, gradeUnderCrashRule, isSandboxLoss, SANDBOX_CRASHED_TWICE } from './sandbox-loss.js';

const JOB: GradingJob = {
  source: 'crash()', moduleName: 'solution', limits: { timeMsPerTest: 1, timeMsTotal: 1, memoryMb: 1, outputBytes: 1, recursionLimit: 50 }, seed: 3,
  tests: [
    { kind: 'case', name: 'shown', points: 1, visibility: 'visible', tags: ['closure'] },
    { kind: 'case', name: 'hidden', points: 2, visibility: 'hidden', tags: [] },
  ],
};
const GRADED = { status: 'pass', score: 1 } as GradingResult;
const lost = () => new SandboxLostError('the grading sandbox stopped unexpectedly (signal SIGKILL)');

/** An engine answering each call from `outcomes` in turn, recording the options it was given. */
function engine(...outcomes: (GradingResult | Error)[]) {
  const calls: GradeOptions[] = [];
  return {
    calls,
    grade: async (_job: GradingJob, options: GradeOptions = {}) => {
      calls.push(options);
      const outcome = outcomes[calls.length - 1];
      if (outcome === undefined) throw new Error('graded more often than the rule allows');
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
  };
}

describe(gradeUnderCrashRule.name, () => {
  it('grades once when the sandbox holds', async () => {
    const grader = engine(GRADED);
    expect(await gradeUnderCrashRule(grader, JOB)).toEqual({ kind: 'graded', result: GRADED });
    expect(grader.calls).toEqual([{}]);
  });

  it('grades a job again alone after the sandbox died under it (it may have been another job)', async () => {
    const grader = engine(lost(), GRADED);
    expect(await gradeUnderCrashRule(grader, JOB)).toEqual({ kind: 'graded', result: GRADED });
    expect(grader.calls).toEqual([{}, { alone: true }]);
  });

  it('stops after the second death, the one it had alone: never a third grading', async () => {
    const grader = engine(lost(), new ServiceUnavailableException('retry shortly', { cause: lost() }), GRADED);
    expect(await gradeUnderCrashRule(grader, JOB)).toEqual({ kind: 'crashed-twice' });
    expect(grader.calls).toHaveLength(2);
  });

  it('leaves other failures to the caller', async () => {
    await expect(gradeUnderCrashRule(engine(new ServiceUnavailableException('The grader could not start')), JOB)).rejects.toThrow('could not start');
    await expect(gradeUnderCrashRule(engine(lost(), new Error('database down')), JOB)).rejects.toThrow('database down');
  });
});

describe(isSandboxLoss.name, () => {
  it("recognises the pool's error and the API's 503 wrapping it, nothing else", () => {
    expect(isSandboxLoss(lost())).toBe(true);
    expect(isSandboxLoss(new ServiceUnavailableException('x', { cause: lost() }))).toBe(true);
    expect(isSandboxLoss(new ServiceUnavailableException('the grading sandbox stopped unexpectedly'))).toBe(false);
    expect(isSandboxLoss(new Error('sandbox crashed'))).toBe(false);
  });
});

describe(crashedTwiceVerdict.name, () => {
  it('gives every test an error and no points, naming the reason', () => {
    const verdict = crashedTwiceVerdict(JOB);
    expect(verdict).toMatchObject({ status: 'error', score: 0, points: 0, max_points: 3, provenance: { seed: 3 } });
    expect(verdict.message).toMatch(/^This submission stopped the grading sandbox twice/);
    expect(verdict.tests.map((t) => [t.name, t.status, t.score, t.message])).toEqual([
      ['shown', 'error', 0, SANDBOX_CRASHED_TWICE],
      ['hidden', 'error', 0, SANDBOX_CRASHED_TWICE],
    ]);
    expect(crashedTwiceVerdict({ ...JOB, only: 'visible' }).tests.map((t) => t.name)).toEqual(['shown']);
  });
});

import { Logger } from '@nestjs/common';
import { runnableCode, toGradingJob, withVariant, type Question } from '@app/quiz-spec';
import type { JobGrader } from './grading-lane.js';
import type { GradingRepository, Lease } from './grading.repository.js';
import { capGradingResult } from './result-caps.js';
import { gradeUnderCrashRule, SANDBOX_CRASHED_TWICE } from './sandbox-loss.js';
import type { SubmissionOutcome } from './submission-outcome.js';

/** A grading that failed for reasons of ours (not the learner's) is tried this many times. */
export const MAX_TRIES = 3;

/**
 * Submissions processed at once per grader worker (interpreter), in the API's in-process
 * processor and in a queue grader alike. Processing one is claim, grading, storing the verdict
 * (and in the API the listeners): several database round trips around ~10 ms of grading. With one
 * per worker the workers sat idle most of the time under load (measured with 50 clients: 75-110 ms
 * per submission, 25-40 ms of it grading). The pool queues the extra jobs itself, and a job's time
 * limits start only when a worker takes it.
 */
export const IN_FLIGHT_PER_WORKER = 4;

/** How long a claim protects a submission; a `grading` row older than this is taken over. */
export const DEFAULT_LEASE_MS = 30_000;

/** What one grading attempt of a stored submission came to. */
export type GradeAttempt =
  /** A verdict (graded or error) was stored by this attempt. */
  | { kind: 'stored'; outcome: SubmissionOutcome }
  /** Nothing to do: finished already, unknown id, or this grader lost its lease meanwhile. */
  | { kind: 'skipped' }
  /** A live grader holds the lease: try again after `until`. */
  | { kind: 'busy'; until: Date }
  /** Our own failure (not the learner's); released to pending, try again after `delayMs`. */
  | { kind: 'retry'; delayMs: number; reason: string };

/**
 * Claim, grade, store: the one implementation shared by the API's in-process processor and the
 * grader processes of the queue. Every store is a compare-and-set on the claim's lease, so a
 * submission graded twice (a stalled grader, a retried job) is still stored exactly once.
 */
export class SubmissionGrader {
  private readonly logger = new Logger(SubmissionGrader.name);

  constructor(
    private readonly repository: GradingRepository,
    private readonly grader: JobGrader,
    private readonly leaseMs = DEFAULT_LEASE_MS,
  ) {}

  async attempt(id: string): Promise<GradeAttempt> {
    const claim = await this.repository.claim(id, this.leaseMs);
    if (!claim.claimed) return claim.busyUntil ? { kind: 'busy', until: claim.busyUntil } : { kind: 'skipped' };
    const { submission } = claim;
    try {
      // A run-graded Parsons problem is graded as the code question it stands for (its assembled program is the source).
      const job = toGradingJob(withVariant(runnableCode(submission.questionContent as Question), submission.variantSeed), submission.source, {
        only: submission.kind === 'run' ? 'visible' : 'all',
      });
      const graded = await gradeUnderCrashRule(this.grader, job);
      if (graded.kind === 'crashed-twice') return await this.crashedTwice(id, claim.lease);
      // Capped where it is stored, whichever engine graded it (this process's pool or a grader's).
      const result = capGradingResult(graded.result, job);
      const stored = await this.repository.complete(id, claim.lease, result);
      return stored ? { kind: 'stored', outcome: { id, status: 'graded', result } } : { kind: 'skipped' };
    } catch (error) {
      return this.failed(id, claim.lease, submission.attemptCount, (error as Error).message);
    }
  }

  /** Its own verdict, not our failure: stored at once, never retried (see gradeUnderCrashRule). */
  private async crashedTwice(id: string, lease: Lease): Promise<GradeAttempt> {
    this.logger.warn(`Submission ${id} stopped the grading sandbox twice, the second time alone; stored as error`);
    const stored = await this.repository.fail(id, lease, SANDBOX_CRASHED_TWICE);
    return stored ? { kind: 'stored', outcome: { id, status: 'error', reason: SANDBOX_CRASHED_TWICE } } : { kind: 'skipped' };
  }

  private async failed(id: string, lease: Lease, tries: number, reason: string): Promise<GradeAttempt> {
    if (tries < MAX_TRIES) {
      this.logger.warn(`Grading ${id} failed (try ${tries}): ${reason}; retrying`);
      await this.repository.release(id, lease);
      return { kind: 'retry', delayMs: 500 * tries, reason };
    }
    const stored = await this.repository.fail(id, lease, `grading failed ${MAX_TRIES} times: ${reason}`);
    return stored ? { kind: 'stored', outcome: { id, status: 'error', reason } } : { kind: 'skipped' };
  }
}

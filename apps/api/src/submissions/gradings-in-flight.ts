import { HttpException, HttpStatus, Injectable, type OnModuleInit } from '@nestjs/common';
import { SubmissionProcessor } from '../grading/submission-processor.js';

/** Runs and submissions of one learner being graded at once (queued or in the engine). */
export const MAX_GRADINGS_IN_FLIGHT = 3;
/** A slot whose verdict never arrives (a lost event) is given back after this long. */
export const IN_FLIGHT_HOLD_MS = 5 * 60_000;

/**
 * Bounds each learner's gradings in flight. The grading queue is first come, first served, and
 * CODE_RUNS_PER_MINUTE lets one learner send 20 a minute all at once: 20 runs of an endless loop
 * (10 s each at the default limits) kept every other learner's code waiting ~3 minutes on one
 * worker, and the next minute's 20 queued behind them (red team redapi). With this bound a
 * learner's own work waits behind at most MAX_GRADINGS_IN_FLIGHT of theirs. Per API process
 * (kept in memory, like the throttles).
 */
@Injectable()
export class GradingsInFlight implements OnModuleInit {
  private readonly counts = new Map<string, number>();
  private readonly held = new Map<string, { userId: string; timer: NodeJS.Timeout }>();

  constructor(private readonly processor: SubmissionProcessor) {}

  onModuleInit(): void {
    this.processor.onGraded((outcome) => this.settled(outcome.id));
  }

  /** Takes a slot for `userId` before the submission is stored, or refuses with 429. */
  reserve(userId: string): void {
    const count = this.counts.get(userId) ?? 0;
    if (count >= MAX_GRADINGS_IN_FLIGHT) {
      throw new HttpException(
        `You have ${count} runs or submissions still being graded; send more code once one of them has its result`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    this.counts.set(userId, count + 1);
  }

  /** The slot taken by `reserve` now belongs to stored submission `submissionId`, until its verdict. */
  hold(userId: string, submissionId: string): void {
    const timer = setTimeout(() => this.settled(submissionId), IN_FLIGHT_HOLD_MS);
    timer.unref();
    this.held.set(submissionId, { userId, timer });
  }

  /** Gives back a slot that `reserve` took for a submission that was not stored. */
  cancel(userId: string): void {
    const count = (this.counts.get(userId) ?? 1) - 1;
    if (count > 0) this.counts.set(userId, count);
    else this.counts.delete(userId);
  }

  /** A verdict (graded or error): its learner's slot is free again. */
  settled(submissionId: string): void {
    const entry = this.held.get(submissionId);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.held.delete(submissionId);
    this.cancel(entry.userId);
  }
}

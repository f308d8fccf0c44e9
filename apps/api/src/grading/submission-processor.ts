import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { GradingResult } from '@app/grader';
import { toGradingJob, type CodeQuestion } from '@app/quiz-spec';
import { GradingRepository } from './grading.repository.js';
import { GradingService } from './grading.service.js';

/** A grading that failed for reasons of ours (not the learner's) is tried this many times. */
const MAX_TRIES = 3;

export type SubmissionOutcome = { id: string; status: 'graded'; result: GradingResult } | { id: string; status: 'error'; reason: string };
export type GradedListener = (outcome: SubmissionOutcome) => Promise<void> | void;

/**
 * Grades stored submissions. A submission row exists (status pending) before it is enqueued, so a
 * crash at any point leaves it pending or grading, and the next start grades it (see recover).
 */
@Injectable()
export class SubmissionProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(SubmissionProcessor.name);
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly done = new EventEmitter().setMaxListeners(0);
  private readonly listeners: GradedListener[] = [];
  private running = 0;

  constructor(
    private readonly repository: GradingRepository,
    private readonly grading: GradingService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const ids = await this.repository.recoverUnfinished();
    if (ids.length > 0) this.logger.log(`Recovered ${ids.length} unfinished submissions; grading them now`);
    ids.forEach((id) => this.enqueue(id));
  }

  /** Called by features that must react to a verdict (attempt scores, best scores). */
  onGraded(listener: GradedListener): void {
    this.listeners.push(listener);
  }

  enqueue(id: string): void {
    if (this.queued.has(id)) return;
    this.queued.add(id);
    this.queue.push(id);
    this.pump();
  }

  /** Resolves with the outcome, or with undefined when it takes longer than `timeoutMs`. */
  waitFor(id: string, timeoutMs: number): Promise<SubmissionOutcome | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.done.off(id, finish);
        resolve(undefined);
      }, timeoutMs);
      const finish = (outcome: SubmissionOutcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      this.done.once(id, finish);
    });
  }

  stats(): { queued: number; running: number } {
    return { queued: this.queue.length, running: this.running };
  }

  private get concurrency(): number {
    return Math.max(1, this.grading.health().workers.size);
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const id = this.queue.shift()!;
      this.running++;
      void this.process(id).finally(() => {
        this.running--;
        this.queued.delete(id);
        this.pump();
      });
    }
  }

  private async process(id: string): Promise<void> {
    try {
      if (!(await this.repository.claim(id))) return;
      const outcome = await this.gradeClaimed(id);
      if (outcome) await this.publish(outcome);
    } catch (error) {
      this.logger.error(`Submission ${id} could not be processed: ${(error as Error).message}`);
    }
  }

  private async gradeClaimed(id: string): Promise<SubmissionOutcome | undefined> {
    const submission = await this.repository.load(id);
    if (!submission) return undefined;
    try {
      const job = toGradingJob(submission.questionContent as CodeQuestion, submission.source, {
        only: submission.kind === 'run' ? 'visible' : 'all',
      });
      const result = await this.grading.grade(job);
      const stored = await this.repository.complete(id, result);
      return stored ? { id, status: 'graded', result } : undefined;
    } catch (error) {
      const reason = (error as Error).message;
      if (submission.attemptCount < MAX_TRIES) {
        this.logger.warn(`Grading ${id} failed (try ${submission.attemptCount}): ${reason}; retrying`);
        await this.repository.release(id);
        this.queued.delete(id);
        setTimeout(() => this.enqueue(id), 500 * submission.attemptCount).unref();
        return undefined;
      }
      await this.repository.fail(id, `grading failed ${MAX_TRIES} times: ${reason}`);
      return { id, status: 'error', reason };
    }
  }

  private async publish(outcome: SubmissionOutcome): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(outcome);
      } catch (error) {
        this.logger.error(`A graded-submission listener failed for ${outcome.id}: ${(error as Error).message}`);
      }
    }
    this.done.emit(outcome.id, outcome);
  }
}

import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { GradingRepository, IN_FLIGHT_PER_WORKER, SubmissionGrader, type SubmissionOutcome } from '@app/grading';
import { GRADING_QUEUE } from './grading-queue.provider.js';
import { GradingService } from './grading.service.js';
import type { GradingQueueClient, QueueFigures } from './queue/grading-queue.client.js';

export type { SubmissionOutcome } from '@app/grading';

export type GradedListener = (outcome: SubmissionOutcome) => Promise<void> | void;

export interface ProcessorStats {
  /** In-process: submissions waiting in this API; queue mode: jobs waiting in the shared queue. */
  queued: number;
  running: number;
  /** Queue mode only (in-process keeps the original `{ queued, running }`; see GraderHealth.mode). */
  mode?: 'queue';
  /** Queue mode: depth, grader processes, completions per second. */
  queue?: QueueFigures;
}

/**
 * Grades stored submissions. A submission row exists (status pending) before it is enqueued, so a
 * crash at any point leaves it pending or grading, and the next start grades it (see recover).
 * With a grading queue (QUEUE_URL) the grading happens in grader processes: this class adds the
 * jobs and turns the queue's completion events into the same `waitFor` / `onGraded` notifications.
 */
@Injectable()
export class SubmissionProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(SubmissionProcessor.name);
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private readonly done = new EventEmitter().setMaxListeners(0);
  private readonly listeners: GradedListener[] = [];
  private readonly grader: SubmissionGrader;
  private running = 0;
  /** Consecutive failures to reach the database per submission: each retry waits longer. */
  private readonly outages = new Map<string, number>();

  constructor(
    private readonly repository: GradingRepository,
    private readonly grading: GradingService,
    @Optional() @Inject(GRADING_QUEUE) private readonly shared: GradingQueueClient | null = null,
  ) {
    this.grader = new SubmissionGrader(repository, grading);
    shared?.onSettled((event) => void this.settledOnQueue(event.submissionId, event.outcome, event.failedReason));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.shared) {
      // Not awaited: with Redis down the jobs are added once it is back, and the API serves meanwhile.
      void this.recoverOnQueue(this.shared).catch((error: Error) => this.logger.error(`Unfinished submissions not re-queued: ${error.message}`));
      return;
    }
    const ids = await this.repository.recoverUnfinished();
    if (ids.length > 0) this.logger.log(`Recovered ${ids.length} unfinished submissions; grading them now`);
    ids.forEach((id) => this.enqueue(id));
  }

  /** Called by features that must react to a verdict (attempt scores, best scores). */
  onGraded(listener: GradedListener): void {
    this.listeners.push(listener);
  }

  enqueue(id: string): void {
    if (this.shared) {
      this.shared.addSubmission(id).catch((error: Error) => this.logger.error(`Submission ${id} could not be queued (graded at next start): ${error.message}`));
      return;
    }
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

  stats(): ProcessorStats {
    if (!this.shared) return { queued: this.queue.length, running: this.running };
    const figures = this.shared.figures();
    return { queued: figures.depth, running: figures.active, mode: 'queue', queue: figures };
  }

  private get concurrency(): number {
    return Math.max(1, this.grading.health().workers.size) * IN_FLIGHT_PER_WORKER;
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
      const attempt = await this.grader.attempt(id);
      if (attempt.kind === 'stored') await this.publish(attempt.outcome);
      if (attempt.kind === 'retry') setTimeout(() => this.enqueue(id), attempt.delayMs).unref();
      if (attempt.kind === 'busy') setTimeout(() => this.enqueue(id), attempt.until.getTime() - Date.now()).unref();
      this.outages.delete(id);
    } catch (error) {
      // Claim, load or store failed (the database is down or restarting): the row is still
      // pending or grading, so try again later rather than leave it until the next restart.
      const failures = (this.outages.get(id) ?? 0) + 1;
      this.outages.set(id, failures);
      const delayMs = Math.min(30_000, 500 * 2 ** failures);
      this.logger.error(`Submission ${id} could not be processed (${failures}x): ${(error as Error).message}; retrying in ${delayMs} ms`);
      setTimeout(() => this.enqueue(id), delayMs).unref();
    }
  }

  /**
   * Pending and `grading` rows are re-added: job ids dedupe those still in the queue (Redis keeps
   * no data here across restarts), and the lease decides whether a `grading` row may be taken.
   */
  private async recoverOnQueue(queue: GradingQueueClient): Promise<void> {
    const ids = await this.repository.listUnfinished();
    if (ids.length === 0) return;
    await queue.addSubmissions(ids);
    this.logger.log(`Re-queued ${ids.length} unfinished submissions on "${queue.name}"`);
  }

  /** A grader finished a job: publish its verdict; a job the queue gave up on becomes an error. */
  private async settledOnQueue(id: string, outcome?: SubmissionOutcome, failedReason?: string): Promise<void> {
    try {
      if (outcome) return await this.publish(outcome);
      if (failedReason === undefined) return;
      const reason = `the grading queue gave up: ${failedReason}`;
      if (await this.repository.failUnfinished(id, reason)) await this.publish({ id, status: 'error', reason });
    } catch (error) {
      this.logger.error(`Verdict of ${id} could not be published: ${(error as Error).message}`);
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

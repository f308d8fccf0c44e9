import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ScoreOutbox } from '../lti/score-outbox.js';
import { AttemptsRepository } from './attempts.repository.js';
import { finishAttempt } from './attempt-finisher.js';
import { gradebookSend } from './gradebook-send.js';

export const EXPIRY_SWEEP_MS = Symbol('EXPIRY_SWEEP_MS');
export const DEFAULT_EXPIRY_SWEEP_MS = 10_000;
/** Attempts finished per sweep: a class's worth; the rest wait for the next sweep. */
const SWEEP_BATCH = 200;

/**
 * Finishes exam attempts whose time is up, as the learner's "Finish" would (answers given so far
 * count; code submitted before the end counts once graded: an attempt with code still grading is
 * left for a later sweep). Reading an overdue attempt finishes it too, so the sweep only makes
 * sure that scores and dashboards do not wait for the learner to come back.
 */
@Injectable()
export class ExpireAttempts implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ExpireAttempts.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly attempts: AttemptsRepository,
    private readonly outbox: ScoreOutbox,
    @Optional() @Inject(EXPIRY_SWEEP_MS) private readonly everyMs: number = DEFAULT_EXPIRY_SWEEP_MS,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.everyMs);
    this.timer.unref();
  }

  /** Waits for a sweep in flight: it must not outlive the database connection. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep at a time; resolves to the number of attempts finished. */
  sweep(now = new Date()): Promise<number> {
    this.running ??= this.finishOverdue(now)
      .catch((error: unknown) => {
        this.logger.warn(`finishing overdue exam attempts failed: ${error instanceof Error ? error.message : String(error)}`);
        return 0;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async finishOverdue(now: Date): Promise<number> {
    let finished = 0;
    for (const { id, userId } of await this.attempts.findOverdue(now, SWEEP_BATCH)) {
      const attempt = await this.attempts.findOwn(id, userId);
      if (attempt && (await finishAttempt(this.attempts, attempt, now, true, gradebookSend(this.outbox, attempt, now))).finished) finished++;
    }
    if (finished > 0) this.outbox.notify();
    return finished;
  }
}

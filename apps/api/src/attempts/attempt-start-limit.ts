import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Environment } from '@app/config';

export const ATTEMPT_START_WINDOW_SECONDS = 60 * 60;

/**
 * At most ATTEMPT_STARTS_PER_HOUR new attempts per user and hour, then 429. Each attempt keeps a
 * draft of up to 64 KiB per code question after it is finished: one account starting, drafting
 * and finishing attempts in a loop kept ~0.8 MB/s of drafts in the database (~2.9 GB an hour; red
 * team redapi). Taken only when an attempt is about to be created (StartAttempt): resuming the
 * attempt in progress never counts and is never refused. Per API process, like the throttles.
 */
@Injectable()
export class AttemptStartLimit {
  private readonly limit: number;
  private readonly limiter: RateLimiterMemory;

  constructor(env: Environment) {
    this.limit = env.ATTEMPT_STARTS_PER_HOUR;
    this.limiter = new RateLimiterMemory({ points: this.limit, duration: ATTEMPT_START_WINDOW_SECONDS });
  }

  async take(userId: string): Promise<void> {
    try {
      await this.limiter.consume(userId);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const minutes = Math.max(1, Math.ceil(rejection.msBeforeNext / 60_000));
      throw new HttpException(`Too many new attempts: at most ${this.limit} an hour; retry in ${minutes} min`, HttpStatus.TOO_MANY_REQUESTS);
    }
  }
}

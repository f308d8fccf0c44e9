import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerStorageService, type ThrottlerLimitDetail } from '@nestjs/throttler';

export const CODE_THROTTLE_STORAGE = Symbol('CODE_THROTTLE_STORAGE');
/** Runs and submissions together, per user: each one occupies a grader worker. */
export const CODE_RUNS_PER_WINDOW = 20;
export const CODE_WINDOW_MS = 60_000;

/**
 * 429 after CODE_RUNS_PER_WINDOW runs + submissions per CODE_WINDOW_MS by one user. Keyed by the
 * user id (the global JWT guard runs first), with its own storage and one bucket for both routes.
 */
@Injectable()
export class CodeThrottleGuard extends ThrottlerGuard {
  constructor(@Inject(CODE_THROTTLE_STORAGE) storage: ThrottlerStorageService, reflector: Reflector) {
    super(
      {
        throttlers: [{ name: 'code', limit: CODE_RUNS_PER_WINDOW, ttl: CODE_WINDOW_MS }],
        getTracker: (request: Record<string, any>) => `user:${String(request.user?.id ?? request.ip)}`,
        generateKey: (_context, tracker) => `code:${tracker}`,
      },
      storage,
      reflector,
    );
  }

  protected override async getErrorMessage(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<string> {
    return `Too many code runs and submissions: at most ${detail.limit} per minute; retry in ${detail.timeToBlockExpire} s`;
  }
}

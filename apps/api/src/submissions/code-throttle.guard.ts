import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { Environment } from '@app/config';
import { consumeOrRefuse } from '../common/rate-limit.js';

export const CODE_WINDOW_SECONDS = 60;

/**
 * 429 (with Retry-After) after CODE_RUNS_PER_MINUTE runs + submissions (each one occupies a
 * grader worker) per CODE_WINDOW_SECONDS by one user, keyed by the user id (the global JWT guard
 * runs first). rate-limiter-flexible rather than @nestjs/throttler: the latter is CommonJS
 * requiring the ESM-only @nestjs/common, which Jest cannot load on Node 20, so no e2e test could
 * boot the app with it (see the login guard).
 */
@Injectable()
export class CodeThrottleGuard implements CanActivate {
  private readonly limit: number;
  private readonly limiter: RateLimiterMemory;

  constructor(env: Environment) {
    this.limit = env.CODE_RUNS_PER_MINUTE;
    this.limiter = new RateLimiterMemory({ points: this.limit, duration: CODE_WINDOW_SECONDS });
  }

  canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { user?: { id: string } }>();
    return consumeOrRefuse(this.limiter, `user:${request.user?.id ?? String(request.ip)}`, context,
      (seconds) => `Too many code runs and submissions: at most ${this.limit} per minute; retry in ${seconds} s`);
  }
}

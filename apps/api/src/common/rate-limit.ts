import { HttpException, HttpStatus, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { RateLimiterRes, type RateLimiterMemory } from 'rate-limiter-flexible';

/**
 * Takes one point of `key` from `limiter`, or refuses the request with 429 and Retry-After (whole
 * seconds, at least 1); `message` says what is limited. The one shape of the API's throttle
 * guards (login, registration, code runs). rate-limiter-flexible rather than @nestjs/throttler:
 * the latter is CommonJS requiring the ESM-only @nestjs/common, which Jest cannot load on Node 20.
 */
export async function consumeOrRefuse(limiter: RateLimiterMemory, key: string, context: ExecutionContext,
  message: (retrySeconds: number) => string): Promise<true> {
  try {
    await limiter.consume(key);
    return true;
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
    throw new HttpException(message(seconds), HttpStatus.TOO_MANY_REQUESTS);
  }
}

import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { Environment } from '@app/config';
import { consumeOrRefuse } from '../common/rate-limit.js';
import { clientAddressKey } from './client-address.js';

export const REGISTRATION_WINDOW_SECONDS = 60 * 60;

/**
 * REGISTRATIONS_PER_HOUR_PER_IP registration attempts per client address and hour, then 429 with
 * Retry-After. Every per-account limit (code runs, submissions) multiplies by the accounts one
 * person can make, so making them is bounded here. Attempts count, not only the accounts created:
 * a refused email (409) also tells whether that address has an account.
 */
@Injectable()
export class RegistrationThrottleGuard implements CanActivate {
  private readonly limit: number;
  private readonly limiter: RateLimiterMemory;

  constructor(env: Environment) {
    this.limit = env.REGISTRATIONS_PER_HOUR_PER_IP;
    this.limiter = new RateLimiterMemory({ points: this.limit, duration: REGISTRATION_WINDOW_SECONDS });
  }

  canActivate(context: ExecutionContext): Promise<boolean> {
    const key = `register:${clientAddressKey(context.switchToHttp().getRequest<Request>().ip)}`;
    return consumeOrRefuse(this.limiter, key, context,
      (seconds) => `Too many registrations from this address: at most ${this.limit} per hour; retry in ${seconds} s`);
  }
}

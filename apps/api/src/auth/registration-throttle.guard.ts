import { HttpException, HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { Environment } from '@app/config';
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

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    try {
      await this.limiter.consume(`register:${clientAddressKey(http.getRequest<Request>().ip)}`);
      return true;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      http.getResponse<Response>().setHeader('Retry-After', String(seconds));
      throw new HttpException(
        `Too many registrations from this address: at most ${this.limit} per hour; retry in ${seconds} s`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}

import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Environment } from '@app/config';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { normalizeEmail } from '../users/user.types.js';
import { consumeOrRefuse } from '../common/rate-limit.js';
import { clientAddressKey } from './client-address.js';

export const LOGIN_LIMIT = 10;
export const LOGIN_WINDOW_SECONDS = 60;

/**
 * IP (an IPv6 client: its /64) + email: an attacker can neither spray one account from one
 * address nor lock a victim out from elsewhere.
 */
export function loginThrottleKey(request: Request): string {
  const body = request.body as { email?: unknown } | undefined;
  const email = typeof body?.email === 'string' ? normalizeEmail(body.email) : '';
  return `${clientAddressKey(request.ip)}|${email}`;
}

/**
 * LOGIN_LIMIT login attempts per LOGIN_WINDOW_SECONDS per IP+email, and LOGINS_PER_MINUTE_PER_IP
 * failed or pending sign-ins per IP whatever the emails, then 429 with Retry-After. The second limit exists because every
 * attempt costs a password hash (unknown emails too, so that timing does not tell which exist) in
 * a first-come queue: one address trying a new email each time filled that queue and a class's
 * sign-ins waited behind it (red team redapi: 5-7 s instead of 0.2 s).
 * (rate-limiter-flexible rather than @nestjs/throttler: the latter is CommonJS requiring the
 * ESM-only @nestjs/common, which Jest cannot load on Node 20, so no app e2e could boot with it.)
 */
@Injectable()
export class LoginThrottleGuard implements CanActivate {
  private readonly limiter = new RateLimiterMemory({ points: LOGIN_LIMIT, duration: LOGIN_WINDOW_SECONDS });
  private readonly perAddress: RateLimiterMemory;
  private readonly addressLimit: number;

  constructor(env: Environment) {
    this.addressLimit = env.LOGINS_PER_MINUTE_PER_IP;
    this.perAddress = new RateLimiterMemory({ points: this.addressLimit, duration: LOGIN_WINDOW_SECONDS });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    await consumeOrRefuse(this.limiter, loginThrottleKey(request), context, (seconds) => `Too many login attempts; retry in ${seconds} s`);
    const addressKey = `login:${clientAddressKey(request.ip)}`;
    await consumeOrRefuse(this.perAddress, addressKey, context,
      (seconds) => `Too many login attempts from this address: at most ${this.addressLimit} per minute; retry in ${seconds} s`);
    // A sign-in that succeeds gives its point back: the address limit counts failed and pending
    // sign-ins, so a class signing in from one NAT address is not refused for succeeding, while
    // one address spraying emails still is (its attempts fail; a flood is counted while pending).
    const response = context.switchToHttp().getResponse<Response>();
    response.once('finish', () => {
      if (response.statusCode < 400) void this.perAddress.reward(addressKey, 1).catch(() => undefined);
    });
    return true;
  }
}

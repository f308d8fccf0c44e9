import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
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
 * LOGIN_LIMIT login attempts per LOGIN_WINDOW_SECONDS per IP+email, then 429 with Retry-After.
 * (rate-limiter-flexible rather than @nestjs/throttler: the latter is CommonJS requiring the
 * ESM-only @nestjs/common, which Jest cannot load on Node 20, so no app e2e could boot with it.)
 */
@Injectable()
export class LoginThrottleGuard implements CanActivate {
  private readonly limiter = new RateLimiterMemory({ points: LOGIN_LIMIT, duration: LOGIN_WINDOW_SECONDS });

  canActivate(context: ExecutionContext): Promise<boolean> {
    return consumeOrRefuse(this.limiter, loginThrottleKey(context.switchToHttp().getRequest<Request>()), context,
      (seconds) => `Too many login attempts; retry in ${seconds} s`);
  }
}

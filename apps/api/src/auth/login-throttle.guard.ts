import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerStorageService } from '@nestjs/throttler';
import { normalizeEmail } from '../users/user.types.js';

export const LOGIN_THROTTLE_STORAGE = Symbol('LOGIN_THROTTLE_STORAGE');
export const LOGIN_LIMIT = 10;
export const LOGIN_WINDOW_MS = 60_000;

/** IP + email, so one attacker cannot lock a victim out from elsewhere and cannot spray one account. */
function loginTracker(request: Record<string, any>): string {
  const email = typeof request.body?.email === 'string' ? normalizeEmail(request.body.email) : '';
  return `${String(request.ip)}|${email}`;
}

/**
 * Login attempts: LOGIN_LIMIT per LOGIN_WINDOW_MS per IP+email, then 429 (ThrottlerException,
 * rendered by the global filter). Own options and storage, so it works whatever throttling
 * other modules configure through ThrottlerModule.
 */
@Injectable()
export class LoginThrottleGuard extends ThrottlerGuard {
  constructor(@Inject(LOGIN_THROTTLE_STORAGE) storage: ThrottlerStorageService, reflector: Reflector) {
    super({ throttlers: [{ name: 'login', limit: LOGIN_LIMIT, ttl: LOGIN_WINDOW_MS }], getTracker: loginTracker }, storage, reflector);
  }
}

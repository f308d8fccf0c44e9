import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { clientAddressKey } from '../auth/client-address.js';
import { consumeOrRefuse } from '../common/rate-limit.js';

/** A classroom behind one NAT address launching at once stays well under it. */
export const LTI_LOGINS_PER_MINUTE = 300;

/**
 * Every LTI login stores a row (state and nonce) before anyone is known: per client address,
 * LTI_LOGINS_PER_MINUTE of them, then 429 with Retry-After, so the table cannot be flooded.
 */
@Injectable()
export class LtiLoginThrottleGuard implements CanActivate {
  private readonly limiter = new RateLimiterMemory({ points: LTI_LOGINS_PER_MINUTE, duration: 60 });

  canActivate(context: ExecutionContext): Promise<boolean> {
    return consumeOrRefuse(this.limiter, clientAddressKey(context.switchToHttp().getRequest<Request>().ip), context,
      (seconds) => `Too many LMS launches from this address; retry in ${seconds} s`);
  }
}

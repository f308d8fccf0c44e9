import { HttpException, type ExecutionContext } from '@nestjs/common';
import { LTI_LOGINS_PER_MINUTE, LtiLoginThrottleGuard } from './lti-login-throttle.guard.js';

function context(ip: string, headers: Record<string, string> = {}): ExecutionContext {
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) };
  return { switchToHttp: () => ({ getRequest: () => ({ ip }), getResponse: () => response }) } as unknown as ExecutionContext;
}

describe(LtiLoginThrottleGuard.name, () => {
  it('lets a classroom launch, then answers 429 with Retry-After to a flood from one address only', async () => {
    const guard = new LtiLoginThrottleGuard();
    for (let i = 0; i < LTI_LOGINS_PER_MINUTE; i++) await guard.canActivate(context('203.0.113.9'));
    const headers: Record<string, string> = {};
    await expect(guard.canActivate(context('203.0.113.9', headers))).rejects.toBeInstanceOf(HttpException);
    expect(Number(headers['Retry-After'])).toBeGreaterThanOrEqual(1);
    await expect(guard.canActivate(context('198.51.100.7'))).resolves.toBe(true);
  });
});

import { HttpException, type ExecutionContext } from '@nestjs/common';
import { validateEnvironment } from '@app/config';
import { RegistrationThrottleGuard } from './registration-throttle.guard.js';

function contextFor(ip: string) {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) };
  const context = { switchToHttp: () => ({ getRequest: () => ({ ip }), getResponse: () => response }) } as unknown as ExecutionContext;
  return { context, headers };
}

async function allowedInARow(guard: RegistrationThrottleGuard, ip: string) {
  const { context, headers } = contextFor(ip);
  for (let allowed = 0; ; allowed++) {
    const outcome = await guard.canActivate(context).catch((error: unknown) => error);
    if (outcome !== true) return { allowed, refusal: outcome as HttpException, retryAfter: Number(headers['Retry-After']) };
  }
}

describe(RegistrationThrottleGuard.name, () => {
  it('allows 20 registrations per address and hour by default, then 429 with Retry-After; other addresses unaffected', async () => {
    const guard = new RegistrationThrottleGuard(validateEnvironment({}));
    const first = await allowedInARow(guard, '203.0.113.9');
    expect(first.allowed).toBe(20);
    expect(first.refusal.getStatus()).toBe(429);
    expect(first.refusal.message).toContain('at most 20 per hour');
    expect(first.retryAfter).toBeGreaterThan(3500);
    await expect(guard.canActivate(contextFor('203.0.113.10').context)).resolves.toBe(true);
  });

  it('follows REGISTRATIONS_PER_HOUR_PER_IP and counts an IPv4-mapped address as the IPv4 one', async () => {
    const guard = new RegistrationThrottleGuard(validateEnvironment({ REGISTRATIONS_PER_HOUR_PER_IP: '2' }));
    await expect(guard.canActivate(contextFor('198.51.100.1').context)).resolves.toBe(true);
    await expect(guard.canActivate(contextFor('::ffff:198.51.100.1').context)).resolves.toBe(true);
    const refused = await guard.canActivate(contextFor('198.51.100.1').context).catch((error: unknown) => error);
    expect((refused as HttpException).getStatus()).toBe(429);
  });
});

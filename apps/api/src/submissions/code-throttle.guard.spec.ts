import { HttpException, type ExecutionContext } from '@nestjs/common';
import { validateEnvironment } from '@app/config';
import { CodeThrottleGuard } from './code-throttle.guard.js';

function contextFor(userId: string) {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) };
  const request = { user: { id: userId }, ip: '127.0.0.1' };
  const context = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ExecutionContext;
  return { context, headers };
}

async function allowedInARow(guard: CodeThrottleGuard, userId: string): Promise<{ allowed: number; refusal: HttpException; retryAfter: number }> {
  const { context, headers } = contextFor(userId);
  for (let allowed = 0; ; allowed++) {
    const outcome = await guard.canActivate(context).catch((error: unknown) => error);
    if (outcome !== true) return { allowed, refusal: outcome as HttpException, retryAfter: Number(headers['Retry-After']) };
  }
}

describe(CodeThrottleGuard.name, () => {
  it('allows 20 runs and submissions per user and minute by default, then 429 with Retry-After; other users unaffected', async () => {
    const guard = new CodeThrottleGuard(validateEnvironment({}));
    const ada = await allowedInARow(guard, 'ada');
    expect(ada.allowed).toBe(20);
    expect(ada.refusal).toBeInstanceOf(HttpException);
    expect(ada.refusal.getStatus()).toBe(429);
    expect(ada.refusal.message).toContain('at most 20 per minute');
    expect(ada.retryAfter).toBeGreaterThan(0);
    await expect(guard.canActivate(contextFor('bob').context)).resolves.toBe(true);
  });

  it('follows CODE_RUNS_PER_MINUTE', async () => {
    const guard = new CodeThrottleGuard(validateEnvironment({ CODE_RUNS_PER_MINUTE: '3' }));
    const ada = await allowedInARow(guard, 'ada');
    expect(ada.allowed).toBe(3);
    expect(ada.refusal.message).toContain('at most 3 per minute');
  });
});

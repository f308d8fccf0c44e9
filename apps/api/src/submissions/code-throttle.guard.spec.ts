import { HttpException, type ExecutionContext } from '@nestjs/common';
import { CODE_RUNS_PER_WINDOW, CodeThrottleGuard } from './code-throttle.guard.js';

function contextFor(userId: string) {
  const headers: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (headers[name] = value) };
  const request = { user: { id: userId }, ip: '127.0.0.1' };
  const context = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }) } as unknown as ExecutionContext;
  return { context, headers };
}

describe(CodeThrottleGuard.name, () => {
  it('allows 20 runs and submissions per user and minute, then 429 with Retry-After; other users unaffected', async () => {
    const guard = new CodeThrottleGuard();
    const ada = contextFor('ada');
    for (let i = 0; i < CODE_RUNS_PER_WINDOW; i++) await expect(guard.canActivate(ada.context)).resolves.toBe(true);
    const refused = await guard.canActivate(ada.context).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HttpException);
    expect((refused as HttpException).getStatus()).toBe(429);
    expect(Number(ada.headers['Retry-After'])).toBeGreaterThan(0);
    await expect(guard.canActivate(contextFor('bob').context)).resolves.toBe(true);
  });
});

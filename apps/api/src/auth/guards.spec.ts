import { EventEmitter } from 'node:events';
import { validateEnvironment } from '@app/config';
import { ForbiddenException, HttpException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Role } from '../users/user.types.js';
import { Public, Roles } from './auth.decorators.js';
import { extractAccessToken, JwtAuthGuard } from './jwt-auth.guard.js';
import { LOGIN_LIMIT, LoginThrottleGuard } from './login-throttle.guard.js';
import { RolesGuard } from './roles.guard.js';
import type { AuthService } from './auth.service.js';

class Routes {
  open(): void {}
  @Public() publicRoute(): void {}
  @Roles('instructor', 'admin') staffRoute(): void {}
}

function contextFor(handler: keyof Routes, request: Partial<Request> & { user?: { role: Role } }) {
  const headers: Record<string, string> = {};
  request.headers ??= {};
  // an Express response as far as the guards use it: headers, and 'finish' with its status
  const response = Object.assign(new EventEmitter(), { statusCode: 200, setHeader: (name: string, value: string) => (headers[name] = value) });
  const context = {
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ExecutionContext;
  const finish = (statusCode: number) => {
    response.statusCode = statusCode;
    response.emit('finish');
  };
  return { context, headers, finish };
}

describe(extractAccessToken.name, () => {
  it('prefers the bearer header, falls back to the cookie, and ignores other schemes', () => {
    const req = (headers: Record<string, string>, cookies: Record<string, string> = {}) => ({ headers, cookies }) as unknown as Request;
    expect(extractAccessToken(req({ authorization: 'Bearer abc' }, { access_token: 'cookie' }))).toBe('abc');
    expect(extractAccessToken(req({}, { access_token: 'cookie' }))).toBe('cookie');
    expect(extractAccessToken(req({ authorization: 'Basic abc' }))).toBeUndefined();
    expect(extractAccessToken(req({}))).toBeUndefined();
  });
});

describe(JwtAuthGuard.name, () => {
  const auth = { authenticate: async () => ({ id: 'u1', role: 'learner' }) } as unknown as AuthService;
  const guard = new JwtAuthGuard(new Reflector(), auth);

  it('lets @Public() routes through without a token', async () => {
    expect(await guard.canActivate(contextFor('publicRoute', {}).context)).toBe(true);
  });

  it('refuses other routes without a token and attaches the user when there is one', async () => {
    await expect(guard.canActivate(contextFor('open', {}).context)).rejects.toBeInstanceOf(UnauthorizedException);
    const request = { headers: { authorization: 'Bearer t' } } as Partial<Request> & { user?: { role: Role } };
    expect(await guard.canActivate(contextFor('open', request).context)).toBe(true);
    expect(request.user).toMatchObject({ id: 'u1' });
  });
});

describe(RolesGuard.name, () => {
  const guard = new RolesGuard(new Reflector());

  it('allows any signed-in user on routes without @Roles and the listed roles on others', () => {
    expect(guard.canActivate(contextFor('open', { user: { role: 'learner' } }).context)).toBe(true);
    expect(guard.canActivate(contextFor('staffRoute', { user: { role: 'instructor' } }).context)).toBe(true);
    expect(guard.canActivate(contextFor('staffRoute', { user: { role: 'admin' } }).context)).toBe(true);
  });

  it('answers 403 to a learner on a staff route', () => {
    expect(() => guard.canActivate(contextFor('staffRoute', { user: { role: 'learner' } }).context)).toThrow(ForbiddenException);
  });
});

describe(LoginThrottleGuard.name, () => {
  it(`allows ${LOGIN_LIMIT} attempts per IP and email, then 429 with Retry-After, other emails unaffected`, async () => {
    const guard = new LoginThrottleGuard(validateEnvironment({}));
    const attempt = (email: string) => contextFor('publicRoute', { ip: '10.0.0.1', body: { email } });
    for (let i = 0; i < LOGIN_LIMIT; i += 1) expect(await guard.canActivate(attempt('Ada@example.org').context)).toBe(true);
    const blocked = attempt('ada@EXAMPLE.org');
    const error = await guard.canActivate(blocked.context).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpException);
    expect((error as HttpException).getStatus()).toBe(429);
    expect(Number(blocked.headers['Retry-After'])).toBeGreaterThan(0);
    expect(await guard.canActivate(attempt('grace@example.org').context)).toBe(true);
  });

  it('allows LOGINS_PER_MINUTE_PER_IP attempts per address whatever the emails, other addresses unaffected', async () => {
    const guard = new LoginThrottleGuard(validateEnvironment({ LOGINS_PER_MINUTE_PER_IP: '3' }));
    const attempt = (ip: string, email: string) => contextFor('publicRoute', { ip, body: { email } });
    for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) expect(await guard.canActivate(attempt('10.0.0.2', email).context)).toBe(true);
    const blocked = attempt('10.0.0.2', 'd@example.org');
    const error = await guard.canActivate(blocked.context).catch((e: unknown) => e);
    expect([(error as HttpException).getStatus(), (error as HttpException).message]).toEqual([429, expect.stringContaining('at most 3 per minute')]);
    expect(Number(blocked.headers['Retry-After'])).toBeGreaterThan(0);
    expect(await guard.canActivate(attempt('10.0.0.3', 'd@example.org').context)).toBe(true);
  });

  it('gives a sign-in that succeeds its address point back: only failed and pending sign-ins count', async () => {
    const guard = new LoginThrottleGuard(validateEnvironment({ LOGINS_PER_MINUTE_PER_IP: '3' }));
    const attempt = (email: string) => contextFor('publicRoute', { ip: '10.0.0.4', body: { email } });
    for (let i = 0; i < 9; i++) { // three times the limit, each signed in
      const signIn = attempt(`learner-${i}@example.org`);
      expect(await guard.canActivate(signIn.context)).toBe(true);
      signIn.finish(200);
    }
    for (const email of ['x@example.org', 'y@example.org', 'z@example.org']) {
      const failed = attempt(email);
      expect(await guard.canActivate(failed.context)).toBe(true);
      failed.finish(401);
    }
    await expect(guard.canActivate(attempt('w@example.org').context)).rejects.toBeInstanceOf(HttpException);
  });

  it('counts the addresses of one IPv6 /64 as one client', async () => {
    const guard = new LoginThrottleGuard(validateEnvironment({}));
    const attempt = (ip: string) => contextFor('publicRoute', { ip, body: { email: 'ada@example.org' } }).context;
    for (let i = 0; i < LOGIN_LIMIT; i += 1) expect(await guard.canActivate(attempt(`2001:db8:0:1::${i + 1}`))).toBe(true);
    await expect(guard.canActivate(attempt('2001:db8:0:1:ffff::1'))).rejects.toBeInstanceOf(HttpException);
    expect(await guard.canActivate(attempt('2001:db8:0:2::1'))).toBe(true);
  });
});

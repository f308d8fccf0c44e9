import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import type request from 'supertest';
import { startTestApp, type TestApp } from './support/app.js';

// Registration is throttled per client address (REGISTRATIONS_PER_HOUR_PER_IP), so the
// per-account limits bound a person, not only an account. Clients are told apart by the TCP peer
// address (127.0.0.1 and 127.0.0.2 are both this machine), or behind a trusted proxy
// (TRUST_PROXY) by X-Forwarded-For.

const run = randomBytes(4).toString('hex');
let counter = 0;

function learner() {
  counter += 1;
  return { email: `reg-${run}-${counter}@example.org`, password: 'learner-password', displayName: `Reg ${counter}` };
}

/** Sends from another local address: a different client as far as the API can tell. */
const fromSecondAddress = new Agent({ localAddress: '127.0.0.2' });

function register(t: TestApp, options: { agent?: Agent; forwardedFor?: string } = {}): request.Test {
  const call = t.http.post('/api/auth/register');
  if (options.agent) call.agent(options.agent);
  if (options.forwardedFor) call.set('X-Forwarded-For', options.forwardedFor);
  return call.send(learner());
}

function expectTooMany(response: request.Response, limit: number): void {
  expect(response.status).toBe(429);
  const { requestId, ...body } = response.body as Record<string, unknown>;
  expect(body).toEqual({ statusCode: 429, error: 'Too Many Requests', message: expect.stringContaining(`at most ${limit} per hour`) });
  expect(typeof requestId).toBe('string');
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(3600);
}

describe('registration throttle, client told apart by its TCP address (no TRUST_PROXY)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'silent', SCRYPT_COST: '10', REGISTRATIONS_PER_HOUR_PER_IP: '3' });
  }, 120_000);

  // The grader pool may still be warming on a busy machine: closing waits for it.
  afterAll(async () => {
    await t?.close();
  }, 180_000);

  it('answers the 4th registration from one address with 429 and Retry-After, creating no account', async () => {
    for (let i = 0; i < 3; i++) await register(t).expect(201);
    const users = await t.prisma.user.count();
    const refused = await register(t);
    expectTooMany(refused, 3);
    expect(await t.prisma.user.count()).toBe(users);
  });

  it('does not let a client escape by sending X-Forwarded-For when no proxy is trusted', async () => {
    expectTooMany(await register(t, { forwardedFor: '203.0.113.9' }), 3);
  });

  it('still registers a client from another address', async () => {
    const response = await register(t, { agent: fromSecondAddress }).expect(201);
    expect(response.body.user.role).toBe('learner');
  });
});

describe('registration throttle behind a trusted proxy (TRUST_PROXY=loopback)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'silent', SCRYPT_COST: '10', REGISTRATIONS_PER_HOUR_PER_IP: '2', TRUST_PROXY: 'loopback' });
  }, 120_000);

  // The grader pool may still be warming on a busy machine: closing waits for it.
  afterAll(async () => {
    await t?.close();
  }, 180_000);

  it('counts per forwarded client address: the 3rd from one client is refused, another client is not', async () => {
    await register(t, { forwardedFor: '198.51.100.1' }).expect(201);
    await register(t, { forwardedFor: '198.51.100.1' }).expect(201);
    expectTooMany(await register(t, { forwardedFor: '198.51.100.1' }), 2);
    await register(t, { forwardedFor: '198.51.100.2' }).expect(201);
  });

  it('counts IPv6 clients per /64: a new address in the same /64 gets no new budget', async () => {
    await register(t, { forwardedFor: '2001:db8:1:2::1' }).expect(201);
    await register(t, { forwardedFor: '2001:db8:1:2:aaaa::7' }).expect(201);
    expectTooMany(await register(t, { forwardedFor: '2001:db8:1:2::ffff' }), 2);
    await register(t, { forwardedFor: '2001:db8:1:3::1' }).expect(201);
  });
});

import { ConfigError, validateEnvironment } from './environment.js';
import { trustProxySetting } from './trust-proxy.js';

describe(validateEnvironment.name, () => {
  it('applies the documented defaults to an empty environment', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({ PORT: 3000, DATA_DIR: './.data', LOG_LEVEL: 'info', GRADER_WORKERS: 0, PASSWORD_HASHES_AT_ONCE: 0, CODE_RUNS_PER_MINUTE: 20, GRADER_REQUIRE_WALLS: false });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('converts numeric strings and keeps a postgres URL', () => {
    const env = validateEnvironment({ PORT: '8080', DATABASE_URL: 'postgres://u@h:5432/db' });
    expect(env.PORT).toBe(8080);
    expect(env.DATABASE_URL).toBe('postgres://u@h:5432/db');
  });

  it('reads the code-run limit per user and minute', () => {
    expect(validateEnvironment({ CODE_RUNS_PER_MINUTE: '600' }).CODE_RUNS_PER_MINUTE).toBe(600);
  });

  it('reads the registration limit per address and hour (default 20)', () => {
    expect(validateEnvironment({}).REGISTRATIONS_PER_HOUR_PER_IP).toBe(20);
    expect(validateEnvironment({ REGISTRATIONS_PER_HOUR_PER_IP: '500' }).REGISTRATIONS_PER_HOUR_PER_IP).toBe(500);
  });

  it.each(['1', 'loopback', '10.0.0.0/8, 192.168.1.7', 'uniquelocal,2001:db8::/32'])('accepts TRUST_PROXY=%j', (value) => {
    expect(validateEnvironment({ TRUST_PROXY: value }).TRUST_PROXY).toBe(value);
  });

  it('trusts no proxy by default and hands Express a hop count as a number', () => {
    expect(trustProxySetting(validateEnvironment({}).TRUST_PROXY)).toBe(false);
    expect(trustProxySetting('2')).toBe(2);
    expect(trustProxySetting('loopback')).toBe('loopback');
  });

  it('reads GRADER_REQUIRE_WALLS as a boolean', () => {
    expect(validateEnvironment({ GRADER_REQUIRE_WALLS: 'true' }).GRADER_REQUIRE_WALLS).toBe(true);
    expect(validateEnvironment({ GRADER_REQUIRE_WALLS: 'FALSE' }).GRADER_REQUIRE_WALLS).toBe(false);
  });

  it('keeps a redis QUEUE_URL and defaults the queue name', () => {
    const env = validateEnvironment({ QUEUE_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://u@h/db' });
    expect(env).toMatchObject({ QUEUE_URL: 'redis://127.0.0.1:6379', QUEUE_NAME: 'grading' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ QUEUE_URL: 'http://127.0.0.1:6379' }, 'QUEUE_URL'],
    [{ CODE_RUNS_PER_MINUTE: '0' }, 'CODE_RUNS_PER_MINUTE'],
    [{ CODE_RUNS_PER_MINUTE: 'lots' }, 'CODE_RUNS_PER_MINUTE'],
    [{ REGISTRATIONS_PER_HOUR_PER_IP: '0' }, 'REGISTRATIONS_PER_HOUR_PER_IP'],
    [{ REGISTRATIONS_PER_HOUR_PER_IP: 'many' }, 'REGISTRATIONS_PER_HOUR_PER_IP'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'loopback, proxy.example.org' }, 'TRUST_PROXY'],
    [{ GRADER_REQUIRE_WALLS: 'yes' }, 'GRADER_REQUIRE_WALLS'],
    [{ PASSWORD_HASHES_AT_ONCE: '-1' }, 'PASSWORD_HASHES_AT_ONCE'],
    [{ PASSWORD_HASHES_AT_ONCE: 'two' }, 'PASSWORD_HASHES_AT_ONCE'],
  ])('rejects %j with one line naming %s', (raw, key) => {
    expect(() => validateEnvironment(raw)).toThrow(ConfigError);
    try {
      validateEnvironment(raw);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain(key);
      expect(message).not.toContain('\n');
    }
  });
});

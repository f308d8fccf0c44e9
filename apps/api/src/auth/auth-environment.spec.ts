import { ConfigError, validateEnvironment } from '../config/environment.js';

describe('auth settings of validateEnvironment', () => {
  it('defaults to bcrypt cost 10, insecure cookie, no secret and no configured admin', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({ BCRYPT_COST: 10, COOKIE_SECURE: false });
    expect(env.JWT_SECRET).toBeUndefined();
    expect(env.ADMIN_EMAIL).toBeUndefined();
  });

  it('reads COOKIE_SECURE=true, BCRYPT_COST and the admin pair', () => {
    const env = validateEnvironment({ COOKIE_SECURE: 'TRUE', BCRYPT_COST: '12', ADMIN_EMAIL: 'a@b.org', ADMIN_PASSWORD: 'longenough' });
    expect(env).toMatchObject({ COOKIE_SECURE: true, BCRYPT_COST: 12, ADMIN_EMAIL: 'a@b.org' });
  });

  it.each([
    [{ COOKIE_SECURE: 'yes' }, 'COOKIE_SECURE'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ ADMIN_PASSWORD: 'longenough' }, 'ADMIN_EMAIL'],
    [{ ADMIN_EMAIL: 'a@b.org' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_EMAIL: 'a@b.org', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    [{ BCRYPT_COST: '3' }, 'BCRYPT_COST'],
  ])('refuses %j naming %s', (raw, key) => {
    expect(() => validateEnvironment(raw)).toThrow(ConfigError);
    expect(() => validateEnvironment(raw)).toThrow(new RegExp(`^Invalid configuration: ${key}=`));
  });
});

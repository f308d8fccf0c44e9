import { ConfigError, validateEnvironment } from '@app/config';

describe('auth settings of validateEnvironment', () => {
  it('defaults to scrypt cost 15 (N = 2^15), insecure cookie, no secret and no configured admin', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({ SCRYPT_COST: 15, COOKIE_SECURE: false });
    expect(env.JWT_SECRET).toBeUndefined();
    expect(env.ADMIN_EMAIL).toBeUndefined();
  });

  it('reads COOKIE_SECURE=true, SCRYPT_COST and the admin pair', () => {
    const env = validateEnvironment({ COOKIE_SECURE: 'TRUE', SCRYPT_COST: '12', ADMIN_EMAIL: 'a@b.org', ADMIN_PASSWORD: 'longenough' });
    expect(env).toMatchObject({ COOKIE_SECURE: true, SCRYPT_COST: 12, ADMIN_EMAIL: 'a@b.org' });
  });

  it.each([
    [{ COOKIE_SECURE: 'yes' }, 'COOKIE_SECURE'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ ADMIN_PASSWORD: 'longenough' }, 'ADMIN_EMAIL'],
    [{ ADMIN_EMAIL: 'a@b.org' }, 'ADMIN_PASSWORD'],
    [{ ADMIN_EMAIL: 'a@b.org', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
    [{ SCRYPT_COST: '9' }, 'SCRYPT_COST'],
    [{ SCRYPT_COST: '21' }, 'SCRYPT_COST'],
  ])('refuses %j naming %s', (raw, key) => {
    expect(() => validateEnvironment(raw)).toThrow(ConfigError);
    expect(() => validateEnvironment(raw)).toThrow(new RegExp(`^Invalid configuration: ${key}=`));
  });
});

import { describeDatabase, resolveDatabaseConfig } from './database-config.js';
import { DatabaseStartupError } from './database-startup.error.js';

describe(resolveDatabaseConfig.name, () => {
  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const config = resolveDatabaseConfig({ DATABASE_URL: 'postgres://app:s3cret@db.example:6543/quiz' });
    expect(config).toMatchObject({ kind: 'postgres', url: 'postgres://app:s3cret@db.example:6543/quiz' });
    expect(describeDatabase(config)).toBe('PostgreSQL at db.example:6543/quiz');
  });

  it('falls back to PGlite under ./.data, resolved from the working directory', () => {
    expect(resolveDatabaseConfig({}, '/srv/app')).toEqual({
      kind: 'embedded',
      dataDir: '/srv/app/.data',
      pgliteDir: '/srv/app/.data/pglite',
    });
  });

  it('treats an empty DATABASE_URL as unset and honours DATA_DIR', () => {
    const config = resolveDatabaseConfig({ DATABASE_URL: '  ', DATA_DIR: 'var/db' }, '/srv/app');
    expect(config).toMatchObject({ kind: 'embedded', pgliteDir: '/srv/app/var/db/pglite' });
  });

  it('rejects a URL of another database in one line without echoing the password', () => {
    const attempt = () => resolveDatabaseConfig({ DATABASE_URL: 'mysql://root:hunter2@host/db' });
    expect(attempt).toThrow(DatabaseStartupError);
    expect(attempt).toThrow(/^DATABASE_URL must start with postgres:\/\/ or postgresql:\/\/, got mysql:\/\/$/);
  });

  it('rejects text that is not a URL', () => {
    expect(() => resolveDatabaseConfig({ DATABASE_URL: 'localhost:5432' })).toThrow(/not a valid URL|must start with/);
  });
});

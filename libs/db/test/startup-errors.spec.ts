import { spawnSync } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { createAdapter, DatabaseStartupError, resolveDatabaseConfig } from '../src/index.js';

describe('database start-up errors', () => {
  it('names host:port when PostgreSQL refuses the connection, without the password', async () => {
    const db = createAdapter(resolveDatabaseConfig({ DATABASE_URL: 'postgres://app:hunter2@127.0.0.1:1/quiz' }));
    const error = await db.open().catch((e: unknown) => e);
    await db.close();
    expect(error).toBeInstanceOf(DatabaseStartupError);
    expect((error as Error).message).toBe(
      'Cannot connect to PostgreSQL at 127.0.0.1:1/quiz (DATABASE_URL): connect ECONNREFUSED 127.0.0.1:1',
    );
  });

  describe('a server that accepts TCP but never answers', () => {
    let server: Server;
    const sockets: Socket[] = [];
    beforeAll(async () => {
      server = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    });

    it('gives up within 10 s with one line', async () => {
      const { port } = server.address() as { port: number };
      const db = createAdapter(resolveDatabaseConfig({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/quiz` }));
      const started = Date.now();
      const error = await db.open().catch((e: unknown) => e);
      await db.close();
      expect(Date.now() - started).toBeLessThan(10_000);
      expect((error as Error).message).toBe(
        `Cannot connect to PostgreSQL at 127.0.0.1:${port}/quiz (DATABASE_URL): connection timed out`,
      );
    });
  });

  it('db:migrate prints one line and exits 1 on an unreachable DATABASE_URL', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'libs/db/src/cli/db-migrate.ts'], {
      env: { ...process.env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/quiz' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'Cannot connect to PostgreSQL at 127.0.0.1:1/quiz (DATABASE_URL): connect ECONNREFUSED 127.0.0.1:1',
    ]);
  });

  it('names a DATA_DIR that cannot be written', async () => {
    const db = createAdapter(resolveDatabaseConfig({ DATA_DIR: '/proc/pyquiz-data' }));
    await expect(db.open()).rejects.toThrow(/^DATA_DIR \/proc\/pyquiz-data is not writable: /);
    await db.close();
  });
});

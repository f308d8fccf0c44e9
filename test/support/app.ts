import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { PrismaService } from '../../libs/db/src/index.js';
import { createApp } from '../../apps/api/src/bootstrap.js';
import { validateEnvironment, type Environment } from '../../libs/config/src/index.js';
import { createTestDatabase } from './db/index.js';

export interface TestApp {
  app: NestExpressApplication;
  /** supertest bound to the app's server: `http.get('/api/quizzes')`. */
  http: ReturnType<typeof request>;
  env: Environment;
  /** The app's own Prisma client (same database). */
  prisma: PrismaService;
  close(): Promise<void>;
}

/**
 * A new account through the API, promoted in the database when `role` is not learner (no page
 * or route makes instructors in a test). Returns its bearer header and id.
 */
export async function registerUser(t: TestApp, email: string, displayName: string, role: 'learner' | 'instructor' = 'learner'): Promise<{ auth: string; id: string }> {
  const response = await t.http.post('/api/auth/register').send({ email, password: 'a-password-123', displayName }).expect(201);
  const id = response.body.user.id as string;
  if (role !== 'learner') await t.prisma.user.update({ where: { id }, data: { role } });
  return { auth: `Bearer ${response.body.accessToken}`, id };
}

/**
 * Boots the real app (real grader pool, the real `exercises/` catalogue) on a migrated database
 * of its own: a copy of the run's template on PostgreSQL, or a PGlite folder when no server answers.
 * `overrides` are raw environment values, validated like the real environment.
 */
export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const dataDir = await mkdtemp(join(tmpdir(), 'pyquiz-app-'));
  let database: Record<string, string>;
  if (db.backend === 'postgres') {
    database = { DATABASE_URL: db.url! };
  } else {
    // PGlite allows one connection: hand the folder over to the app.
    await db.adapter.close();
    database = { DATA_DIR: (db.config as { dataDir: string }).dataDir };
  }
  const env = validateEnvironment({
    LOG_LEVEL: 'warn',
    GRADER_WORKERS: '1',
    DATA_DIR: dataDir,
    ADMIN_EMAIL: 'admin@example.org',
    ADMIN_PASSWORD: 'admin-password-for-tests',
    // Every test registers its learners from 127.0.0.1; the throttle has a spec of its own.
    REGISTRATIONS_PER_HOUR_PER_IP: '100000',
    LOGINS_PER_MINUTE_PER_IP: '100000',
    ATTEMPT_STARTS_PER_HOUR: '100000',
    ...database,
    ...overrides,
  });
  const app = await createApp(env);
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    env,
    prisma: app.get(PrismaService),
    async close() {
      await app.close();
      await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

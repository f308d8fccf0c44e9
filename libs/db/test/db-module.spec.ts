import { Test } from '@nestjs/testing';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db/index.js';
import { DatabaseStartupError, DbModule, PrismaService, resolveDatabaseConfig } from '../src/index.js';

describe(DbModule.name, () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    await db.prisma.$disconnect(); // PGlite serves one connection: hand the database to the module
    await db.adapter.close();
  });
  afterAll(() => db.drop());

  it('gives a migrated, connected PrismaService and closes it with the app', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [DbModule.forRoot(db.config)] }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();
    const prisma = app.get(PrismaService);
    await expect(prisma.ping()).resolves.toMatchObject({ ready: true, backend: db.config.kind });
    expect(await prisma.user.count()).toBe(0);
    await app.close();
    await expect(prisma.ping()).resolves.toMatchObject({ ready: false });
  });

  it('fails app.init() with the one-line DatabaseStartupError when the database is unreachable', async () => {
    const config = resolveDatabaseConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/quiz' });
    const moduleRef = await Test.createTestingModule({
      imports: [DbModule.forRootAsync({ useFactory: () => config })],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    const error = await app.init().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseStartupError);
    expect((error as Error).message).toMatch(/^Cannot connect to PostgreSQL at 127\.0\.0\.1:1\/quiz/);
    await app.close();
  });
});

// node --import tsx test/reliability/support/disk-full-panic-worker.ts <tmpfs dir>
// Makes PostgreSQL PANIC inside PGlite on a full disk, through Prisma as the app does: the
// write reserve is off (writeReserveBytes 0), the disk is filled to a few KB, and rows are updated
// in place until the WAL needs a new 16 MB segment that does not fit. Then: do later queries fail
// fast (PGlite 0.4.3 alone would spin forever on the next one), does the database come back once
// space is freed, and does it still hold every acknowledged update? Prints one JSON line.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createAdapter, PrismaClient, resolveDatabaseConfig } from '../../../libs/db/src/index.js';
import { fillDisk, releaseDisk } from './tmpfs.js';

const ROWS = 100;
const SIZE = 1800;
const dir = process.argv[2];
const config = { ...resolveDatabaseConfig({ DATA_DIR: join(dir, 'panic') }), writeReserveBytes: 0 };

function describe(error: unknown): { code?: string; severity?: string; message: string } {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; severity?: string; originalMessage?: string } } } }).meta?.driverAdapterError?.cause;
  return { code: cause?.originalCode, severity: cause?.severity, message: cause?.originalMessage ?? String((error as Error).message).split('\n').pop()! };
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; ok: boolean; error?: ReturnType<typeof describe> }> {
  const started = Date.now();
  try {
    await run();
    return { ms: Date.now() - started, ok: true };
  } catch (error) {
    return { ms: Date.now() - started, ok: false, error: describe(error) };
  }
}

async function main(): Promise<void> {
  const db = createAdapter(config);
  const prisma = new PrismaClient({ adapter: db.factory });
  await db.open();
  await prisma.$executeRawUnsafe('CREATE TABLE t (id int PRIMARY KEY, v text) WITH (fillfactor = 50)');
  // rows at their final size already, two to a page: each update fits in its page, only the WAL grows
  await prisma.$executeRawUnsafe(`INSERT INTO t SELECT g, rpad('start', ${SIZE}, 'x') FROM generate_series(1, ${ROWS}) g`);
  fillDisk(dir, 16 * 1024);
  const started = Date.now();
  // one row at a time, with new random content (PostgreSQL logs only the changed middle of a
  // row): about 2 KB of WAL per statement, each acknowledged when it returns
  const acknowledged = new Map<number, string>();
  let failure: ReturnType<typeof describe> | undefined;
  let failed: { id: number; value: string } | undefined;
  let writes = 0;
  let refusedBeforeFailure = 0; // "could not extend file": an ERROR, the database goes on
  for (let i = 0; !failure && i < 100_000; i++) {
    const id = 1 + (i % ROWS);
    const value = randomBytes(SIZE / 2).toString('hex');
    try {
      await prisma.$executeRawUnsafe('UPDATE t SET v = $1 WHERE id = $2', value, id);
      acknowledged.set(id, value);
      writes++;
    } catch (error) {
      const seen = describe(error);
      if (seen.severity === 'ERROR' && seen.code === '53100') refusedBeforeFailure++;
      else [failure, failed] = [seen, { id, value }];
    }
  }
  const failedAfterMs = Date.now() - started;
  // still full: each must fail quickly (no spin), with 57P03 once the instance is dead
  const whileFull = [await timed(() => prisma.$queryRawUnsafe('SELECT count(*) FROM t')), await timed(() => prisma.$executeRawUnsafe("UPDATE t SET v = 'x' WHERE id = 1"))];
  releaseDisk(dir);
  const freed = Date.now();
  let back = await timed(() => prisma.$queryRawUnsafe('SELECT 1'));
  while (!back.ok && Date.now() - freed < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    back = await timed(() => prisma.$queryRawUnsafe('SELECT 1'));
  }
  const recoveredMs = Date.now() - freed;
  const writeAfter = await timed(() => prisma.$executeRawUnsafe("INSERT INTO t VALUES (0, 'after')"));
  await prisma.$disconnect();
  await db.close();

  // the "restart": a new adapter on the same folder, then compare with what was acknowledged
  const again = createAdapter(config);
  const reader = new PrismaClient({ adapter: again.factory });
  const stored = await reader.$queryRawUnsafe<{ id: number; v: string }[]>('SELECT id, v FROM t ORDER BY id');
  await reader.$disconnect();
  await again.close();
  // every row holds its last acknowledged value; the failed one may hold either of its two
  const start = 'start'.padEnd(SIZE, 'x');
  const wrong = stored.filter((row) => row.id > 0 && row.v !== (acknowledged.get(row.id) ?? start) && !(row.id === failed?.id && row.v === failed.value));
  const lost = wrong.length + ROWS - stored.filter((row) => row.id > 0).length;
  console.log(JSON.stringify({ failure, failedAfterMs, acknowledgedStatements: writes, refusedBeforeFailure, whileFull, recovered: back.ok, recoveredMs, writeAfter, rows: stored.length, lost }));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

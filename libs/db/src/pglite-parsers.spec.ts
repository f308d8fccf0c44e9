import { PGlite } from '@electric-sql/pglite';
import { keepUsedParsers } from './pglite-parsers.js';

const ROW = `SELECT ARRAY['a', 'b,c']::text[] AS texts, ARRAY[1, 2]::int4[] AS ints, ARRAY[2.5]::float8[] AS floats,
  ARRAY[true]::bool[] AS flags, ARRAY['6f1c7c4e-3b0a-4c7e-9d8a-1f2e3d4c5b6a']::uuid[] AS ids,
  ARRAY['passed', 'failed']::"TestStatus"[] AS statuses, 42::int4 AS n, 'plain' AS word, '{"x": 1}'::jsonb AS doc,
  '2026-12-06 02:00:00+00'::timestamptz AS at`;

describe(keepUsedParsers.name, () => {
  let pg: PGlite;

  beforeAll(async () => {
    pg = await PGlite.create();
    await pg.exec(`CREATE TYPE "TestStatus" AS ENUM ('passed', 'failed')`);
    await pg.refreshArrayTypes(); // as after a restart on a migrated database
  }, 60_000);

  afterAll(() => pg.close());

  it('reads every type this app stores exactly as before, arrays of its own enums included', async () => {
    const before = (await pg.query(ROW)).rows[0];
    const tableBefore = Object.keys(pg.parsers).length;
    keepUsedParsers(pg);
    const after = (await pg.query(ROW)).rows[0];
    expect(after).toEqual(before);
    expect(after).toMatchObject({ texts: ['a', 'b,c'], ints: [1, 2], statuses: ['passed', 'failed'], doc: { x: 1 } });
    // What it is for: PGlite copies this table for every statement it answers.
    expect(Object.keys(pg.parsers).length).toBeLessThan(tableBefore / 4);
  });
});

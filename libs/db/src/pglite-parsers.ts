import { types, type PGlite } from '@electric-sql/pglite';

/**
 * Arrays of built-in types a statement of this app can return, by PostgreSQL's fixed type OIDs:
 * bool, bytea, char, name, int2, int4, text, bpchar, varchar, int8, float4, float8, oid,
 * timestamp, date, time, timestamptz, interval, numeric, timetz, uuid, json, jsonb.
 */
const BUILT_IN_ARRAYS = new Set([1000, 1001, 1002, 1003, 1005, 1007, 1009, 1014, 1015, 1016, 1021, 1022, 1028, 1115, 1182, 1183, 1185, 1187, 1231, 1270, 2951, 199, 3807]);

/** Types created in the database (this app's enums and their arrays) have OIDs from here on. */
const FIRST_USER_OID = 16384;

/**
 * Keeps the parsers of scalar types, of the arrays above and of the database's own types, and
 * drops the array parsers of the ~270 other built-in types (geometry, network, catalog, range
 * types...) that PGlite registers at start. PGlite copies its whole parser table into a new object
 * for every statement (`{...this.parsers, ...options.parsers}` in parseResults): with 316 entries
 * that copy was ~0.35 ms of the event loop per statement, over 3 ms per submission, more than
 * Prisma's whole share. An array of a dropped type would be read as its text ('{a,b}'); no
 * statement of this app returns one.
 */
export function keepUsedParsers(pg: PGlite): void {
  const used = Object.entries(pg.parsers).filter(([key]) => key in types.parsers || BUILT_IN_ARRAYS.has(Number(key)) || Number(key) >= FIRST_USER_OID);
  pg.parsers = Object.fromEntries(used);
}

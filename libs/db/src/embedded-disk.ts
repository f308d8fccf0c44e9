import { existsSync, statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { messages } from '@electric-sql/pglite';

/** PostgreSQL's SQLSTATE for a full disk; the API answers it with 507. */
export const DISK_FULL = '53100';

/**
 * Below this much free space in DATA_DIR the embedded database refuses changes (and will not
 * start). PostgreSQL writes its log (WAL) in 16 MiB segment files and must create the next one
 * when a commit fills the current one; if the disk cannot hold it, PostgreSQL PANICs and the whole
 * database stops. Refusing changes while two segments still fit keeps it up and readable.
 */
export const DEFAULT_WRITE_RESERVE_BYTES = 32 * 1024 * 1024;

/** Bytes an unprivileged process can still write where `dir` lives (its nearest existing parent). */
export function freeBytes(dir: string): number {
  let existing = resolve(dir);
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const { bavail, bsize } = statfsSync(existing);
  return bavail * bsize;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.floor(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** "DATA_DIR x has no space left on device (ENOSPC): 16 KB free, ..." for logs and start-up errors. */
export function noSpaceMessage(dataDir: string, free: number, reserve: number, needFor: string): string {
  return `DATA_DIR ${dataDir} has no space left on device (ENOSPC): ${formatBytes(free)} free, ${needFor} needs at least ${formatBytes(reserve)} free`;
}

const READ_ONLY = /^\s*(select|show|begin|commit|rollback|start\s+transaction|set|values|explain|savepoint|release)\b/i;
const ROW_LOCK = /\bfor\s+(update|no\s+key\s+update|share|key\s+share)\b/i;

/** Our SQL functions that write although they are called by a SELECT (see their migrations). */
const WRITING_FUNCTIONS = /\bcreate_pending_submission\s*\(/i;

/** Whether a statement may write (anything not plainly a read counts: refusing too much is safe). */
export function mayWrite(sql: string): boolean {
  return !READ_ONLY.test(sql) || ROW_LOCK.test(sql) || WRITING_FUNCTIONS.test(sql);
}

/**
 * An error shaped like one PostgreSQL sent, so the Prisma adapter converts it like any other
 * (its SQLSTATE reaches the API's exception filter).
 */
export function postgresError(code: string, message: string, severity = 'ERROR'): messages.DatabaseError {
  const error = new messages.DatabaseError(message, message.length, 'error');
  error.code = code;
  error.severity = severity;
  return error;
}

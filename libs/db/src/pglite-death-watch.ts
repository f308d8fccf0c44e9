import type { PGlite } from '@electric-sql/pglite';
import { firstLine } from './database-startup.error.js';

/** SQLSTATE "cannot connect now" (PostgreSQL recovering after a crash); the API answers 503. */
export const CANNOT_CONNECT_NOW = '57P03';

export interface DeathWatch {
  /** Why the instance died (its PANIC or FATAL message), or undefined while it is alive. */
  readonly reason: string | undefined;
}

/**
 * When PostgreSQL PANICs (e.g. its WAL cannot grow on a full disk) or ends its backend (FATAL),
 * PGlite 0.4.3 still returns that error, but the next statement sent to it spins forever at 100%
 * CPU inside `execProtocolRawSync`, blocking Node's event loop: no request, no timer, no signal
 * handler runs again (observed here; electric-sql/pglite#1058). So the first such error marks the
 * instance dead, and every later statement is refused before it reaches the wasm code.
 *
 * Patches the instance's own methods: every statement (inside a transaction or not) passes through
 * `_runExclusiveQuery`, and every backend error is thrown by `execProtocolStream`/`execProtocol`.
 */
export function watchForDeath(pg: PGlite, onDeath: (reason: string) => void, gone: (reason: string) => Error): DeathWatch {
  const watch: { reason: string | undefined } = { reason: undefined };
  const noticeDeath = (error: unknown) => {
    const severity = (error as { severity?: unknown } | null)?.severity;
    if (watch.reason === undefined && (severity === 'PANIC' || severity === 'FATAL')) {
      watch.reason = `${severity}: ${firstLine(error)}`;
      onDeath(watch.reason);
    }
  };
  const stream = pg.execProtocolStream.bind(pg);
  pg.execProtocolStream = (message, options) => stream(message, options).catch((error: unknown) => {
    noticeDeath(error);
    throw error;
  });
  const exec = pg.execProtocol.bind(pg);
  pg.execProtocol = (message, options) => exec(message, options).catch((error: unknown) => {
    noticeDeath(error);
    throw error;
  });
  const exclusive = pg._runExclusiveQuery.bind(pg);
  pg._runExclusiveQuery = <T>(fn: () => Promise<T>): Promise<T> =>
    watch.reason === undefined ? exclusive(fn) : Promise.reject(gone(watch.reason));
  return watch;
}

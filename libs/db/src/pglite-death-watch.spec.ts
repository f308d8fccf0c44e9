import type { PGlite } from '@electric-sql/pglite';
import { watchForDeath } from './pglite-death-watch.js';

/** The three PGlite methods the watch patches, with a backend that answers `next` once. */
function fakePGlite(next: () => Promise<unknown>) {
  const calls: string[] = [];
  const pg = {
    execProtocolStream: () => next(),
    execProtocol: () => next(),
    _runExclusiveQuery: <T>(fn: () => Promise<T>) => {
      calls.push('statement');
      return fn();
    },
  };
  return { pg: pg as unknown as PGlite, calls };
}

const backendError = (severity: string) => Object.assign(new Error('could not write to file "pg_wal/xlogtemp.42": No space left on device'), { severity, code: '53100' });
const gone = (reason: string) => new Error(`gone: ${reason}`);

describe(watchForDeath.name, () => {
  it('passes the PANIC to its caller, then refuses every later statement without reaching the instance', async () => {
    const { pg, calls } = fakePGlite(() => Promise.reject(backendError('PANIC')));
    const deaths: string[] = [];
    const watch = watchForDeath(pg, (reason) => deaths.push(reason), gone);
    await expect(pg._runExclusiveQuery(() => pg.execProtocolStream(new Uint8Array(), {}))).rejects.toMatchObject({ severity: 'PANIC' });
    expect(watch.reason).toBe('PANIC: could not write to file "pg_wal/xlogtemp.42": No space left on device');
    await expect(pg._runExclusiveQuery(async () => 'never')).rejects.toThrow(/^gone: PANIC: could not write/);
    expect(calls).toEqual(['statement']);
    expect(deaths).toHaveLength(1);
  });

  it('keeps an instance whose statement failed with a plain ERROR', async () => {
    const { pg } = fakePGlite(() => Promise.reject(backendError('ERROR')));
    const watch = watchForDeath(pg, () => undefined, gone);
    await expect(pg._runExclusiveQuery(() => pg.execProtocol(new Uint8Array(), {}))).rejects.toMatchObject({ severity: 'ERROR' });
    expect(watch.reason).toBeUndefined();
    await expect(pg._runExclusiveQuery(async () => 'next')).resolves.toBe('next');
  });
});

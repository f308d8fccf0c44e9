import { ConfigError } from '@app/config';
import { IN_FLIGHT_PER_WORKER } from '@app/grading';
import { loadGraderConfig } from './grader-env.js';

const BASE = { QUEUE_URL: 'redis://127.0.0.1:6379', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/pyquiz' };

describe(loadGraderConfig.name, () => {
  it('holds several jobs per interpreter by default, as the in-process path does', () => {
    const config = loadGraderConfig({ ...BASE, GRADER_WORKERS: '2' });
    expect(config).toMatchObject({ workers: 2, inFlight: IN_FLIGHT_PER_WORKER, concurrency: 2 * IN_FLIGHT_PER_WORKER });
    expect(IN_FLIGHT_PER_WORKER).toBeGreaterThan(1);
  });

  it('takes GRADER_IN_FLIGHT jobs per interpreter: BullMQ concurrency = workers × in flight', () => {
    expect(loadGraderConfig({ ...BASE, GRADER_WORKERS: '3', GRADER_IN_FLIGHT: '2' })).toMatchObject({ workers: 3, inFlight: 2, concurrency: 6 });
    expect(loadGraderConfig({ ...BASE, GRADER_WORKERS: '1', GRADER_IN_FLIGHT: '1' })).toMatchObject({ concurrency: 1 });
  });

  it.each([
    [{ GRADER_IN_FLIGHT: '0' }, 'GRADER_IN_FLIGHT'],
    [{ GRADER_IN_FLIGHT: '17' }, 'GRADER_IN_FLIGHT'],
    [{ GRADER_IN_FLIGHT: 'four' }, 'GRADER_IN_FLIGHT'],
    [{ GRADER_IN_FLIGHT: '1.5' }, 'GRADER_IN_FLIGHT'],
    [{ GRADER_LOCK_MS: '999' }, 'GRADER_LOCK_MS'],
    [{ QUEUE_URL: '' }, 'QUEUE_URL'],
    [{ DATABASE_URL: '' }, 'DATABASE_URL'],
  ])('refuses %j in one line naming %s', (raw, key) => {
    expect(() => loadGraderConfig({ ...BASE, ...raw })).toThrow(ConfigError);
    expect(() => loadGraderConfig({ ...BASE, ...raw })).toThrow(new RegExp(`^Invalid configuration: ${key}`));
  });
});

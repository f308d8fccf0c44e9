import type { QueueFigures } from './grading-queue.client.js';
import { queueHealth } from './queue-health.js';

const figures: QueueFigures = { name: 'grading', connected: true, depth: 12, active: 3, delayed: 1, failed: 0, graders: 2, graderSlots: 4, jobsPerSecond: 55.5 };

describe(queueHealth.name, () => {
  it('is up with graders connected, showing depth, slots, graders and rate as worker figures', () => {
    expect(queueHealth(figures)).toEqual({
      ready: true,
      mode: 'queue',
      workers: { ready: 4, size: 4, busy: 3, queued: 12, restarts: 0, graders: 2, jobsPerSecond: 55.5 },
      queue: figures,
    });
  });

  it('is down, saying why, when no grader listens or Redis does not answer', () => {
    expect(queueHealth({ ...figures, graders: 0, graderSlots: 0 })).toMatchObject({ ready: false, reason: 'no grader process is connected to the grading queue' });
    expect(queueHealth({ ...figures, connected: false, error: 'connect ECONNREFUSED' })).toMatchObject({
      ready: false,
      reason: 'grading queue unreachable: connect ECONNREFUSED',
    });
  });
});

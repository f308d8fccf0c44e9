import { GradingQueueClient } from '../../apps/api/src/grading/queue/grading-queue.client.js';
import { queueHealth } from '../../apps/api/src/grading/queue/queue-health.js';

// Nothing listens on port 1: the figures must say so within seconds, not hang or show stale data.
describe('grading queue client with Redis unreachable', () => {
  it('reports the queue unreachable instead of waiting for a reconnect', async () => {
    const client = GradingQueueClient.open('redis://127.0.0.1:1', 'unreachable');
    try {
      const figures = await client.refresh();
      expect(figures).toMatchObject({ connected: false, graders: 0 });
      expect(queueHealth(figures)).toMatchObject({ ready: false, reason: expect.stringMatching(/^grading queue unreachable: /) });
    } finally {
      await client.close();
    }
  }, 15_000);
});

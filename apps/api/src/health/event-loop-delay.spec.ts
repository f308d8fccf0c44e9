import { EventLoopDelay } from './event-loop-delay.js';

describe(EventLoopDelay.name, () => {
  it('reports a loop held by synchronous work as delay', async () => {
    const monitor = new EventLoopDelay();
    try {
      await new Promise((done) => setTimeout(done, 50));
      const held = Date.now();
      while (Date.now() - held < 300) {
        // the API blocked by synchronous work (what bcryptjs on the main thread used to do)
      }
      await new Promise((done) => setTimeout(done, 50));
      const figures = monitor.figures();
      expect(figures.max).toBeGreaterThanOrEqual(250);
      expect(figures.max).toBeLessThan(10_000);
      expect(figures.p50).toBeLessThanOrEqual(figures.p99);
      expect(figures).toMatchObject({ window: 0, windowSeconds: 10 }); // no window has ended yet
    } finally {
      monitor.onModuleDestroy();
    }
  });
});

import { GradingLane } from './grading-lane.js';

/** A grading that runs until `finish()` is called, recording when it started. */
function gate(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { run: async () => (log.push(`start ${name}`), await done, log.push(`end ${name}`)), finish };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe(GradingLane.name, () => {
  it('runs gradings together, but one asked alone only once the engine is empty, and holds back those after it', async () => {
    const lane = new GradingLane();
    const log: string[] = [];
    const [a, b, suspect, c] = ['a', 'b', 'suspect', 'c'].map((name) => gate(log, name));
    const running = [lane.run(false, a!.run), lane.run(false, b!.run), lane.run(true, suspect!.run), lane.run(false, c!.run)];
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    expect(lane.figures()).toEqual({ running: 2, waiting: 2, alone: false });

    a!.finish();
    await tick();
    expect(log).toEqual(['start a', 'start b', 'end a']); // b still in the engine: the suspect waits, and c behind it
    b!.finish();
    await tick();
    expect(log.slice(3)).toEqual(['end b', 'start suspect']);
    expect(lane.figures()).toEqual({ running: 1, waiting: 1, alone: true });

    suspect!.finish();
    await tick();
    expect(log.slice(5)).toEqual(['end suspect', 'start c']);
    c!.finish();
    await Promise.all(running);
    expect(lane.figures()).toEqual({ running: 0, waiting: 0, alone: false });
  });

  it('lets the next grading in when one fails', async () => {
    const lane = new GradingLane();
    await expect(lane.run(true, () => Promise.reject(new Error('sandbox lost')))).rejects.toThrow('sandbox lost');
    await expect(lane.run(true, async () => 'graded')).resolves.toBe('graded');
    expect(lane.figures()).toEqual({ running: 0, waiting: 0, alone: false });
  });
});

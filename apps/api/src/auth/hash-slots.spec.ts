import { availableParallelism } from 'node:os';
import { HashSlots, hashesAtOnce } from './hash-slots.js';

/** A task that records when it starts and finishes only when released. */
function gate(log: string[], name: string) {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { release, task: async () => { log.push(`start ${name}`); await done; log.push(`end ${name}`); return name; } };
}

describe(HashSlots.name, () => {
  it('runs at most `size` tasks at once and starts the others in arrival order', async () => {
    const slots = new HashSlots(1);
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((name) => gate(log, name));
    const results = [slots.run(a!.task), slots.run(b!.task), slots.run(c!.task)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['start a']);
    expect(slots.figures()).toEqual({ running: 1, waiting: 2 });
    a!.release();
    await results[0];
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['start a', 'end a', 'start b']);
    c!.release(); // c is done as soon as it runs, but it must wait for b first
    b!.release();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(slots.figures()).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when a task fails', async () => {
    const slots = new HashSlots(1);
    await expect(slots.run(async () => { throw new Error('broken'); })).rejects.toThrow('broken');
    await expect(slots.run(async () => 'next')).resolves.toBe('next');
    expect(slots.figures()).toEqual({ running: 0, waiting: 0 });
  });

  it('lets `size` tasks run together', async () => {
    const slots = new HashSlots(2);
    const log: string[] = [];
    const [a, b, c] = ['a', 'b', 'c'].map((name) => gate(log, name));
    const results = [slots.run(a!.task), slots.run(b!.task), slots.run(c!.task)];
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['start a', 'start b']);
    [a, b, c].forEach((g) => g!.release());
    await Promise.all(results);
  });

  it('takes PASSWORD_HASHES_AT_ONCE when set, else all cores but one (at least one)', () => {
    expect(hashesAtOnce(3)).toBe(3);
    expect(hashesAtOnce(0)).toBe(Math.max(1, availableParallelism() - 1));
  });
});

import { availableParallelism } from 'node:os';

/**
 * Password hashes computed at once by default (PASSWORD_HASHES_AT_ONCE = 0): one per core. Hashes
 * run in threads at a lower priority (scrypt-threads.ts), so the event loop and the grading
 * workers are served first whatever this number; more hashes than cores would only share the same
 * cores. (When scrypt ran in libuv's pool at full priority, the default was all cores but one, to
 * leave the event loop a core, and a class signed in on one core of two.)
 */
export function hashesAtOnce(configured: number): number {
  return configured > 0 ? configured : availableParallelism();
}

/** A FIFO semaphore: at most `size` tasks run at once, the others start in arrival order. */
export class HashSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) await new Promise<void>((start) => this.waiting.push(start));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next task: `running` stays the same
      else this.running--;
    }
  }

  /** Tasks running and waiting (figures for tests). */
  figures(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }
}

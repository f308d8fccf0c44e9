import { availableParallelism } from 'node:os';

/**
 * Password hashes computed at once by default (PASSWORD_HASHES_AT_ONCE = 0): all cores but one.
 * scrypt runs in libuv's thread pool (4 threads), so 4 logins at once took 4 threads' worth of
 * CPU; on two cores that left the event loop (every other request, /health, the grading pipeline)
 * a fraction of a core during a class's sign-in. Hashes beyond this wait their turn, first come
 * first served, and the rest of the app keeps a core.
 */
export function hashesAtOnce(configured: number): number {
  return configured > 0 ? configured : Math.max(1, availableParallelism() - 1);
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

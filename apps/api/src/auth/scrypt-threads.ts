import type { ScryptOptions } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { HashSlots } from './hash-slots.js';

/**
 * How much lower than the rest of the app the extra hash threads run (Linux nice value, per
 * thread). At 10 the scheduler gives a busy one about a tenth of what it gives the event loop or a
 * grading worker: a class signing in takes the spare cycles of every core, and yields them the
 * moment a request or a grading needs one. The first thread keeps the app's priority, so sign-ins
 * never wait on a machine whose other work (not the app's) keeps every core busy.
 */
export const HASH_THREAD_NICE = 10;

/**
 * The whole worker (CommonJS, evaluated): lower its own priority, then derive one key per message.
 * `os.setPriority(0, n)` changes only the calling thread on Linux; elsewhere it would change the
 * whole process, so it is applied on Linux only.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { scryptSync } = require('node:crypto');
if (workerData.nice > 0) {
  try { require('node:os').setPriority(0, workerData.nice); } catch {}
}
parentPort.on('message', ({ password, salt, length, options }) => {
  try {
    parentPort.postMessage({ key: scryptSync(password, salt, length, options) });
  } catch (error) {
    parentPort.postMessage({ error: String((error && error.message) || error) });
  }
});
`;

type Reply = { key: Uint8Array; error?: undefined } | { key?: undefined; error: string };

/**
 * scrypt in threads of its own, `size` at most at once (first come first served): one at the app's
 * priority, taken first, and the others lower (HASH_THREAD_NICE). node:crypto's async scrypt ran
 * in libuv's thread pool at the event loop's priority: on two cores, hashes had to be limited to
 * one at a time to leave the event loop a core, which left the second core idle whenever requests
 * and gradings did not need it. Threads start on first use and do not keep the process alive
 * while idle.
 */
export class ScryptThreads {
  private readonly slots: HashSlots;
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();
  /** The thread at the app's own priority, while it lives. */
  private normal?: Worker;

  constructor(
    size: number,
    private readonly nice = HASH_THREAD_NICE,
  ) {
    this.slots = new HashSlots(size);
  }

  /** The key, derived in one of the threads (same result as node:crypto's scrypt). */
  derive = (password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> =>
    this.slots.run(() => this.inThread(password, salt, length, options));

  /** Stops every thread (the app's shutdown); a later derive starts new ones. */
  async close(): Promise<void> {
    const workers = [...this.all];
    this.all.clear();
    this.idle.length = 0;
    this.normal = undefined;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  /** Tasks running and waiting, and threads started (figures for tests). */
  figures(): { running: number; waiting: number; threads: number } {
    return { ...this.slots.figures(), threads: this.all.size };
  }

  private inThread(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
    const worker = this.takeIdle() ?? this.start();
    worker.ref(); // a pending hash keeps the process alive, an idle thread does not
    return new Promise<Buffer>((resolve, reject) => {
      const done = (outcome: () => void) => {
        worker.off('message', onReply).off('error', onFailure).off('exit', onFailure);
        outcome();
      };
      const onReply = (reply: Reply) =>
        done(() => {
          worker.unref();
          this.idle.push(worker);
          if (reply.key) resolve(Buffer.from(reply.key.buffer, reply.key.byteOffset, reply.key.byteLength));
          else reject(new Error(reply.error));
        });
      // A thread that fails or exits is dropped; the next hash starts a new one.
      const onFailure = (error: unknown) =>
        done(() => {
          this.forget(worker);
          void worker.terminate();
          reject(error instanceof Error ? error : new Error(`password hash thread exited (${String(error)})`));
        });
      worker.on('message', onReply).on('error', onFailure).on('exit', onFailure);
      worker.postMessage({ password, salt, length, options });
    });
  }

  /** The full-priority thread when it is idle, else any idle one. */
  private takeIdle(): Worker | undefined {
    const at = this.normal ? this.idle.indexOf(this.normal) : -1;
    return at >= 0 ? this.idle.splice(at, 1)[0] : this.idle.pop();
  }

  private start(): Worker {
    const lower = this.normal !== undefined && process.platform === 'linux';
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { nice: lower ? this.nice : 0 } });
    this.normal ??= worker;
    worker.unref();
    this.all.add(worker);
    // An idle thread that dies is forgotten (a busy one is handled by its hash: onFailure).
    worker.on('error', () => undefined).on('exit', () => this.forget(worker));
    return worker;
  }

  private forget(worker: Worker): void {
    this.all.delete(worker);
    const at = this.idle.indexOf(worker);
    if (at >= 0) this.idle.splice(at, 1);
    if (this.normal === worker) this.normal = undefined;
  }
}

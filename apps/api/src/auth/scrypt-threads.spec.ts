import { randomBytes, scryptSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { HASH_THREAD_NICE, ScryptThreads } from './scrypt-threads.js';

const OPTIONS = { N: 1024, r: 8, p: 1 };

/** The nice value of each thread of this process (Linux: field 19 of /proc/self/task/<tid>/stat). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
  });
}

describe(ScryptThreads.name, () => {
  let threads: ScryptThreads;
  afterEach(() => threads.close());

  it('derives the same key as node:crypto scrypt', async () => {
    threads = new ScryptThreads(2);
    const salt = randomBytes(16);
    const key = await threads.derive('correct horse battery', salt, 64, OPTIONS);
    expect(Buffer.isBuffer(key)).toBe(true);
    expect(key.equals(scryptSync('correct horse battery', salt, 64, OPTIONS))).toBe(true);
  });

  it('runs at most `size` hashes at once in as many threads, the others waiting their turn', async () => {
    threads = new ScryptThreads(2);
    const salt = randomBytes(16);
    const hashes = Array.from({ length: 5 }, (_, i) => threads.derive(`password ${i}`, salt, 32, OPTIONS));
    expect(threads.figures()).toMatchObject({ running: 2, waiting: 3 });
    const keys = await Promise.all(hashes);
    keys.forEach((key, i) => expect(key.equals(scryptSync(`password ${i}`, salt, 32, OPTIONS))).toBe(true));
    expect(threads.figures()).toEqual({ running: 0, waiting: 0, threads: 2 });
  });

  (process.platform === 'linux' ? it : it.skip)('hashes in one thread at the app\'s priority and the others lower, the rest of the process as it was', async () => {
    const lowered = () => threadNiceValues().filter((nice) => nice === HASH_THREAD_NICE).length;
    const before = threadNiceValues();
    threads = new ScryptThreads(3);
    await threads.derive('password', randomBytes(16), 32, OPTIONS);
    expect(lowered()).toBe(before.filter((nice) => nice === HASH_THREAD_NICE).length); // one at a time: the full-priority thread
    await Promise.all([1, 2, 3].map((i) => threads.derive(`password ${i}`, randomBytes(16), 32, OPTIONS)));
    expect(threads.figures().threads).toBe(3);
    expect(lowered()).toBe(before.filter((nice) => nice === HASH_THREAD_NICE).length + 2);
    expect(threadNiceValues().filter((nice) => nice !== HASH_THREAD_NICE).every((nice) => nice === before[0])).toBe(true);
  });

  it('rejects a hash scrypt refuses, and the next one still works', async () => {
    threads = new ScryptThreads(1);
    const salt = randomBytes(16);
    await expect(threads.derive('password', salt, 32, { ...OPTIONS, maxmem: 1024 })).rejects.toThrow(/memory/i);
    expect((await threads.derive('password', salt, 32, OPTIONS)).equals(scryptSync('password', salt, 32, OPTIONS))).toBe(true);
  });
});

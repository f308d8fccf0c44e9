// A job's progress, shared between a Python worker and the sandbox's main thread instead of two
// messages per test: which step runs (0 = importing the submission, i + 1 = test i) and since
// when, and the outcome of every finished step. The main thread reads it when its watchdog
// timer fires (per-test wall time), when the worker says the job is done, and when the worker
// died or was terminated mid-job (the outcomes of finished tests survive it).
//
// The worker runs learner code, so everything in this buffer is untrusted data for the main
// thread: offsets, lengths and step numbers are checked, a record that does not parse is
// ignored (its test is then run again or ends in an error verdict), and nothing here can name
// another job: each worker has its own buffer.
import { Buffer } from 'node:buffer';

export const IDLE = -1;
const STEP = 0; // Int32: the running step, or IDLE
const SEQ = 1; // Int32: incremented when a step starts
const COUNT = 2; // Int32: outcome records written
const USED = 3; // Int32: bytes of outcome records written
const HEADER_BYTES = 32; // 4 x Int32, then the Float64 start time of the step at byte 16
const RECORD_HEADER = 8; // Int32 step, Int32 byte length, then the UTF-8 outcome JSON
const OUTCOME_BYTES = 256 * 1024; // an outcome that does not fit goes by message instead

/** Wall-clock milliseconds with sub-millisecond precision, comparable across threads. */
export const now = () => performance.timeOrigin + performance.now();

export function createProgressBuffer() {
  return new SharedArrayBuffer(HEADER_BYTES + OUTCOME_BYTES);
}

/** The worker's side. */
export class ProgressWriter {
  constructor(buffer) {
    this.ints = new Int32Array(buffer, 0, 4);
    this.start = new Float64Array(buffer, 16, 1);
    this.bytes = Buffer.from(buffer, HEADER_BYTES);
  }

  stepStarted(step) {
    this.start[0] = now();
    Atomics.store(this.ints, STEP, step);
    Atomics.add(this.ints, SEQ, 1);
  }

  /** Records the outcome of `step`; false when it does not fit (the caller sends a message). */
  stepDone(step, text) {
    const used = Atomics.load(this.ints, USED);
    const length = Buffer.byteLength(text);
    const fits = used + RECORD_HEADER + length <= this.bytes.length;
    if (fits) {
      this.bytes.writeInt32LE(step, used);
      this.bytes.writeInt32LE(length, used + 4);
      this.bytes.write(text, used + RECORD_HEADER, 'utf8');
      Atomics.store(this.ints, USED, used + RECORD_HEADER + length);
      Atomics.add(this.ints, COUNT, 1);
    }
    Atomics.store(this.ints, STEP, IDLE);
    return fits;
  }
}

/** The main thread's side. */
export class ProgressReader {
  constructor(buffer) {
    this.ints = new Int32Array(buffer, 0, 4);
    this.start = new Float64Array(buffer, 16, 1);
    this.bytes = Buffer.from(buffer, HEADER_BYTES);
  }

  /** Before a job is posted to the (idle) worker. */
  clear() {
    Atomics.store(this.ints, USED, 0);
    Atomics.store(this.ints, COUNT, 0);
    Atomics.store(this.ints, STEP, IDLE);
  }

  /** { step, seq, start }: step is IDLE or an integer (not yet checked against the job). */
  current() {
    const seq = Atomics.load(this.ints, SEQ);
    return { step: Atomics.load(this.ints, STEP), seq, start: this.start[0] };
  }

  /** The outcome records [step, text], read defensively (lengths and offsets checked). */
  records() {
    const used = Math.min(Math.max(Atomics.load(this.ints, USED), 0), this.bytes.length);
    const records = [];
    for (let at = 0; at + RECORD_HEADER <= used && records.length < 10000;) {
      const step = this.bytes.readInt32LE(at);
      const length = this.bytes.readInt32LE(at + 4);
      if (length < 0 || at + RECORD_HEADER + length > used) break;
      records.push([step, this.bytes.toString('utf8', at + RECORD_HEADER, at + RECORD_HEADER + length)]);
      at += RECORD_HEADER + length;
    }
    return records;
  }
}

// One job's life in the sandbox: wall-time limits per test (and for the import) and for the
// whole submission. On a limit it interrupts (KeyboardInterrupt); code that ignores the
// interrupt (time.sleep, `except BaseException`, a long C loop) gets its worker terminated
// GRACE_MS later, and the remaining tests resume on a fresh interpreter. A worker that dies
// (os._exit, a crash) costs the running test an error verdict, never silence.
//
// The worker sends no message per test: it writes the running step, its start time and each
// finished outcome into shared memory (progress.mjs). One watchdog timer per job reads the
// running step when it fires and either interrupts it or sleeps until that step's limit; the
// outcomes are read when the worker says the job is done, or when it was lost mid-job.
import { IDLE, now } from './progress.mjs';

const GRACE_MS = 20;
const MAX_LOSSES = 3;
const IDLE_POLL_MS = 5; // between two steps (microseconds in practice): look again soon

export class JobRun {
  constructor(id, job, done) {
    this.id = id;
    this.job = job;
    this.done = done;
    this.begin = null;
    this.outcomes = new Array(job.tests.length).fill(null);
    this.interrupted = new Map(); // step -> 'test' | 'total': steps we interrupted
    this.startAt = 0;
    this.losses = 0;
    this.startedAt = null;
    this.finished = false;
  }

  attach(slot, hooks) {
    Object.assign(this, { slot, hooks, worker: slot.worker, progress: slot.progress, extra: [],
      stuck: null, killing: false, collected: false });
    if (this.startedAt === null) {
      this.startedAt = performance.now();
      this.totalTimer = setTimeout(() => this.stop('total'), this.job.limits.timeMsTotal);
    }
    this.progress.clear();
    this.seqAtAttach = this.progress.current().seq;
    const memoryBytes = this.job.limits.memoryMb * 1024 * 1024;
    this.worker.postMessage({ job: this.job, startAt: this.startAt, memoryBytes });
    this.watch();
  }

  onMessage(message, worker) {
    if (worker !== this.worker || this.finished || typeof message !== 'object' || message === null) return;
    if (message.type === 'outcome') { // did not fit in the shared buffer
      this.extra.push([message.step, message.text]);
    } else if (message.type === 'job-done') {
      this.collect();
      this.finish();
      this.hooks.finished();
    }
  }

  /** The per-test limit: one timer, re-armed for the running step's remaining time. */
  watch() {
    clearTimeout(this.watchTimer);
    if (this.finished || !this.worker) return;
    const limit = this.job.limits.timeMsPerTest;
    const { step, seq, start } = this.progress.current();
    let wait = IDLE_POLL_MS;
    if (step !== IDLE) {
      const elapsed = now() - start;
      const spent = elapsed >= 0 ? elapsed : 0; // NaN or a start in the future: the clock restarts
      if (spent >= limit) {
        if (this.stuck?.seq !== seq) this.stop('test');
        wait = GRACE_MS;
      } else {
        wait = Math.max(1, Math.ceil(limit - spent));
      }
    }
    this.watchTimer = setTimeout(() => this.watch(), wait);
  }

  timeoutMessage(reason) {
    const { timeMsPerTest, timeMsTotal } = this.job.limits;
    return reason === 'total'
      ? `the submission exceeded its total time limit of ${timeMsTotal} ms`
      : `time limit of ${timeMsPerTest} ms exceeded`;
  }

  /** Interrupt the running step now; terminate the worker if the interrupt is ignored. */
  stop(reason) {
    if (this.finished) return;
    if (!this.worker) { // waiting for a fresh interpreter: nothing is running
      if (reason === 'total') {
        this.killing = 'total';
        this.finish();
      }
      return;
    }
    const { step, seq } = this.progress.current();
    if (step === IDLE && reason === 'test') return;
    if (step !== IDLE) this.interrupted.set(step, reason);
    this.interruptReason = reason;
    this.stuck = { step, seq };
    Atomics.store(this.slot.interrupt, 0, 2);
    clearTimeout(this.graceTimer);
    this.graceTimer = setTimeout(() => {
      const after = this.progress.current();
      if (reason === 'total' || (after.seq === seq && after.step === step)) this.kill(reason, step);
    }, GRACE_MS);
  }

  /** Terminates the stuck worker and moves on at once (the slot reboots on its own). */
  kill(reason, step) {
    if (this.finished) return;
    this.collect();
    this.recordLost(step, { status: 'timeout', message: this.timeoutMessage(reason), output: '' });
    this.killing = reason;
    this.hooks.killed();
    this.afterLoss();
  }

  recordLost(step, outcome) {
    if (step === 0) this.begin ??= outcome;
    else if (Number.isInteger(step) && step > 0 && step <= this.outcomes.length) this.outcomes[step - 1] ??= outcome;
  }

  /** Taken back before the worker started it (its reset was refused): it waits for another. */
  detach() {
    clearTimeout(this.watchTimer);
    clearTimeout(this.graceTimer);
    this.worker = null;
  }

  /** The worker died under this job (os._exit, a crash, OOM): the running test gets an error.
   * If it died before starting this job (during the previous job's reset), nothing is lost. */
  onWorkerLost() {
    if (this.finished) return;
    if (this.progress.current().seq === this.seqAtAttach) {
      this.detach();
      this.hooks.requeue(this);
      return;
    }
    this.losses += 1;
    this.collect();
    this.recordLost(this.progress.current().step, { status: 'error', output: '',
      message: 'the Python interpreter stopped while running this test (a crash or a resource limit)' });
    this.afterLoss();
  }

  /** Takes the finished outcomes from the shared buffer (and messages), once per worker. The
   * harness's outcome texts go to the host as they are (it parses and checks them). */
  collect() {
    if (this.collected) return;
    this.collected = true;
    for (const [step, text] of [...this.progress.records(), ...this.extra]) {
      if (!Number.isInteger(step) || step < 0 || step > this.outcomes.length || typeof text !== 'string') continue;
      const outcome = this.verdict(step, text);
      if (step === 0) this.begin ??= outcome;
      else this.outcomes[step - 1] ??= outcome;
    }
  }

  /** A test we interrupted is a timeout, whatever it reported (its output is kept). */
  verdict(step, text) {
    const reason = this.interrupted.get(step);
    if (reason === undefined) return text;
    const output = parsed(text)?.output;
    return { status: 'timeout', message: this.timeoutMessage(reason), output: typeof output === 'string' ? output : '' };
  }

  /** Resume the remaining tests on a fresh interpreter, or finish. */
  afterLoss() {
    clearTimeout(this.watchTimer);
    clearTimeout(this.graceTimer);
    const resumeAt = this.outcomes.findIndex((o) => o === null);
    const begin = typeof this.begin === 'string' ? parsed(this.begin) : this.begin;
    const importFailed = this.begin !== null && begin?.status !== 'ok';
    if (this.killing === 'total' || resumeAt < 0 || importFailed || this.losses >= MAX_LOSSES) {
      this.finish();
      return;
    }
    this.startAt = resumeAt;
    this.worker = null;
    this.hooks.requeue(this);
  }

  finish() {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.totalTimer);
    clearTimeout(this.watchTimer);
    clearTimeout(this.graceTimer);
    const total = this.killing === 'total' || this.interruptReason === 'total';
    const outcomes = this.outcomes.map((o) => o ?? {
      status: total ? 'timeout' : 'error', output: '',
      message: total ? this.timeoutMessage('total') : 'not run',
    });
    this.done({ begin: this.begin, outcomes, durationMs: performance.now() - this.startedAt });
  }
}

function parsed(text) {
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : null;
  } catch {
    return null;
  }
}

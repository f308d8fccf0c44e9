// One job's life in the sandbox: wall-time limits per test (and for the import) and for the
// whole submission. On a limit it interrupts (KeyboardInterrupt); code that ignores the
// interrupt (time.sleep, `except BaseException`, a long C loop) gets its worker terminated
// GRACE_MS later, and the remaining tests resume on a fresh interpreter. A worker that dies
// (os._exit, a crash) costs the running test an error verdict, never silence.
const GRACE_MS = 20;
const MAX_LOSSES = 3;

export class JobRun {
  constructor(id, job, done) {
    this.id = id;
    this.job = job;
    this.done = done;
    this.begin = null;
    this.outcomes = new Array(job.tests.length).fill(null);
    this.startAt = 0;
    this.losses = 0;
    this.startedAt = null;
    this.finished = false;
  }

  attach(slot, hooks) {
    Object.assign(this, { slot, hooks, worker: slot.worker, current: null, interrupted: null, killing: false });
    if (this.startedAt === null) {
      this.startedAt = performance.now();
      this.totalTimer = setTimeout(() => this.stop('total'), this.job.limits.timeMsTotal);
    }
    const memoryBytes = this.job.limits.memoryMb * 1024 * 1024;
    this.worker.postMessage({ job: this.job, startAt: this.startAt, memoryBytes });
  }

  onMessage(message, worker) {
    if (worker !== this.worker || this.finished) return;
    if (message.type === 'begin-start' || message.type === 'test-start') {
      this.current = message.type === 'begin-start' ? 'import' : message.index;
      this.testTimer = setTimeout(() => this.stop('test'), this.job.limits.timeMsPerTest);
    } else if (message.type === 'begun' || message.type === 'test-done') {
      clearTimeout(this.testTimer);
      const outcome = this.interruptVerdict(message.outcome);
      if (message.ms !== undefined) outcome.ms = message.ms;
      if (message.type === 'begun') this.begin ??= outcome;
      else this.outcomes[message.index] = outcome;
      this.current = null;
    } else if (message.type === 'job-done') {
      this.finish();
      this.hooks.finished();
    }
  }

  /** KeyboardInterrupt is a timeout only when we sent it; raised by learner code it is an error. */
  interruptVerdict(outcome) {
    if (this.interrupted !== null && this.interrupted === this.current) {
      return { ...outcome, status: 'timeout', message: this.timeoutMessage(this.interruptReason) };
    }
    if (outcome.status !== 'interrupted') return outcome;
    return { ...outcome, status: 'error', message: 'KeyboardInterrupt was raised by the code' };
  }

  timeoutMessage(reason) {
    const { timeMsPerTest, timeMsTotal } = this.job.limits;
    return reason === 'total'
      ? `the submission exceeded its total time limit of ${timeMsTotal} ms`
      : `time limit of ${timeMsPerTest} ms exceeded`;
  }

  /** Interrupt now; terminate the worker if the interrupt is ignored. */
  stop(reason) {
    if (this.finished || this.current === null && reason === 'test') return;
    if (!this.worker) { // waiting for a fresh interpreter: nothing is running
      if (reason === 'total') {
        this.killing = 'total';
        this.finish();
      }
      return;
    }
    this.interrupted = this.current;
    this.interruptReason = reason;
    Atomics.store(this.slot.interrupt, 0, 2);
    const stuckOn = this.current;
    this.graceTimer = setTimeout(() => {
      if (reason === 'total' || this.current === stuckOn) this.kill(reason);
    }, GRACE_MS);
  }

  /** Terminates the stuck worker and moves on at once (the slot reboots on its own). */
  kill(reason) {
    if (this.finished) return;
    this.recordLost({ status: 'timeout', message: this.timeoutMessage(reason), output: '' });
    this.killing = reason;
    this.hooks.killed();
    this.afterLoss();
  }

  recordLost(outcome) {
    if (this.current === 'import') this.begin ??= outcome;
    else if (this.current !== null) this.outcomes[this.current] ??= outcome;
  }

  /** The worker died under this job (os._exit, a crash, OOM): the running test gets an error. */
  onWorkerLost() {
    if (this.finished) return;
    this.losses += 1;
    this.recordLost({ status: 'error', output: '',
      message: 'the Python interpreter stopped while running this test (a crash or a resource limit)' });
    this.afterLoss();
  }

  /** Resume the remaining tests on a fresh interpreter, or finish. */
  afterLoss() {
    clearTimeout(this.testTimer);
    clearTimeout(this.graceTimer);
    const resumeAt = this.outcomes.findIndex((o) => o === null);
    const importFailed = this.begin !== null && this.begin.status !== 'ok';
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
    clearTimeout(this.testTimer);
    clearTimeout(this.graceTimer);
    const total = this.killing === 'total' || this.interruptReason === 'total';
    const outcomes = this.outcomes.map((o) => o ?? {
      status: total ? 'timeout' : 'error', output: '',
      message: total ? this.timeoutMessage('total') : 'not run',
    });
    this.done({ begin: this.begin, outcomes, durationMs: performance.now() - this.startedAt });
  }
}

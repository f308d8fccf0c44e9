// Entry of the sandbox child process (started by GraderPool with an empty environment, Node's
// permission model and no code generation from strings). It owns the worker threads: it makes
// the memory snapshot once, keeps `size` interpreters warm, runs each job on one of them and
// enforces the wall-time limits, interrupting first and terminating a worker that ignores the
// interrupt. It sends raw per-test outcomes to the host, which decides the verdicts.
import { Buffer } from 'node:buffer';
import { Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JobRun } from './job-run.mjs';
import { createProgressBuffer, ProgressReader } from './progress.mjs';

const sandboxDir = dirname(fileURLToPath(import.meta.url));
const state = { slots: [], queue: [], restarts: 0, snapshot: null, config: null, closing: false,
  resets: [], recycles: {}, snapshotFromCache: false, bootFailures: 0 };

// The channel to the host: fd 3, one JSON message per line (the host reads it itself, with a cap
// on each line: see SandboxProcess). A message too large to stringify throws here.
const channel = new Socket({ fd: 3, readable: true, writable: true });

function send(message) {
  if (channel.writable) channel.write(`${JSON.stringify(message)}\n`);
}

/** A result that cannot be sent (too large for one message, a string over V8's limit) becomes
 * an error verdict for each test: never an exception that would end this process and every
 * other learner's grading in it. */
function sendResult(id, result) {
  try {
    send({ type: 'result', id, result });
  } catch (error) {
    const message = `the grading result could not be sent (${String(error?.message ?? error).slice(0, 200)})`;
    const failed = { status: 'error', message, output: '' };
    send({ type: 'result', id, result: { begin: failed, outcomes: result.outcomes.map(() => failed),
      durationMs: result.durationMs } });
  }
}

// Status goes to the host at most every STATUS_MS (the last change always arrives): it feeds
// health() and the warm-up wait, and one message per job state change cost more than a test.
const STATUS_MS = 50;
let statusSentAt = -Infinity;
let statusTimer = null;

function sendStatus() {
  if (statusTimer) return;
  const wait = statusSentAt + STATUS_MS - performance.now();
  if (wait > 0) {
    statusTimer = setTimeout(() => { statusTimer = null; sendStatus(); }, wait);
    return;
  }
  statusSentAt = performance.now();
  const count = (s) => state.slots.filter((slot) => slot.state === s).length;
  send({ type: 'status', size: state.slots.length, ready: count('ready'), busy: count('busy'),
    queued: state.queue.length, restarts: state.restarts, resetMs: median(state.resets),
    recycles: state.recycles, python: state.python });
}

function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// Recursion through C functions (repr() in a __repr__, map over a recursive call) runs on the
// worker thread's own stack: Node's default of 4 MB ran out ~2,000 levels deep, where CPython's
// 8 MB C stack reaches its RecursionError (or the learner's raised limit) first. 64 MB is reserved,
// not committed: only what a deep recursion uses is paid for.
const WORKER_STACK_MB = 64;
// A worker's JS heap (not its wasm memory or file bytes, which live outside it) is capped: learner
// code grows it through Emscripten's JS objects (a stream's path is flattened to a fresh string
// of the working directory's full path by each fchdir: ~100 MB/s, ~1.2 GB in one job at default
// limits, 4.5 GB with long ones). Past the cap V8 ends that worker alone (its test is an error,
// the job resumes on a fresh one); without it each worker could grow to V8's default ~4 GB, and
// the sandbox process by that times its workers. A warm worker uses a few tens of MB of it (the
// snapshot maker, which runs no learner code, keeps V8's default).
const WORKER_HEAP_MB = 384;

function startWorker(mode, extra = {}) {
  return new Worker(join(sandboxDir, 'python-worker.mjs'), {
    workerData: { mode, pyodideDir: state.config.pyodideDir, pyDir: join(sandboxDir, 'py'), zoneinfoDir: state.config.zoneinfoDir, ...extra },
    stdout: true, stderr: false, env: {}, resourceLimits: { stackSizeMb: WORKER_STACK_MB, ...(mode === 'grade' ? { maxOldGenerationSizeMb: WORKER_HEAP_MB } : {}) },
  });
}

/** One message from a worker of its own, which then ends. */
function workerResult(mode, extra) {
  return new Promise((resolve, reject) => {
    const worker = startWorker(mode, extra);
    worker.once('message', (message) => {
      void worker.terminate();
      resolve(message.bytes);
    });
    worker.once('error', reject);
  });
}

/** The standard library is compiled in one interpreter (compiled-stdlib.mjs), the snapshot made
 * in another that has those files. */
async function makeSnapshot() {
  const stdlib = await workerResult('stdlib');
  const bytes = await workerResult('snapshot', { stdlib });
  const shared = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(shared).set(bytes);
  return shared;
}

/** A slot holds one interpreter; after each job (or a crash) it is replaced by a fresh one. */
function bootSlot(slot) {
  slot.state = 'booting';
  slot.interrupt = new Int32Array(new SharedArrayBuffer(4));
  const progressBuffer = createProgressBuffer(); // a new one per worker: a dead one keeps its own
  slot.progress = new ProgressReader(progressBuffer);
  const worker = startWorker('grade', { snapshot: state.snapshot, interruptBuffer: slot.interrupt.buffer,
    progressBuffer, isolation: state.config.isolation });
  slot.worker = worker;
  worker.on('message', (message) => {
    if (message.type === 'ready') { // booted
      if (message.version) state.python = message.version;
      slot.state = 'ready';
      sendStatus();
      dispatch();
    } else if (message.type === 'recycle') {
      state.recycles[message.reason] = (state.recycles[message.reason] ?? 0) + 1;
      const waiting = slot.run; // posted during the reset: the worker will not start it
      recycle(slot);
      if (waiting) {
        waiting.detach();
        state.queue.unshift(waiting);
        dispatch();
      }
    } else if (slot.run) {
      if (message.type === 'job-done' && typeof message.resetMs === 'number') {
        state.resets.push(message.resetMs);
        if (state.resets.length > 200) state.resets.shift();
      }
      slot.run.onMessage(message, worker);
    }
  });
  worker.on('error', () => {}); // reported through 'exit'
  worker.on('exit', () => {
    if (slot.worker !== worker) return;
    if (slot.state === 'booting' && state.snapshotFromCache && ++state.bootFailures >= 2) {
      void replaceCachedSnapshot(); // a stale or damaged cache file: make a new snapshot
    }
    slot.worker = null;
    const run = slot.run;
    slot.run = null;
    if (run) run.onWorkerLost();
    if (!state.closing) {
      if (slot.state !== 'recycling') state.restarts += 1;
      bootSlot(slot);
    }
  });
}

/** After a job: 'fresh' isolation replaces the interpreter. With 'reset' the slot takes the next
 * job at once: the worker restores its pristine memory first (it handles one message at a time),
 * so the job waits in its port instead of a 'ready' message waking this thread after every
 * reset. When a reset would be incomplete the worker says 'recycle' and starts nothing more. */
function afterJob(slot) {
  slot.run = null;
  if (state.config.isolation === 'reset') {
    slot.state = 'ready';
    dispatch();
  } else {
    recycle(slot);
  }
}

function recycle(slot) {
  slot.state = 'recycling';
  slot.run = null;
  void slot.worker.terminate();
}

function dispatch() {
  for (const slot of state.slots) {
    if (slot.state !== 'ready') continue;
    let run = state.queue.shift();
    while (run?.finished) run = state.queue.shift(); // timed out while it waited
    if (!run) break;
    slot.state = 'busy';
    slot.run = run;
    run.attach(slot, {
      killed: () => { slot.run = null; slot.state = 'dead'; void slot.worker?.terminate(); },
      finished: () => afterJob(slot),
      requeue: (again) => { state.queue.unshift(again); dispatch(); },
    });
  }
  sendStatus();
}

/** The snapshot comes from the host's cache file when there is one; a new one goes to the
 * host to be cached (this process may not write files). */
async function loadSnapshot(config) {
  if (config.snapshotPath) {
    try {
      const bytes = readFileSync(config.snapshotPath);
      const shared = new SharedArrayBuffer(bytes.byteLength);
      new Uint8Array(shared).set(bytes);
      state.snapshotFromCache = true;
      return shared;
    } catch { /* no cache yet */ }
  }
  const shared = await makeSnapshot();
  sendSnapshot(shared);
  return shared;
}

async function replaceCachedSnapshot() {
  state.snapshotFromCache = false;
  state.snapshot = await makeSnapshot();
  sendSnapshot(state.snapshot);
}

/** The IPC channel carries JSON: the snapshot travels as base64 (once, when it is made). */
function sendSnapshot(shared) {
  send({ type: 'snapshot', base64: Buffer.from(shared).toString('base64') });
}

async function init(config) {
  state.config = config;
  state.snapshot = await loadSnapshot(config);
  for (let i = 0; i < config.size; i++) {
    const slot = { id: i, state: 'booting', worker: null, run: null };
    state.slots.push(slot);
    bootSlot(slot);
  }
  sendStatus();
}

function onMessage(message) {
  if (message.type === 'init') {
    init(message.config).catch((error) => send({ type: 'fatal', message: String(error?.stack ?? error) }));
  } else if (message.type === 'grade') {
    state.queue.push(new JobRun(message.id, message.job, (result) => sendResult(message.id, result)));
    dispatch();
  } else if (message.type === 'close') {
    state.closing = true;
    Promise.all(state.slots.map((s) => s.worker?.terminate())).finally(() => process.exit(0));
  }
}

// The host's messages, one per line; the host gone (the channel ended): nothing left to do.
let unread = '';
channel.setEncoding('utf8');
channel.on('data', (text) => {
  const lines = (unread + text).split('\n');
  unread = lines.pop();
  for (const line of lines) onMessage(JSON.parse(line));
});
channel.on('end', () => process.exit(0));
channel.on('error', () => process.exit(0));

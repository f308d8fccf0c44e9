// One Pyodide interpreter in a worker thread of the sandbox process. It boots from the memory
// snapshot (or makes the snapshot), installs the Python harness, then locks itself down: the
// Pyodide API object is emptied and frozen and `process`, `require`, `fetch`... are deleted, so
// learner code that escapes Python finds nothing worth stealing in this thread. It grades one
// job at a time, writing which test runs and the finished outcomes into memory shared with the
// sandbox's main thread (progress.mjs): one message when the job is done. The reset follows at
// once; the next job may already wait in the port.
import { parentPort, workerData } from 'node:worker_threads';
import { readdirSync, readFileSync, statSync, constants as fsConstants } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileStdlib, importFromStdlibDir, installFiles, packSnapshot, unpackSnapshot } from './compiled-stdlib.mjs';
import { MemoryReset } from './memory-reset.mjs';
import { confineWritesToTmp } from './fs-guard.mjs';
import { ProgressWriter } from './progress.mjs';

const HARNESS_FILES = ['sealing.py', 'values.py', 'mocks.py', 'asserts.py', 'rewrite.py', 'eventloop.py',
  'threads.py', 'legacy.py', 'lockdown.py', 'harness.py', 'support.py', 'runner.py'];
// In the snapshot (and the pristine memory every reset writes back): a module imported during a
// job is executed again for every grading (before the standard library was compiled once,
// compiled-stdlib.mjs, it was also compiled: doctest ~300 ms, pickle ~130 ms then).
// doctest, pickle, csv, tempfile and shutil cost no measurable time per grading preloaded
// (bench:grading A/B, session 9). email and pathlib were left out because they import the
// `urllib` package early, and hidden code's copy of a package snapshotted then lacked a submodule
// imported later (`urllib.error` after `import urllib.request`: hunt4-network-mocked); such a
// package is now snapshotted again at the start of the job (runner.snapshot_imports), and the
// compiled standard library imports them in a few ms, so they stay out of the snapshot's memory.
const PRELOAD = ['ast', 'unittest', 'unittest.mock', 'json', 're', 'io', 'types', 'warnings', 'dis', 'posixpath',
  'math', 'collections', 'itertools', 'functools', 'string', 'random', 'datetime', 'decimal',
  'fractions', 'statistics', 'dataclasses', 'typing', 'enum', 'heapq', 'bisect', 'copy',
  'operator', 'textwrap', 'abc', 'contextlib', 'inspect', 'logging', 'linecache',
  'doctest', 'pickle', 'csv', 'tempfile', 'shutil'];
const GLOBALS_TO_REMOVE = ['process', 'require', 'fetch', 'WebSocket', 'XMLHttpRequest',
  'EventSource', 'Worker', 'SharedWorker', 'importScripts', 'navigator', 'module', 'exports',
  'Request', 'Response', 'Headers', 'FormData', 'BroadcastChannel', 'MessageChannel',
  'WebAssembly', 'eval', 'Function'];

const { mode, isolation, pyodideDir, pyDir, zoneinfoDir, snapshot, stdlib, interruptBuffer, progressBuffer } = workerData;
const post = parentPort.postMessage.bind(parentPort);

// Under Node's permission model `process.binding('constants')` is refused; Pyodide's NODEFS
// only needs the fs/os constants, which are public.
function shimBinding() {
  const original = process.binding;
  process.binding = (name) =>
    name === 'constants' ? { fs: fsConstants, os: osConstants } : original.call(process, name);
}

async function boot() {
  shimBinding();
  const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, 'pyodide.mjs')).href);
  const options = { indexURL: pyodideDir + '/', jsglobals: {}, env: { HOME: '/tmp' },
    stdout: () => {}, stderr: () => {}, stdin: () => null };
  if (mode === 'stdlib') return loadPyodide(options);
  if (mode === 'snapshot') return loadPyodide({ ...options, _makeSnapshot: true, fsInit: (FS) => installFiles(FS, stdlib) });
  // The compiled standard library is in the file system before the interpreter's memory is
  // restored: the snapshot's import system already looks for modules there.
  const parts = unpackSnapshot(snapshot);
  return loadPyodide({ ...options, _loadSnapshot: parts.memory, fsInit: (FS) => installFiles(FS, parts.stdlib) });
}

// Files that define classes run in their own namespace and export only the listed functions:
// a class is reachable from `object.__subclasses__()`, and its methods' `__globals__` would
// hand learner code the harness dict (PRIV, S, JOB, outcome_json...).
const ISOLATED_EXPORTS = { 'rewrite.py': ['compile_rewritten', 'inject_helper', 'imported_modules', 'static_marks', 'RaisesContext', 'SubTestContext', 'LEGACY_ASSERTIONS'],
  'eventloop.py': ['install_event_loop'], 'threads.py': ['install_threads'],
  'legacy.py': ['install_legacy_unittest'] };

function installHarness(py) {
  const sources = HARNESS_FILES.map((f) => readFileSync(join(pyDir, f), 'utf8'));
  const exports = HARNESS_FILES.map((f) => ISOLATED_EXPORTS[f] ?? null);
  py.runPython(
    'def __grader_load(sources, exports_json):\n' +
      "    import builtins, json\n" +
      "    def fresh(name):\n" +
      "        return {'__name__': name, '__builtins__': dict(builtins.__dict__)}\n" +
      "    d = fresh('__grader__')\n" +
      "    exports = json.loads(exports_json)\n" +
      "    for i, s in enumerate(sources.split('\\x00')):\n" +
      "        own = d if exports[i] is None else fresh(f'__grader_part_{i}__')\n" +
      "        exec(compile(s, f'<grader {i}>', 'exec'), own)\n" +
      "        for name in exports[i] or ():\n" +
      "            d[name] = own[name]\n" +
      "    return d['install']\n",
  );
  const load = py.globals.get('__grader_load');
  const install = load(sources.join('\x00'), JSON.stringify(exports));
  const entry = install(JSON.stringify({ preload: PRELOAD }));
  py.runPython('del __grader_load');
  load.destroy();
  install.destroy();
  return entry;
}

/**
 * Named time zones (`zoneinfo.ZoneInfo('Europe/Paris')`): the host's time zone database, copied
 * into Pyodide's file system at the same path, which is on CPython's zoneinfo.TZPATH. Read-only
 * public data; the file guard keeps it unchangeable (writes go to /tmp only). A symlinked zone
 * (US/Eastern) is copied as the file it names. `posix/` repeats the zones (Debian's is links to
 * `../Africa`...): here it is one link to the database itself, so `ZoneInfo('posix/Europe/Paris')`
 * is found as under CPython at no cost; `right/` (leap-second aware zones, `ZoneInfo('right/UTC')`)
 * differs from them and is copied (about 0.95 MB per worker, as much as the rest:
 * redteam3-zoneinfo-posix-right). No database on the host: none here either, as CPython on that host.
 */
function installTimeZones(FS) {
  const copy = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat?.isDirectory() && dir === zoneinfoDir && name === 'posix') {
        FS.symlink('.', path);
      } else if (stat?.isDirectory()) {
        FS.mkdirTree(path);
        copy(path);
      } else if (stat?.isFile() && stat.size < 1 << 20) {
        FS.writeFile(path, readFileSync(path));
      }
    }
  };
  if (!zoneinfoDir || !statSync(zoneinfoDir, { throwIfNoEntry: false })?.isDirectory()) return;
  FS.mkdirTree(zoneinfoDir);
  copy(zoneinfoDir);
}

/** A memory cap: Emscripten grows its heap through `wasmMemory.grow()`; past the cap it fails
 * and Python's malloc raises MemoryError. `refused` says a growth was refused during the
 * running entry call (see `call`). */
function capMemory(py) {
  const memory = py._module.memory;
  const grow = memory.grow.bind(memory);
  const cap = { bytes: Infinity, refused: false };
  Object.defineProperty(memory, 'grow', {
    value: (pages) => {
      if (memory.buffer.byteLength + pages * 65536 > cap.bytes) {
        cap.refused = true;
        throw new RangeError('memory cap');
      }
      return grow(pages);
    },
  });
  return cap;
}

/**
 * What learner code writes to the process's standard streams (`os.write(1, ...)`) or to
 * `/dev/tty` (opened through a directory descriptor) is discarded as it is written. Pyodide's and
 * Emscripten's writers kept each line in a JS array until a newline came: outside the capped
 * wasm memory, never reset between jobs, one JS number per byte; about 170 MB without a newline
 * ended the whole sandbox process (V8's "invalid size" fatal error), every learner's grading in
 * it with it. Tests' output is captured through `sys.stdout` by the harness, not through these.
 */
function discardOutput(py, module) {
  const discard = { write: (buffer) => buffer.length };
  py.setStdout(discard);
  py.setStderr(discard);
  for (const tty of module.TTY.ttys) {
    if (!tty) continue;
    tty.output = [];
    tty.ops = { ...tty.ops, put_char() {}, fsync() {} };
  }
}

// What Pyodide's runtime still calls on its internal API object while Python runs (errors,
// proxies, fatal errors). Everything else (sockets through `initializeNodeSockFS`, `tests`,
// dynamic libraries, snapshots, raw Python runs, the package manager) is deleted after boot:
// learner code that found a way to the object would find none of it.
const API_KEPT = new Set(['fatal_error', 'maybe_fatal_error', 'on_fatal', 'fatal_loading_error',
  'isPyProxy', 'getTypeTag', 'errorConstructors', 'PythonError', 'NoGilError', 'deserializeError',
  'debug_ffi', 'sig', 'capture_stderr', 'restore_stderr', 'isPromise', 'pyproxyIsAlive',
  'typedArrayAsUint8Array', 'getExpectedKeys', 'LiteralMap', 'abortSignalAny', 'version',
  'abiVersion', 'config', 'inTestHoist']);
// Prototypes that JS calls rely on: frozen, so that code which got hold of any object cannot
// add `Object.prototype.Function` (undoing the deletion below) or change a method we call.
const FROZEN_PROTOTYPES = [Object.prototype, Function.prototype, Array.prototype,
  String.prototype, Number.prototype, Boolean.prototype, Symbol.prototype, Error.prototype,
  Promise.prototype, Map.prototype, Set.prototype, WeakMap.prototype, RegExp.prototype,
  Object.getPrototypeOf(Uint8Array.prototype), ArrayBuffer.prototype, SharedArrayBuffer.prototype];

const FROZEN_BUILTINS = [Object, Array, Reflect, Promise, Map, Set, WeakMap, WeakSet, JSON, Math,
  Symbol, Number, String, Boolean, BigInt, ArrayBuffer, SharedArrayBuffer, Atomics, Date, RegExp,
  Proxy, Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array,
  Float64Array, BigInt64Array, BigUint64Array, Uint8ClampedArray, DataView,
  Object.getPrototypeOf(Uint8Array)];

function lockDown(py) {
  const api = py._module.API;
  for (const key of Reflect.ownKeys(api)) {
    if (!API_KEPT.has(key)) delete api[key];
  }
  Object.freeze(api);
  for (const key of Reflect.ownKeys(py)) {
    try { delete py[key]; } catch { /* non-configurable: frozen below */ }
  }
  Object.freeze(py);
  for (const name of GLOBALS_TO_REMOVE) {
    try { delete globalThis[name]; } catch { /* keep going */ }
    if (name in globalThis) globalThis[name] = undefined;
  }
  // Emscripten's getuid (os.getuid, geteuid, getgid, getegid, getpass.getuser) asks Node's
  // `process`, deleted above: a JS error out of the entry call, "the Python interpreter failed",
  // the grader's fault, which learner code raised at will in a test it could not pass
  // (hostile/redmsg-getuid-fault.py). A frozen stand-in answers 0, as Emscripten does outside
  // Node, and holds nothing else; a function, so that `typeof process == "object"` checks still
  // take their non-Node branch.
  globalThis.process = Object.freeze(Object.assign(() => undefined, { getuid: () => 0 }));
  for (const prototype of FROZEN_PROTOTYPES) Object.freeze(prototype);
  // The constructors' own members too: `Object.values = ...` once survived the memory reset
  // (it lives in JS) and broke the next learner's grading.
  for (const builtin of FROZEN_BUILTINS) Object.freeze(builtin);
}

/** The worker's global names after lockdown: compared after each reset, since an added global
 * would outlive it (JS state is not in the wasm memory that the reset restores). */
function globalNames() {
  return Reflect.ownKeys(globalThis).map(String).sort().join('\n');
}

// Hidden code compiled by the harness, per suite. It is compiled by `entry('compile')` at the
// start of a job, before any learner code of that job runs, in a pristine interpreter (a fresh
// one, or one reset to its pristine memory after the previous job): what learner code does
// can never reach this cache, and it is never read back from an interpreter after learner code.
const compiledSuites = new Map();
const MAX_SUITES = 64;
// Outcome texts come from an interpreter that ran learner code: bounded here again (the harness
// bounds them too), so that no message to the sandbox's main thread or the host can be huge.
const MAX_OUTCOME_CHARS = 2 * 1024 * 1024;

function suiteKey(job) {
  return JSON.stringify([job.testModule ?? null, job.supportModules ?? null, job.moduleName,
    job.tests.map((t) => (t.kind === 'case' ? [t.setup ?? null, t.expr ?? null] : t.name))]);
}

/** What the compile step reads: the hidden code only. */
function hiddenJob(job) {
  return JSON.stringify({ testModule: job.testModule, supportModules: job.supportModules ?? {}, moduleName: job.moduleName,
    tests: job.tests.map((t) => (t.kind === 'case' ? { kind: 'case', setup: t.setup, expr: t.expr } : { kind: 'module', name: t.name })) });
}

/** What the harness reads of a job to run it, as JSON text: no names, points, tags or hidden
 * source (the compiled suite stands for it). */
function pythonJob(job, compiledHidden) {
  const tests = job.tests.map((t) => (t.kind === 'module' ? { kind: 'module', name: t.name } : {
    kind: 'case', call: t.call, args: t.args, kwargs: t.kwargs, raises: t.raises,
  }));
  return JSON.stringify({ source: job.source, moduleName: job.moduleName, limits: job.limits, seed: job.seed,
    virtualClock: job.virtualClock, compiledHidden, tests });
}

function errorOutcome(message) {
  return JSON.stringify({ status: 'error', message, output: '' });
}

/** The import step's outcome, or `failed` when the suite does not compile or the submission's
 * file cannot be written. */
function begin(entry, job, files) {
  const key = suiteKey(job);
  let compiled = compiledSuites.get(key);
  if (compiled === undefined) {
    // Before the submission is imported, and before its file is written: the compile step
    // executes the test module (for its marks), and one that reads solution.py at import made
    // the cached suite's marks from the source of the worker's first learner, for every later one.
    compiled = call(entry, 'compile', hiddenJob(job));
    if (compiled.startsWith('{')) { // an error outcome: the author's test code does not compile
      const reason = parsedMessage(compiled);
      return { failed: `not run: the hidden tests could not be compiled: ${reason}` };
    }
    if (compiledSuites.size >= MAX_SUITES) compiledSuites.delete(compiledSuites.keys().next().value);
    compiledSuites.set(key, compiled);
  }
  return placeSource(files, job) ?? { outcome: call(entry, 'begin', pythonJob(job, compiled)) };
}

function parsedMessage(text) {
  try {
    return String(JSON.parse(text).message).slice(0, 2000);
  } catch {
    return 'unknown error';
  }
}

/** A Python entry call that throws in JS (a broken bridge) is an error outcome, never an
 * exception that ends the worker mid-job. Recursion through C functions (a `__repr__` that
 * calls repr() of the next node, thousands deep) can exhaust the thread's stack before Python's
 * own limit: that is the learner's RecursionError (CPython raises it, or crashes). Whatever JS
 * error came out, it unwound through the interpreter's C frames without their cleanup: the wasm
 * stack pointer (a global, not in the memory the reset restores) stays where it was, and
 * Pyodide's fatal-error flag is set, after which it returns nothing instead of throwing (a
 * learner reaches this with `os.getuid()`, whose Emscripten code calls the deleted `process`).
 * So the interpreter is never used again (`poisoned`: runJob ends the worker, and the sandbox
 * resumes the job's next test on a fresh one), for a missing outcome too, and after a call
 * during which the memory cap refused a growth. */
function call(entry, command, argument) {
  let text;
  memoryCap.refused = false;
  try {
    text = entry(command, argument);
  } catch (error) {
    after.poisoned = true;
    // Learner code that filled the capped memory to the last bytes (tiny objects kept alive,
    // cycles with the collector off) left the harness none to report the MemoryError with: the
    // failure then escaped as a JS error, "the Python interpreter failed", the grader's fault at
    // the submission's will (red13). The memory limit was reached: that is the verdict.
    if (memoryCap.refused) return JSON.stringify({ status: 'memory', message: 'MemoryError: the memory limit was reached', output: '' });
    if (error instanceof RangeError && /call stack/i.test(error.message)) {
      return errorOutcome('RecursionError: maximum recursion depth exceeded (the interpreter\'s stack ran out)');
    }
    return errorOutcome(`the Python interpreter failed: ${String(error?.message ?? error).slice(0, 300)}`);
  }
  // The cap refused a growth during the call (a MemoryError, caught or not): the interpreter's
  // memory is full of what the submission kept (with the collector off, cycles stay), so every
  // later test on it would hit the cap too. Its outcome stands; the job's next tests resume on a
  // fresh interpreter, as after a JS error (hostile/red13-memory-to-the-last-byte.py).
  if (memoryCap.refused) after.poisoned = true;
  if (typeof text === 'string') return text;
  after.poisoned = true;
  return errorOutcome('the Python interpreter returned no outcome');
}

/** The outcome of a step goes to the shared progress buffer, or by message when it is full. */
function record(progress, step, text) {
  const bounded = typeof text === 'string' && text.length <= MAX_OUTCOME_CHARS ? text
    : errorOutcome('the result of this test is too large');
  if (!progress.stepDone(step, bounded)) post({ type: 'outcome', step, text: bounded });
}

// the last reset (stats); recycling; an interpreter a JS error unwound through
const after = { resetMs: undefined, retired: false, poisoned: false };
let memoryCap = { bytes: Infinity, refused: false }; // capMemory's, once the interpreter is up

function badModuleName(job) {
  if (typeof job.moduleName !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(job.moduleName)) {
    return { failed: 'not run: the hidden tests could not be compiled: the module name is not a Python identifier' }; // an author fault
  }
  return null;
}

/** The submission as a file where CPython would have it (the working directory, /tmp), protected
 * for the job (fs-guard.mjs): hidden tests read it (`open(solution.__file__)`, runpy.run_path).
 * Written after the suite is compiled and before the submission is imported; the reset empties
 * /tmp after the job. */
function placeSource(files, job) {
  try {
    files.protect(`/tmp/${job.moduleName}.py`, String(job.source ?? ''));
    return null;
  } catch (error) {
    return { failed: `the Python interpreter failed: the submission's file could not be written (${String(error?.message ?? error).slice(0, 200)})` };
  }
}

function runJob(entry, cap, interrupt, progress, resetter, files, { job, startAt, memoryBytes }) {
  if (after.retired) return; // a job posted during a refused reset: the sandbox requeues it
  cap.bytes = memoryBytes;
  interrupt[0] = 0;
  progress.stepStarted(0);
  const started = badModuleName(job) ?? begin(entry, job, files);
  if (started.failed) {
    record(progress, 0, errorOutcome(started.failed));
    for (let index = startAt; index < job.tests.length; index++) {
      progress.stepStarted(index + 1);
      record(progress, index + 1, errorOutcome(started.failed));
    }
  } else {
    record(progress, 0, started.outcome);
    for (let index = startAt; index < job.tests.length && !after.poisoned; index++) {
      interrupt[0] = 0;
      progress.stepStarted(index + 1);
      record(progress, index + 1, call(entry, 'test', String(index)));
    }
  }
  if (after.poisoned) process.exit(1); // outcomes are recorded: the sandbox resumes the job elsewhere
  post({ type: 'job-done', resetMs: after.resetMs });
  files.release(); // the reset removes the file with the rest of /tmp
  if (resetter) {
    const resetStart = performance.now();
    const reason = resetter.reset() ?? (globalNames() !== after.globals ? 'JS globals changed' : null);
    files.emptied(); // /tmp is empty again: the next job has the whole quota
    after.resetMs = performance.now() - resetStart;
    if (reason) {
      after.retired = true;
      post({ type: 'recycle', reason });
    }
  }
}

const py = await boot();
if (mode === 'stdlib') {
  const bytes = compileStdlib(py);
  post({ type: 'stdlib', bytes }, [bytes.buffer]);
} else if (mode === 'snapshot') {
  importFromStdlibDir(py);
  py.runPython(PRELOAD.map((m) => `import ${m}`).join('\n'));
  const bytes = packSnapshot(py.makeMemorySnapshot(), stdlib);
  post({ type: 'snapshot', bytes }, [bytes.buffer]);
} else {
  const interrupt = new Uint8Array(interruptBuffer);
  py.setInterruptBuffer(interrupt);
  const cap = capMemory(py);
  memoryCap = cap;
  const version = py.runPython('import sys; sys.version.split()[0]');
  installTimeZones(py.FS);
  const entry = installHarness(py);
  const module = py._module;
  discardOutput(py, module);
  const files = confineWritesToTmp(module);
  lockDown(py);
  after.globals = globalNames();
  const resetter = isolation === 'reset' ? new MemoryReset(module) : null;
  const progress = new ProgressWriter(progressBuffer);
  parentPort.on('message', (message) => runJob(entry, cap, interrupt, progress, resetter, files, message));
  post({ type: 'ready', version });
}

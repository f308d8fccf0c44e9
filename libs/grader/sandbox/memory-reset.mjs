import { Buffer } from 'node:buffer';

// Fast isolation between submissions: the interpreter's whole linear memory is written back
// from a pristine copy taken when the worker became ready (harness installed, nothing graded).
// Everything Python (modules, builtins, sys state, the harness, the audit hook) lives in that
// memory. What lives in JavaScript is either reset here (Emscripten's file system: open
// streams, /tmp, the working directory) or checked (function table, loaded shared libraries,
// live JS references held by Python, the file system outside /tmp): if a check fails the
// reset refuses and the worker is replaced by a fresh one instead, so a reset never guesses.
//
// The pristine memory is kept as runs: about half of it is zero (the unused part of the 10 MB C
// stack, the free space above the malloc break), and a zero run is written back with a memset
// (fill), several times cheaper than copying it; the other runs are copied from a compact copy.
// Every byte of the pristine length is written either way: nothing is skipped or guessed.
// Wasm memory never shrinks, and memory above the pristine length must be zero-filled at every
// reset once it exists, whether the next job touches it or not (about 5 ms per 48 MB, measured:
// one submission that allocated 48 MB tripled every later reset of its worker). Beyond this
// growth a fresh worker, booted from the snapshot, is cheaper than that cost on every grading.
const MAX_GROWTH_BYTES = 16 * 1024 * 1024;
const PAGE = 4096;
const MIN_ZERO_RUN = 64 * 1024; // shorter zero stretches are copied with their neighbours
const WATCHED_DIRS = ['/', '/home', '/home/pyodide', '/lib', '/lib/python3.14', '/dev'];
// /tmp is emptied through Emscripten's path API: each entry is found again by path, each path
// component in FS.nameTable, 4096 hash chains whose bucket learner code can choose (a
// directory's st_ino is its parent id, names of "Aa"/"BB" blocks share one string hash). A
// nested chain of directories and thousands of entries in one bucket made the reset walk that
// chain for every component of every path, ~d^2 * n steps: seconds after job-done, outside any
// time limit, while the next learner's job waited with its total time running (all `timeout`).
// The removal costs up to ~n^3 chain steps for n entries arranged so (measured: 0.58 s for 255,
// ~40 ms for 127): past MAX_TMP_ENTRIES a fresh worker is cheaper. Counted on the JS nodes.
const MAX_TMP_ENTRIES = 128;

export class MemoryReset {
  constructor(module) {
    this.module = module;
    this.fs = module.FS;
    this.pristineLength = module.HEAPU8.length;
    [this.runs, this.data] = pristineRuns(module.HEAPU8);
    this.tableLength = module.wasmTable.length;
    this.libraries = Object.keys(module.LDSO.loadedLibsByName).length;
    this.refs = module._hiwire_num_refs();
    this.streams = new Map(this.openStreams().map((fd) => [fd, module.FS.streams[fd]]));
    // Their flags and position live on the JS stream objects (`fcntl(F_SETFL)` ORs any bits in:
    // stdin made write-only answered every later learner's input() with EBADF): put back below.
    this.streamState = new Map([...this.streams].map(([fd, s]) => [fd, { flags: s.flags, position: s.position }]));
    this.dirs = WATCHED_DIRS.map((d) => this.listing(d));
  }

  openStreams() {
    return this.fs.streams.map((s, fd) => (s ? fd : -1)).filter((fd) => fd >= 0);
  }

  listing(dir) {
    try {
      return this.fs.readdir(dir).sort().join('/');
    } catch {
      return '<missing>';
    }
  }

  /** Why an in-place reset would be incomplete, or null when it is safe. */
  blocker() {
    const m = this.module;
    if (m.HEAPU8.length > this.pristineLength + MAX_GROWTH_BYTES) return 'memory grew';
    if (m.wasmTable.length !== this.tableLength) return 'function table grew';
    if (Object.keys(m.LDSO.loadedLibsByName).length !== this.libraries) return 'a shared library was loaded';
    if (m._hiwire_num_refs() !== this.refs) return 'JavaScript references changed';
    if (this.tmpEntriesOver(MAX_TMP_ENTRIES)) return 'too many files in /tmp';
    for (const [fd, stream] of this.streams) {
      if (this.fs.streams[fd] !== stream) return 'a standard stream was closed or replaced';
    }
    if (WATCHED_DIRS.some((d, i) => this.listing(d) !== this.dirs[i])) return 'files changed outside /tmp';
    return null;
  }

  /** Whether /tmp holds more than `max` entries, at any depth: read from the MEMFS nodes'
   * `contents` (no path lookup, no hash chain), stopping at the first one over. */
  tmpEntriesOver(max) {
    const pending = [this.fs.lookupPath('/tmp').node];
    let count = 0;
    while (pending.length > 0) {
      const contents = pending.pop().contents;
      if (!contents || typeof contents !== 'object' || ArrayBuffer.isView(contents)) continue;
      for (const name in contents) {
        if (++count > max) return true;
        const node = contents[name];
        if (this.fs.isDir(node.mode)) pending.push(node);
      }
    }
    return false;
  }

  /** Restores the pristine interpreter; returns a reason instead when it cannot. */
  reset() {
    const reason = this.blocker();
    if (reason) return reason;
    try {
      this.resetFiles();
    } catch (error) {
      return `could not clean the file system (${error?.message ?? error})`;
    }
    const heap = this.module.HEAPU8;
    for (const { start, end, at } of this.runs) {
      if (at < 0) heap.fill(0, start, end);
      else heap.set(this.data.subarray(at, at + end - start), start);
    }
    if (heap.length > this.pristineLength) heap.fill(0, this.pristineLength);
    return null;
  }

  resetFiles() {
    for (const fd of this.openStreams()) {
      if (!this.streams.has(fd)) this.fs.close(this.fs.streams[fd]);
    }
    for (const [fd, { flags, position }] of this.streamState) {
      const stream = this.fs.streams[fd];
      stream.flags = flags;
      stream.position = position;
    }
    this.fs.chdir('/tmp');
    for (const name of this.fs.readdir('/tmp')) {
      if (name !== '.' && name !== '..') this.remove(`/tmp/${name}`);
    }
  }

  remove(path) {
    const node = this.fs.lstat(path);
    if (this.fs.isDir(node.mode)) {
      for (const name of this.fs.readdir(path)) {
        if (name !== '.' && name !== '..') this.remove(`${path}/${name}`);
      }
      this.fs.rmdir(path);
    } else {
      this.fs.unlink(path);
    }
  }
}

/** Splits `heap` into zero runs ({ start, end, at: -1 }) and copied runs ({ start, end, at }:
 * their bytes are at `at` in the returned compact copy), covering [0, heap.length). */
function pristineRuns(heap) {
  const zeroPage = new Uint8Array(PAGE);
  const isZero = (offset) => Buffer.compare(Buffer.from(heap.buffer, heap.byteOffset + offset, PAGE), zeroPage) === 0;
  const zeroRuns = [];
  for (let offset = 0; offset < heap.length; offset += PAGE) {
    if (heap.length - offset < PAGE || !isZero(offset)) continue;
    const last = zeroRuns.at(-1);
    if (last && last.end === offset) last.end += PAGE;
    else zeroRuns.push({ start: offset, end: offset + PAGE });
  }
  const runs = [];
  let copied = 0;
  let cursor = 0;
  const copy = (end) => {
    if (end > cursor) runs.push({ start: cursor, end, at: copied });
    copied += Math.max(0, end - cursor);
  };
  for (const zero of zeroRuns.filter((z) => z.end - z.start >= MIN_ZERO_RUN)) {
    copy(zero.start);
    runs.push({ start: zero.start, end: zero.end, at: -1 });
    cursor = zero.end;
  }
  copy(heap.length);
  const data = new Uint8Array(copied);
  for (const run of runs) if (run.at >= 0) data.set(heap.subarray(run.start, run.end), run.at);
  return [runs, data];
}

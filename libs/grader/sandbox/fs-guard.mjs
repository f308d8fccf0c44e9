// Writes outside /tmp refused at the file system itself, below every path trick. The audit hook
// refuses them by path string, but a path is not where a write lands: a symlink made inside
// /tmp with a relative target (`os.symlink('../..', '/tmp/up')`, allowed because the target
// looked like /tmp from another working directory) or `os.open(name, ..., dir_fd=fd)` (the
// audit event does not carry dir_fd) reached /lib, and Emscripten's file system lives in JS
// objects that the in-place memory reset does not restore: a planted module would run in the
// next learner's grading. Every mutating MEMFS operation receives real nodes, so the check
// here uses the node's real path (FS.getPath), whatever path learner code wrote.
//
// Files also live outside the interpreter's capped wasm memory (MEMFS keeps their bytes in JS
// arrays): without a quota, writing files in /tmp grew the sandbox by ~160 MB/s whatever the
// memory limit. Every operation that can grow a file is checked against a byte quota for all
// of /tmp, and its real size counted after it ran.
//
// The submission's own file (`/tmp/solution.py`, written by the worker before the job: hidden
// tests read it, `open(solution.__file__)`, `runpy.run_path`) is protected for the job: no
// write, truncation, chmod, unlink, rename of it or over it, whatever path or descriptor
// learner code uses, so a "no sorted()" check reads what the learner submitted. `protect`
// marks it, `release` lifts the mark before the reset empties /tmp. While it is protected, no
// other file, folder or link anywhere may take its name: a clean copy `clean/solution.py` and a
// `chdir` into its folder (by learner code the test calls) would forge the checks that open
// 'solution.py' by a relative name.
const EACCES = 2; // WASI errno numbering, as Emscripten uses
const ENOSPC = 51;
export const TMP_QUOTA_BYTES = 32 * 1024 * 1024;
const NODE_BYTES = 256;

const DIR_OPS = {
  mknod: (parent) => [parent],
  symlink: (parent) => [parent],
  unlink: (parent) => [parent],
  rmdir: (parent) => [parent],
  rename: (oldNode, newDir) => [oldNode.parent, newDir],
  setattr: (node) => [node],
};

const inside = (path) => path.startsWith('/tmp/');
const EAGAIN = 6;

/**
 * A pipe (`os.pipe()`) keeps what was written and not yet read in JS buffers, outside the
 * capped wasm memory like MEMFS files: 256 MB went into one in under a second under an 80 MB
 * limit. Its unread bytes count against the /tmp quota (they are gone with the pipe's streams,
 * which the reset closes), and a write past the quota is cut short, or refused with EAGAIN, as a
 * full non-blocking pipe's is (CPython's blocking write would wait for a reader forever).
 */
function boundPipes(module, usage) {
  const { FS, PIPEFS } = module;
  const ops = PIPEFS?.stream_ops;
  if (!ops || typeof ops.write !== 'function' || typeof ops.read !== 'function') throw new Error('PIPEFS missing: cannot bound pipes');
  if (ops.write.confined) return;
  const { write, read } = ops;
  ops.write = Object.assign(function (stream, buffer, offset, length, position) {
    const room = Math.max(0, TMP_QUOTA_BYTES - usage.bytes);
    if (length > 0 && room === 0) throw new FS.ErrnoError(EAGAIN);
    const written = write.call(this, stream, buffer, offset, Math.min(length, room), position);
    usage.bytes += written;
    return written;
  }, { confined: true });
  ops.read = function (...args) {
    const taken = read.apply(this, args);
    usage.bytes -= taken;
    return taken;
  };
}

export function confineWritesToTmp(module) {
  const { FS, MEMFS } = module;
  const table = MEMFS.ops_table;
  if (!table) throw new Error('MEMFS ops table missing: cannot confine writes');
  // /tmp itself may hold new entries, but only what is inside it may change its mode, owner or
  // size: a chmod of /tmp (stored on its JS node, which the reset keeps) locked every later
  // learner out of writing files.
  const writable = (node, name) => {
    const path = FS.getPath(node);
    return name === 'setattr' ? inside(path) : path === '/tmp' || inside(path);
  };
  const locked = new Set(); // the job's protected file nodes
  const reserved = new Set(); // their names: no new entry may take one (NEW_NAME)
  // The name of the entry an operation creates.
  const NEW_NAME = {
    mknod: (_parent, name) => name,
    symlink: (_parent, name) => name,
    rename: (_oldNode, _newDir, newName) => newName,
  };
  // The nodes an operation would change or remove beside its directories (the entry a rename
  // replaces is dropped by MEMFS without an unlink).
  const TOUCHED = {
    unlink: (parent, name) => [parent.contents?.[name]],
    rmdir: (parent, name) => [parent.contents?.[name]],
    rename: (oldNode, newDir, newName) => [oldNode, newDir.contents?.[newName]],
    setattr: (node) => [node],
  };
  const usage = { bytes: 0 };
  const counted = new WeakMap(); // file node -> bytes counted in usage
  const account = (node) => {
    const now = node.contents ? node.contents.length : 0;
    usage.bytes += now - (counted.get(node) ?? 0);
    counted.set(node, now);
  };
  const refuseGrowth = (node, end) => {
    const growth = Math.max(0, end - (node.contents ? node.contents.length : 0));
    if (usage.bytes + growth > TMP_QUOTA_BYTES) throw new FS.ErrnoError(ENOSPC);
  };
  const guard = (ops, name, nodesOf, { before, after } = {}) => {
    const original = ops[name];
    if (typeof original !== 'function' || original.confined) return;
    const confined = function (...args) {
      if (!nodesOf(...args).every((node) => writable(node, name))) throw new FS.ErrnoError(EACCES);
      if (locked.size > 0 && (TOUCHED[name]?.(...args) ?? nodesOf(...args)).some((node) => locked.has(node))) {
        throw new FS.ErrnoError(EACCES);
      }
      if (reserved.size > 0 && reserved.has(NEW_NAME[name]?.(...args))) throw new FS.ErrnoError(EACCES);
      const state = before?.(...args);
      const result = original.apply(this, args);
      after?.(state, ...args);
      return result;
    };
    confined.confined = true;
    ops[name] = confined;
  };
  // An entry's name and a symlink's target are JS strings of the node, outside the wasm memory
  // like file contents: 1 MB targets grew the worker by ~60 MB/s. They count against the quota
  // while the entry exists, with NODE_BYTES for the node itself (a JS object of a few hundred
  // bytes: ~26,000 empty directories a second, unbounded before).
  const entryBytes = (name, node) => NODE_BYTES + String(name ?? '').length + (typeof node?.link === 'string' ? node.link.length : 0);
  const refuseEntry = (bytes) => {
    if (usage.bytes + bytes > TMP_QUOTA_BYTES) throw new FS.ErrnoError(ENOSPC);
  };
  // unlink, and a rename over an existing file: the file's bytes go back to the quota and are
  // dropped (an open descriptor must not keep uncounted bytes alive; MEMFS drops the replaced
  // entry without an unlink, and its bytes stayed counted for good, shrinking every later job's /tmp)
  const dropped = (node) => {
    if (!node) return;
    if (FS.isFile(node.mode)) account(Object.assign(node, { contents: null, usedBytes: 0 }));
    usage.bytes -= entryBytes(node.name, node);
  };
  const sizeHooks = {
    mknod: { before: (_parent, name) => refuseEntry(entryBytes(name)), after: (_s, _parent, name) => { usage.bytes += entryBytes(name); } },
    symlink: {
      before: (_parent, name, target) => refuseEntry(entryBytes(name, { link: target })),
      after: (_s, _parent, name, target) => { usage.bytes += entryBytes(name, { link: target }); },
    },
    unlink: { before: (parent, name) => parent.contents?.[name], after: dropped },
    rmdir: { before: (parent, name) => parent.contents?.[name], after: dropped },
    setattr: { before: (node, attr) => attr.size !== undefined && refuseGrowth(node, attr.size), after: (_s, node) => account(node) },
    rename: {
      before: (oldNode, newDir, newName) => {
        refuseEntry(Math.max(0, entryBytes(newName) - entryBytes(oldNode.name)));
        const replaced = newDir.contents?.[newName];
        return { replaced: replaced && replaced !== oldNode ? replaced : null, oldName: oldNode.name };
      },
      after: ({ replaced, oldName }, _oldNode, _newDir, newName) => {
        dropped(replaced);
        usage.bytes += entryBytes(newName) - entryBytes(oldName);
      },
    },
  };
  for (const kind of ['dir', 'file', 'link', 'chrdev']) {
    for (const [name, nodesOf] of Object.entries(DIR_OPS)) guard(table[kind].node, name, nodesOf, sizeHooks[name]);
  }
  const streamHooks = {
    write: { before: (stream, _b, _o, length, position) => refuseGrowth(stream.node, position + length), after: (_s, stream) => account(stream.node) },
    allocate: { before: (stream, offset, length) => refuseGrowth(stream.node, offset + length), after: (_s, stream) => account(stream.node) },
    msync: {},
  };
  for (const [name, hooks] of Object.entries(streamHooks)) guard(table.file.stream, name, (stream) => [stream.node], hooks);
  boundPipes(module, usage);
  return {
    usage,
    /** Writes `bytes` as the file `path` in /tmp (replacing whatever is there) and protects it. */
    protect(path, bytes) {
      if (!inside(path) || path.slice(5).includes('/')) throw new Error(`not a file of /tmp: ${path}`);
      const existing = FS.analyzePath(path, true);
      if (existing.exists) FS.unlink(path); // a directory there throws: the job cannot run here
      FS.writeFile(path, bytes);
      FS.chmod(path, 0o444);
      locked.add(FS.lookupPath(path, { follow: false }).node);
      reserved.add(path.slice(5));
    },
    release() {
      locked.clear();
      reserved.clear();
    },
    /** After the reset emptied /tmp: nothing is counted any more, whatever was missed. */
    emptied() {
      usage.bytes = 0;
    },
  };
}

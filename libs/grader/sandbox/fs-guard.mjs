// Writes outside /tmp refused at the file system itself, below every path trick. The audit hook
// refuses them by path string, but a path is not where a write lands: a symlink made inside
// /tmp with a relative target (`os.symlink('../..', '/tmp/up')`, allowed because the target
// looked like /tmp from another working directory) or `os.open(name, ..., dir_fd=fd)` (the
// audit event does not carry dir_fd) reached /lib, and Emscripten's file system lives in JS
// objects that the in-place memory reset does not restore: a planted module would run in the
// next learner's grading. Every mutating MEMFS operation receives real nodes, so the check
// here uses the node's real path (FS.getPath), whatever path learner code wrote.
const EACCES = 2; // WASI errno numbering, as Emscripten uses

const DIR_OPS = {
  mknod: (parent) => [parent],
  symlink: (parent) => [parent],
  unlink: (parent) => [parent],
  rmdir: (parent) => [parent],
  rename: (oldNode, newDir) => [oldNode.parent, newDir],
  setattr: (node) => [node],
};

export function confineWritesToTmp(module) {
  const { FS, MEMFS } = module;
  const table = MEMFS.ops_table;
  if (!table) throw new Error('MEMFS ops table missing: cannot confine writes');
  const writable = (node) => {
    const path = FS.getPath(node);
    return path === '/tmp' || path.startsWith('/tmp/');
  };
  const guard = (ops, name, nodesOf) => {
    const original = ops[name];
    if (typeof original !== 'function' || original.confined) return;
    const confined = function (...args) {
      if (!nodesOf(...args).every(writable)) throw new FS.ErrnoError(EACCES);
      return original.apply(this, args);
    };
    confined.confined = true;
    ops[name] = confined;
  };
  for (const kind of ['dir', 'file', 'link', 'chrdev']) {
    for (const [name, nodesOf] of Object.entries(DIR_OPS)) guard(table[kind].node, name, nodesOf);
  }
  for (const name of ['write', 'msync', 'allocate']) guard(table.file.stream, name, (stream) => [stream.node]);
}

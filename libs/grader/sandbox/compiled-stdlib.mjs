// The standard library as CPython has it: sources in /lib/python3.14 with a __pycache__ of
// compiled modules beside them.
//
// Pyodide imports its standard library from /lib/python314.zip, which holds sources only, and
// zipimport writes no bytecode: every module that is not in the memory snapshot was compiled from
// source again at each grading (`import email.parser`: 130–300 ms, CPython 2–13 ms from its
// __pycache__; under load a suite importing a few such modules timed out). When the snapshot is
// made, the zip is extracted to /lib/python3.14 (CPython's own layout, so `__file__` and
// `__cached__` read as under CPython) and every module is compiled once into unchecked hash-based
// .pyc files, which the import system uses without looking at the source again (PEP 552); the
// snapshot maker imports its preloaded modules from that folder. The files travel with
// the memory snapshot (one blob, cached by the host) and every grading worker writes them into
// its file system before any Python runs. They are read-only there like the rest of /lib: the
// file guard lets writes land in /tmp only (fs-guard.mjs).
//
// The compiling runs in an interpreter of its own (sandbox-main's 'stdlib' worker), not in the
// snapshot maker's: compiling every module grew the wasm heap from 31 to 54 MB, and every reset
// writes back the snapshot's whole memory.
//
// Files travel packed: the index's length (u32, little endian), the index (JSON: [[path, size],
// ...]), the files' bytes. The snapshot blob: "PQSNAP01", the memory snapshot's length (u32), the
// memory snapshot, the packed files.

const MAGIC = 'PQSNAP01';
const STDLIB_ARCHIVE = '/lib/python314.zip';
const STDLIB_DIR = '/lib/python3.14';

/** In an interpreter of its own: the standard library's sources and their compiled modules, packed. */
export function compileStdlib(py) {
  py.runPython(
    'def __grader_compile_stdlib(archive, target):\n' +
      '    import zipimport, _imp\n' +
      '    from importlib import _bootstrap_external as be\n' +
      '    reader = zipimport.zipimporter(archive)\n' +
      '    files = []\n' +
      '    for name in sorted(zipimport._zip_directory_cache[archive]):\n' +
      "        if name.endswith('/'):\n" +
      '            continue\n' +
      "        path, data = target + '/' + name, reader.get_data(name)\n" +
      '        files.append((path, data))\n' +
      "        if not name.endswith('.py'):\n" +
      '            continue\n' +
      '        try:\n' +
      "            code = compile(data, path, 'exec', dont_inherit=True)\n" +
      '        except SyntaxError:  # a file no import reaches (a test of bad syntax): CPython skips it too\n' +
      '            continue\n' +
      '        pyc = be._code_to_hash_pyc(code, _imp.source_hash(_imp.pyc_magic_number_token, data), False)\n' +
      '        files.append((be.cache_from_source(path), bytes(pyc)))\n' +
      '    return files\n',
  );
  const compile = py.globals.get('__grader_compile_stdlib');
  const proxy = compile(STDLIB_ARCHIVE, STDLIB_DIR);
  const files = proxy.toJs();
  proxy.destroy();
  compile.destroy();
  return packFiles(files);
}

/** In the snapshot maker, whose file system has the files (installFiles): the folder takes the
 * zip's place on sys.path, before the preloaded imports. */
export function importFromStdlibDir(py) {
  py.runPython(
    'import sys\n' +
      `sys.path[sys.path.index(${JSON.stringify(STDLIB_ARCHIVE)})] = ${JSON.stringify(STDLIB_DIR)}\n` +
      'sys.path_importer_cache.clear()\n',
  );
}

function packFiles(files) {
  const index = new TextEncoder().encode(JSON.stringify(files.map(([path, data]) => [path, data.length])));
  const packed = new Uint8Array(4 + index.length + files.reduce((sum, [, data]) => sum + data.length, 0));
  new DataView(packed.buffer).setUint32(0, index.length, true);
  packed.set(index, 4);
  let at = 4 + index.length;
  for (const [, data] of files) {
    packed.set(data, at);
    at += data.length;
  }
  return packed;
}

/** Writes packed files into a file system (Pyodide's `fsInit`, before any Python runs). Each
 * worker gets its own copy (~20 MB): files made as views of the blob (`canOwn`) would save ~14 MB
 * per worker, but the blob is shared by every worker of the sandbox, and a write that got past
 * the file guard would then change the standard library under all of them at once. */
export function installFiles(FS, packed) {
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const indexLength = view.getUint32(0, true);
  const index = JSON.parse(new TextDecoder().decode(packed.subarray(4, 4 + indexLength)));
  let at = 4 + indexLength;
  for (const [path, size] of index) {
    FS.mkdirTree(path.slice(0, path.lastIndexOf('/')));
    FS.writeFile(path, packed.subarray(at, at + size));
    at += size;
  }
}

/** One blob: the memory snapshot and the packed standard library. */
export function packSnapshot(memory, stdlib) {
  const blob = new Uint8Array(12 + memory.length + stdlib.length);
  blob.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(blob.buffer).setUint32(8, memory.length, true);
  blob.set(memory, 12);
  blob.set(stdlib, 12 + memory.length);
  return blob;
}

/** The blob's parts, as views (no copy). A blob of another format throws: the sandbox then makes
 * a new snapshot (a stale cache file). */
export function unpackSnapshot(buffer) {
  const bytes = new Uint8Array(buffer);
  if (new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) throw new Error('not a PyQuiz snapshot');
  const memoryLength = new DataView(bytes.buffer, bytes.byteOffset, 12).getUint32(8, true);
  return { memory: bytes.subarray(12, 12 + memoryLength), stdlib: bytes.subarray(12 + memoryLength) };
}

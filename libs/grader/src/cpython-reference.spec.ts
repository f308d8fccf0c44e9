import { spawnSync } from 'node:child_process';
import { CPythonReference } from './cpython-reference.js';
import { DEFAULT_LIMITS, type GradingJob } from './types.js';

/**
 * verdicts() forks each job's run from a started `cpython_reference.py --serve` (a fresh
 * `python3 -I -S` per job cost ~60 ms of CPU, 2,000 times per fidelity corpus). The fork must
 * be what a fresh run is: the same process as seen from the tests, nothing left by an earlier job.
 */
const hasPython = spawnSync(process.env.PYQUIZ_PYTHON ?? 'python3', ['--version']).status === 0;
const withPython = hasPython ? it : it.skip;

function job(testModule: string, names: string[]): GradingJob {
  return { source: 'X = 1\n', moduleName: 'solution', testModule, limits: { ...DEFAULT_LIMITS, timeMsPerTest: 5000 },
    tests: names.map((name) => ({ name, kind: 'module', points: 1, visibility: 'visible', tags: [] })) };
}

// Each probe fails with what it saw. Left out on purpose: fd 2 (a pipe when fresh, a file when
// forked), the parent, and the hash seed (drawn per fresh process; the server's for every fork).
const probes = `import os, signal, sys, unittest

def depth():
    frame, n = sys._getframe(), 0
    while frame:
        frame, n = frame.f_back, n + 1
    return n

class Probe(unittest.TestCase):
    def test_process(self):
        here = os.getcwd()
        umask = os.umask(0)
        os.umask(umask)
        self.fail(repr({
            'argv': [os.path.relpath(a, here) for a in sys.argv[1:]], 'argv0': sys.argv[0],
            'orig_argv': sys.orig_argv[1:4] + [os.path.relpath(a, here) for a in sys.orig_argv[4:]],
            'cwd is the job folder': here == os.path.dirname(sys.argv[1]),
            'env': sorted((k, v.replace(here, '<job>')) for k, v in os.environ.items()),
            'path': [p.replace(here, '<job>') for p in sys.path],
            'fds': sorted(os.listdir('/proc/self/fd')), 'stdin, stdout': [os.readlink('/proc/self/fd/%d' % fd) for fd in (0, 1)],
            'ttys': [sys.__stdin__.isatty(), sys.__stdout__.isatty()], 'line_buffering': sys.__stdout__.line_buffering,
            'depth': depth(), 'recursionlimit': sys.getrecursionlimit(), 'flags': str(sys.flags), 'umask': umask,
            'signals': [str(signal.getsignal(s)) for s in (signal.SIGINT, signal.SIGPIPE, signal.SIGCHLD, signal.SIGTERM)],
            'main': sorted(vars(sys.modules['__main__'])),
        }))

    def test_modules(self):
        self.fail(','.join(sorted(sys.modules)))
`;

// The first job changes what a later run could see; the second asserts none of it is there.
const mutate = `import builtins, os, sys, unittest

class Mutate(unittest.TestCase):
    def test_mutate(self):
        unittest.leaked = builtins.leaked = True
        os.environ['LEAKED'] = '1'
        sys.modules['leaked_module'] = unittest
        sys.path.append('/leaked')
        sys.setrecursionlimit(50000)
        self.fail('ppid %d' % os.getppid())
`;
const check = `import builtins, os, sys, unittest

class Check(unittest.TestCase):
    def test_clean(self):
        self.assertFalse(hasattr(unittest, 'leaked') or hasattr(builtins, 'leaked'))
        self.assertNotIn('LEAKED', os.environ)
        self.assertNotIn('leaked_module', sys.modules)
        self.assertNotIn('/leaked', sys.path)
        self.assertLess(sys.getrecursionlimit(), 50000)
        self.fail('ppid %d' % os.getppid())
`;

describe(CPythonReference.name, () => {
  let forked: CPythonReference | null;
  let fresh: CPythonReference | null;

  beforeAll(async () => {
    [forked, fresh] = await Promise.all([
      CPythonReference.locate({ forkServer: true, concurrency: 1 }), CPythonReference.locate({ forkServer: false }),
    ]);
  });
  afterAll(() => forked?.close());

  withPython('a run forked from the server sees the process a fresh python3 -I -S run sees', async () => {
    const names = ['Probe.test_process', 'Probe.test_modules'];
    const mine = await forked!.verdicts(job(probes, names));
    const theirs = await fresh!.verdicts(job(probes, names));
    expect(mine.map((t) => t.status)).toEqual(['fail', 'fail']); // the probes ran and reported
    expect(mine).toEqual(theirs);
  });

  withPython('a forked run leaves nothing to the next one of the same server', async () => {
    const [first] = await forked!.verdicts(job(mutate, ['Mutate.test_mutate']));
    const [second] = await forked!.verdicts(job(check, ['Check.test_clean']));
    expect(first!.message).toMatch(/^AssertionError: ppid \d+$/);
    expect(first!.message).not.toBe(`AssertionError: ppid ${process.pid}`); // forked, not spawned by this process
    expect(second).toEqual({ name: 'Check.test_clean', status: 'fail', message: first!.message }); // the same server, every check passed
  });
});

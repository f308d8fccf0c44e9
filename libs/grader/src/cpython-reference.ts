import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findRepoRoot } from './repo-root.js';
import { selectedTests } from './result-builder.js';
import { DEFAULT_LIMITS, type GradingJob, type ProgramOutput } from './types.js';
import type { ReferenceVerdict } from './verdict-differences.js';

export { compareVerdicts, type ReferenceStatus, type ReferenceVerdict, type VerdictDifference } from './verdict-differences.js';

interface PythonRun {
  stdout: string;
  stderr: string;
  code: number | null;
  timedOut: boolean;
}

const run = promisify(execFile);

/**
 * The verdicts the machine's real CPython gives a job's tests, run plainly with unittest
 * (reference/cpython_reference.py), to hold the engine to: the fidelity corpus and
 * `exercises:validate` compare the two test by test. Only for code that authors wrote (reference
 * and wrong solutions, fixtures): there is no sandbox here.
 */
export class CPythonReference {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Idle `cpython_reference.py --serve` processes (at most `concurrency`; see ForkServer). */
  private readonly servers: ForkServer[] = [];
  private closed = false;

  private constructor(
    readonly executable: string,
    readonly version: string,
    private readonly concurrency: number,
    private readonly forkServer: boolean,
  ) {}

  /** `python3` (or `$PYQUIZ_PYTHON`) when it runs and is 3.10 or newer, else null. The real
   * executable is kept (a pyenv shim costs 150 ms per start). `forkServer` (default true, false
   * with PYQUIZ_CPYTHON_FORK=0): verdicts() forks each job's run from a started
   * `cpython_reference.py --serve` instead of starting `python3 -I -S cpython_reference.py` anew
   * (~60 ms of CPU per job saved: the interpreter's start and the reference's imports). */
  static async locate(options: { executable?: string; concurrency?: number; forkServer?: boolean } = {}): Promise<CPythonReference | null> {
    const executable = options.executable ?? process.env.PYQUIZ_PYTHON ?? 'python3';
    try {
      const probe = 'import sys; print("%d.%d.%d" % sys.version_info[:3]); print(sys.executable)';
      const { stdout } = await run(executable, ['-I', '-S', '-c', probe], { timeout: 20000 });
      const [version = '', real = ''] = stdout.trim().split('\n');
      const [major, minor] = version.split('.').map(Number);
      if (major !== 3 || minor! < 10) return null;
      const fork = options.forkServer ?? process.env.PYQUIZ_CPYTHON_FORK !== '0';
      return new CPythonReference(real.trim() || executable, version, options.concurrency ?? 2, fork);
    } catch {
      return null;
    }
  }

  /** Per-test verdicts, in the job's order; a test the run never reached is an `error`. */
  async verdicts(job: GradingJob): Promise<ReferenceVerdict[]> {
    return this.inTurn('pyquiz-cpython-', async (dir) => {
      const full = { ...job, moduleName: job.moduleName || 'solution', limits: { ...DEFAULT_LIMITS, ...job.limits } };
      const tests = selectedTests(full);
      await writeFile(join(dir, `${full.moduleName}.py`), full.source);
      // The hidden support modules the tests import, beside the submission (ids: Python identifiers).
      for (const [name, text] of Object.entries(full.supportModules ?? {})) await writeFile(join(dir, `${name}.py`), text);
      await writeFile(join(dir, 'job.json'), JSON.stringify({ ...full, tests }));
      const script = join(findRepoRoot(), 'libs', 'grader', 'reference', 'cpython_reference.py');
      const args = [join(dir, 'job.json'), join(dir, 'results.jsonl')];
      const limitMs = full.limits.timeMsTotal + full.limits.timeMsPerTest * tests.length + 10000;
      const { stderr } = this.forkServer
        ? await this.runForked(script, dir, args, limitMs, { PYTHONPATH: dir })
        : await this.runPython(dir, [script, ...args], limitMs, { env: { PYTHONPATH: dir }, stdout: 'ignore' });
      const lines = (await readFile(join(dir, 'results.jsonl'), 'utf8').catch(() => '')).split('\n').filter(Boolean);
      const done = lines.map((line) => JSON.parse(line) as ReferenceVerdict);
      return tests.map((t, i) => done[i] ?? { name: t.name, status: 'error', message: `CPython did not finish: ${stderr.slice(-300)}` });
    });
  }

  /**
   * What a program prints under this CPython (an author's predict-output code): its stdout, and
   * the last line of the traceback when it raised (`error`). Run as a file in a temporary folder,
   * at most `limitMs`; the output is kept to its first 64 KB.
   */
  async output(code: string, limitMs = 10000): Promise<ProgramOutput> {
    return this.inTurn('pyquiz-output-', async (dir) => {
      await writeFile(join(dir, 'main.py'), code);
      const { stdout, stderr, code: status, timedOut } = await this.runPython(dir, ['main.py'], limitMs);
      if (timedOut) return { stdout, error: `no output within ${limitMs} ms` };
      if (status !== 0) return { stdout, error: stderr.trim().split('\n').at(-1) ?? `exit status ${status}` };
      return { stdout };
    });
  }

  /** `work` in a fresh temporary folder (removed after), in one of the `concurrency` turns. */
  private async inTurn<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
    await this.slot();
    const dir = await mkdtemp(join(tmpdir(), prefix));
    try {
      return await work(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
      this.release();
    }
  }

  /** `python -I -S args` in `dir` with a minimal environment, killed after `limitMs`: its stdout
   * (first 64 KB; or to /dev/null, as the reference runner's always went: a test there may tell a
   * pipe from it), stderr (last 2,000 characters), exit status, and whether it was killed. */
  private runPython(dir: string, args: string[], limitMs: number,
    options: { env?: Record<string, string>; stdout?: 'pipe' | 'ignore' } = {}): Promise<PythonRun> {
    return new Promise((resolve) => {
      const child = spawn(this.executable, ['-I', '-S', ...args], {
        cwd: dir, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', ...options.env },
        stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(0, 65536)));
      child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, limitMs);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ stdout, stderr, code, timedOut });
      });
    });
  }

  /** Ends the idle fork servers (they also end by themselves when this process exits). */
  close(): void {
    this.closed = true;
    for (const server of this.servers.splice(0)) server.close();
  }

  /** The reference run of one job, forked from an idle server (a new one when none is idle):
   * what runPython gives with stdout 'ignore', stderr read back from a file of `dir`. */
  private async runForked(script: string, dir: string, args: string[], limitMs: number, env: Record<string, string>): Promise<PythonRun> {
    const server = this.servers.pop() ?? new ForkServer(this.executable, script);
    const stderrFile = join(dir, 'stderr.txt');
    const environment = { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', ...env };
    let outcome: { code: number | null; timedOut: boolean };
    try {
      outcome = await server.run({ args, cwd: dir, env: environment, stderr: stderrFile }, limitMs);
    } catch (error) {
      server.close();
      return { stdout: '', stderr: `the CPython fork server failed: ${(error as Error).message}`, code: null, timedOut: false };
    }
    if (this.closed) server.close();
    else this.servers.push(server);
    const stderr = (await readFile(stderrFile, 'utf8').catch(() => '')).slice(-2000);
    return { stdout: '', stderr, ...outcome };
  }

  private async slot(): Promise<void> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
  }

  private release(): void {
    this.running--;
    this.waiting.shift()?.();
  }
}

/**
 * One `python3 -I -S cpython_reference.py --serve` (reference/cpython_reference.py, serve()): it
 * forks a child per request, one request at a time, and answers the child's pid, then its exit
 * status. Unreferenced while idle, so it keeps no process alive; it exits when its stdin closes.
 */
class ForkServer {
  private readonly child: ChildProcess;
  private buffered = '';
  private readonly lines: string[] = [];
  private wake: (() => void) | null = null;
  private ended = false;

  constructor(executable: string, script: string) {
    this.child = spawn(executable, ['-I', '-S', script, '--serve'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8' },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      this.buffered += text;
      let end: number;
      while ((end = this.buffered.indexOf('\n')) >= 0) {
        this.lines.push(this.buffered.slice(0, end));
        this.buffered = this.buffered.slice(end + 1);
      }
      this.wake?.();
    });
    const ended = () => {
      this.ended = true;
      this.wake?.();
    };
    this.child.on('close', ended).on('error', ended);
    this.child.stdin!.on('error', () => undefined);
    this.idle();
  }

  /** Forks one run; SIGKILLs it after `limitMs` (timedOut), as runPython does. */
  async run(request: { args: string[]; cwd: string; env: Record<string, string>; stderr: string }, limitMs: number): Promise<{ code: number | null; timedOut: boolean }> {
    this.busy();
    let timedOut = false;
    let pid = 0;
    const kill = () => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // it ended meanwhile
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      if (pid) kill();
    }, limitMs);
    try {
      this.child.stdin!.write(`${JSON.stringify(request)}\n`);
      pid = Number(await this.line());
      if (timedOut) kill();
      const status = Number(await this.line());
      return { code: timedOut ? null : status, timedOut };
    } finally {
      clearTimeout(timer);
      this.idle();
    }
  }

  close(): void {
    this.child.stdin!.end();
  }

  private async line(): Promise<string> {
    while (this.lines.length === 0) {
      if (this.ended) throw new Error('the server ended');
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
    return this.lines.shift()!;
  }

  private busy(): void {
    this.child.ref();
    (this.child.stdout as unknown as { ref(): void }).ref();
  }

  private idle(): void {
    this.child.unref();
    (this.child.stdout as unknown as { unref(): void }).unref();
    (this.child.stdin as unknown as { unref?(): void }).unref?.();
  }
}

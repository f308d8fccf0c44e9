// Starts the built API (dist/) as a child process on a free port, for load and fault scripts.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const MAIN = resolve('dist/apps/api/src/main.js');

export interface ApiProcess {
  child: ChildProcess;
  baseUrl: string;
  /** Last lines the process wrote (stdout + stderr), for error messages. */
  output(): string;
  /** Lines of the whole output (up to 4 MB) that match `pattern`. */
  lines(pattern: RegExp): string[];
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

/** Spawns `node [nodeArgs] dist/apps/api/src/main.js` listening on 127.0.0.1 with `env` added. */
export async function spawnApi(env: Record<string, string>, options: { uid?: number; gid?: number; port?: number; nodeArgs?: string[] } = {}): Promise<ApiProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
  const { port = await freePort(), nodeArgs = [], ...ids } = options;
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    // The load signs up hundreds of learners from 127.0.0.1: the registration throttle is not measured.
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', REGISTRATIONS_PER_HOUR_PER_IP: '100000', LOGINS_PER_MINUTE_PER_IP: '100000', ATTEMPT_STARTS_PER_HOUR: '100000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...ids,
  });
  let all = '';
  const keep = (chunk: Buffer) => (all = (all + chunk.toString()).slice(-4_000_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | string>((done) => child.once('exit', (code, signal) => done(code ?? signal ?? 'unknown')));
  const lines = (pattern: RegExp) => all.split('\n').filter((line) => pattern.test(line));
  return { child, baseUrl: `http://127.0.0.1:${port}`, output: () => all.slice(-6000), lines, exited };
}

/** Waits until /health says the database and the grader are up (or the process dies). */
export async function waitHealthy(api: ApiProcess, timeoutMs = 180_000): Promise<number> {
  const started = Date.now();
  let dead: number | string | undefined;
  void api.exited.then((code) => (dead = code));
  while (Date.now() - started < timeoutMs) {
    if (dead !== undefined) throw new Error(`the API exited (${dead}) before it was healthy:\n${api.output()}`);
    try {
      const response = await fetch(`${api.baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok && ((await response.json()) as { status?: string }).status === 'ok') return Date.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`the API was not healthy after ${timeoutMs} ms:\n${api.output()}`);
}

/** SIGTERM (graceful) or SIGKILL, then waits for the exit. */
export async function stopApi(api: ApiProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (api.child.exitCode === null && api.child.signalCode === null) api.child.kill(signal);
  const timer = setTimeout(() => api.child.kill('SIGKILL'), 20_000);
  await api.exited;
  clearTimeout(timer);
}

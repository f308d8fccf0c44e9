import { execFile } from 'node:child_process';
import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { CANDIDATES, HIDDEN_FOLDERS, MAX_SANDBOX_TASKS, NOBODY, confinedArgv, describeWalls, extraTools, limitsArgv, type Candidate, type Programs, type SandboxWalls, type View } from './os-walls.js';
import { sandboxPaths, type SandboxPaths } from './repo-root.js';

const run = promisify(execFile);

/** The walls this machine provides: their description and how to start node inside them. */
export interface OsWalls {
  description: SandboxWalls;
  /** The command (program first) that runs `node nodeArgs` inside the walls. */
  argv(nodeArgs: string[]): string[];
}

/**
 * Run inside each candidate's walls before it is chosen: node must start, read what the sandbox
 * reads, and see no network interface but loopback. (The user and no-new-privileges are set by
 * setpriv, which fails rather than run without them.)
 */
const CHECK = `
const { readFileSync } = require('node:fs');
const { networkInterfaces } = require('node:os');
for (const file of JSON.parse(process.argv[1])) readFileSync(file);
const outside = Object.values(networkInterfaces()).flat().filter((i) => !i.internal);
if (outside.length > 0) throw new Error('network interface visible: ' + outside.map((i) => i.address).join(', '));
`;

/**
 * Tries the candidates strongest first and returns the first that works on this machine, or no
 * walls at all (the grader still runs; `announceWalls` says so loudly). Called once per pool.
 * Throws when a check fails for want of a task (see NO_TASK_LEFT). `maxTasks`: the task cap of
 * the walls (MAX_SANDBOX_TASKS; os-walls.spec lowers it).
 */
export async function detectWalls(paths: SandboxPaths = sandboxPaths(), candidates: readonly Candidate[] = CANDIDATES,
  maxTasks = MAX_SANDBOX_TASKS, timeoutMs = CHECK_TIMEOUT_MS): Promise<OsWalls> {
  const root = process.getuid?.() === 0;
  const tools = await findTools();
  const view: View = { readOnly: [paths.pyodideDir, paths.sandboxDir], readOnlyIfPresent: [paths.snapshotCacheDir, paths.zoneinfoDir] };
  const mustRead = [join(paths.pyodideDir, 'package.json'), join(paths.sandboxDir, 'sandbox-main.mjs')];
  const fallbacks: string[] = [];
  for (const candidate of candidates) {
    const noUserns = candidate.tool === 'bwrap' ? ' --disable-userns' : ' max_user_namespaces=0';
    const name = candidate.tool + (candidate.blockUserNamespaces ? noUserns : '') + (candidate.hideHost ? ' hiding /tmp /run /dev' : '')
      + (candidate.view ? ' with a read-only view' : '');
    const wrapper = tools[candidate.tool];
    if (!wrapper || !tools.setpriv) {
      fallbacks.push(`${name}: ${wrapper ? 'setpriv' : candidate.tool} is not installed`);
      continue;
    }
    const missing = extraTools(candidate).find((tool) => !tools[tool]);
    if (missing) {
      fallbacks.push(`${name}: ${missing === 'shell' ? 'sh' : missing} is not installed`);
      continue;
    }
    // The sandbox's own files under a folder this wall hides would vanish with it (a checkout in /tmp).
    const hiddenPath = candidate.hideHost && [...view.readOnly, ...view.readOnlyIfPresent]
      .find((path) => HIDDEN_FOLDERS.some((folder) => path.startsWith(`${folder}/`)));
    if (hiddenPath) {
      fallbacks.push(`${name}: ${hiddenPath} is in a folder it hides`);
      continue;
    }
    const programs: Programs = { node: tools.node, libraries: tools.libraries, setpriv: tools.setpriv, wrapper,
      prlimit: tools.prlimit, shell: tools.shell, mount: tools.mount, setsid: tools.setsid, mkdir: tools.mkdir, chroot: tools.chroot,
      helperLibraries: tools.helperLibraries };
    const argv = (nodeArgs: string[]) => confinedArgv(candidate, programs, view, root, nodeArgs, maxTasks);
    const check = argv(['-e', CHECK, JSON.stringify(mustRead)]);
    let failure = await failureOf(check, timeoutMs);
    for (let retry = 0; failure && NO_TASK_LEFT.test(failure) && retry < 3; retry++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      failure = await failureOf(check, timeoutMs);
    }
    if (failure && NO_TASK_LEFT.test(failure)) {
      throw new Error(`cannot detect the grading sandbox's OS walls: ${failure} (the sandbox user has no process left: `
        + 'another sandbox of this host holds them all; not starting with weaker walls)');
    }
    if (!failure) return { description: describeWalls(candidate, root, fallbacks, programs.prlimit !== undefined, maxTasks), argv };
    // A weaker candidate only for a failure of this wall, not of the sandbox user's resources.
    const control = await failureOf(controlArgv(tools, root, maxTasks, mustRead), timeoutMs);
    if (control) {
      throw new Error(`cannot detect the grading sandbox's OS walls: ${name}: ${failure}; and the sandbox user cannot run two node `
        + `processes without walls either: ${control} (another sandbox of this host may hold its processes; not starting with weaker walls)`);
    }
    fallbacks.push(`${name}: ${failure}`);
  }
  return { description: describeWalls('none', root, fallbacks), argv: (nodeArgs) => [tools.node, ...nodeArgs] };
}

/**
 * Run after a candidate's check failed: node as the sandbox user, under the same task cap, with no
 * wall, starting a second node and reading what the sandbox reads. A candidate's failure lets a
 * weaker one be tried only when this passes. Native code in a sandbox can exhaust what the
 * sandbox user has host-wide (RLIMIT_NPROC, epoll watches...) short of EAGAIN on the wrappers'
 * own fork: holding all but a few tasks, the shell of the unshare view failed with "Cannot fork"
 * and node without its threads, every candidate in turn, and the next pool ran with no walls,
 * as root. The control needs more of every such resource than any wall (two nodes), so a wall
 * that failed while it passes failed for want of what this machine offers, not of resources.
 */
const CONTROL = `
const { spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
for (const file of JSON.parse(process.argv[1])) readFileSync(file);
const second = spawnSync(process.execPath, ['-e', ''], { env: {}, stdio: 'inherit' });
if (second.status !== 0) throw new Error('a second node failed: ' + (second.error?.message ?? 'status ' + second.status + ' ' + second.signal));
`;

function controlArgv(tools: Awaited<ReturnType<typeof findTools>>, root: boolean, maxTasks: number, mustRead: string[]): string[] {
  const limits = limitsArgv(tools.prlimit, maxTasks);
  const drop = root ? [tools.setpriv!, `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', '--no-new-privs', '--'] : [];
  return [...limits, ...drop, tools.node, '-e', CONTROL, JSON.stringify(mustRead)];
}

/**
 * EAGAIN from fork, clone or execve: the sandbox user (nobody, shared by every sandbox of the
 * host) is at its task cap. That says nothing about what this machine can do: a sandbox whose
 * native code forks up to the cap made every candidate fail this way, and the next pool to start
 * on the host ran with no walls at all, as root. Such a check is retried, then start-up fails.
 */
const NO_TASK_LEFT = /Resource temporarily unavailable/;

/**
 * How long a check may run. Then it is killed with SIGKILL: util-linux's unshare ignores SIGTERM
 * while it waits for its child, so execFile's default signal left a check whose node hung (as it
 * does with a task or two short of its threads) running for ever, and start-up with it.
 */
const CHECK_TIMEOUT_MS = 20_000;

/** The first line of what went wrong running the check inside the walls, or null when it passed. */
async function failureOf([file, ...args]: string[], timeoutMs: number): Promise<string | null> {
  try {
    await run(file!, args, { env: {}, timeout: timeoutMs, killSignal: 'SIGKILL' });
    return null;
  } catch (error) {
    const { stderr, message, killed } = error as { stderr?: string; message: string; killed?: boolean };
    if (killed) return `no answer within ${timeoutMs / 1000} s (killed)`;
    const lines = (stderr || message).split('\n').map((line) => line.trim()).filter(Boolean);
    // Node prints the thrown error's own line after a source excerpt: prefer it.
    return (lines.find((line) => /^(Error|bwrap|unshare|setpriv)\b/.test(line)) ?? lines[0] ?? 'failed').slice(0, 200);
  }
}

/** The programs on this machine, each undefined when not installed (exported for os-walls.spec). */
export async function findTools() {
  const node = realpathSync(process.execPath);
  const [setpriv, setsid] = [onPath('setpriv'), onPath('setsid')];
  // setsid and setpriv run inside the unshare view after node's libraries: theirs go in as well
  const helperLibraries = (await Promise.all([setpriv, setsid].filter((p) => p !== undefined).map(sharedLibraries))).flat();
  return { node, libraries: await sharedLibraries(node), setpriv, bwrap: onPath('bwrap'), unshare: onPath('unshare'),
    prlimit: onPath('prlimit'), shell: onPath('sh'), mount: onPath('mount'), setsid, mkdir: onPath('mkdir'),
    // coreutils puts chroot in /usr/sbin, which a server user's PATH often lacks
    chroot: onPath('chroot') ?? onPath('chroot', '/usr/sbin:/sbin'),
    helperLibraries };
}

/** The shared libraries the dynamic loader maps for `binary`, as ldd lists them. */
async function sharedLibraries(binary: string): Promise<string[]> {
  try {
    const { stdout } = await run('ldd', [binary]);
    return [...new Set(stdout.match(/\/[^\s()]+/g) ?? [])];
  } catch {
    return []; // a static binary ("not a dynamic executable"), or no ldd: the check run tells
  }
}

function onPath(name: string, path = process.env.PATH || '/usr/sbin:/usr/bin:/sbin:/bin'): string | undefined {
  for (const dir of path.split(delimiter)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return realpathSync(join(dir, name));
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/**
 * The outer wall of the grading sandbox, at the operating-system level. Every layer inside the
 * sandbox (Node's permission model, the worker lockdown, the Python harness) has been bypassed at
 * some point, and Node's permission model never covered the network; this wall holds even for
 * arbitrary native code in the sandbox process. It is a command line: the sandbox's `node` is
 * started through bubblewrap (or unshare and setpriv when bubblewrap is missing). Which one this
 * machine can run is found once by `detectWalls` (walls-detect.ts).
 */
export type WallTool = 'bwrap' | 'unshare' | 'none';

/** What confines the sandbox process: shown by `GraderPool.health()`, /health and the start-up logs. */
export interface SandboxWalls {
  tool: WallTool;
  /** 'none': a network namespace of its own (only its own loopback); 'host': the host's network. */
  network: 'none' | 'host';
  /** The user the host kernel sees (not the uid inside a user namespace). */
  user: 'nobody' | 'same as server';
  uid: number;
  /**
   * 'read-only view': node, its libraries, Pyodide, the sandbox scripts, the snapshot cache and a
   * private /tmp. 'host, private /tmp /run /dev': the host's files as the sandbox's user sees them,
   * but private empty folders over the places where sockets and shared files live.
   */
  filesystem: 'read-only view' | 'host, private /tmp /run /dev' | 'host';
  /** 'hidden': a pid namespace of its own (no host process to signal, trace or read in /proc). */
  processes: 'hidden' | 'host';
  noNewPrivileges: boolean;
  /**
   * RLIMIT_NPROC of the sandbox (prlimit): processes and threads of its user, host-wide, beyond
   * which fork and thread creation fail; null when prlimit is missing (the host's own limit).
   */
  maxTasks: number | null;
  /** bwrap --disable-userns; impossible where /proc/sys is read-only (Docker), so not required. */
  nestedUserNamespaces: 'blocked' | 'allowed';
  /** Why each stronger candidate was not used. */
  fallbacks: string[];
}

/** One way to build the walls, strongest first in `CANDIDATES`. */
export interface Candidate {
  tool: 'bwrap' | 'unshare';
  /** bwrap --disable-userns; unshare hiding the host: user.max_user_namespaces 0 in its namespace. */
  blockUserNamespaces: boolean;
  /**
   * unshare only: also mount, pid, ipc and uts namespaces, with empty private folders mounted
   * over HIDDEN_FOLDERS (util-linux's mount, run by a shell before node starts). Needs a kernel
   * and a container that allow mounts in a new namespace; the plain candidate is the last resort.
   */
  hideHost?: boolean;
  /**
   * unshare only: the same namespaces, and node started in a read-only view of its own files
   * (VIEW_SCRIPT: bind mounts on a tmpfs moved over the namespace's root, then chroot), as
   * bubblewrap's view: nothing of the host's files, sockets or devices in sight.
   */
  view?: boolean;
}

export const CANDIDATES: readonly Candidate[] = [
  { tool: 'bwrap', blockUserNamespaces: true },
  { tool: 'bwrap', blockUserNamespaces: false },
  { tool: 'unshare', blockUserNamespaces: true, view: true },
  { tool: 'unshare', blockUserNamespaces: false, view: true },
  { tool: 'unshare', blockUserNamespaces: true, hideHost: true },
  { tool: 'unshare', blockUserNamespaces: false, hideHost: true },
  { tool: 'unshare', blockUserNamespaces: false },
];

/**
 * What the unshare wall covers with private empty folders: the places where Unix socket files
 * (PostgreSQL's /run/postgresql, /var/run is a link to /run), shared memory, terminals and devices
 * (/dev) and world-writable folders (/tmp, /var/tmp, /run/lock) are on Debian. A network namespace
 * does not cover a socket that is a file; hiding the folder does.
 */
export const HIDDEN_FOLDERS = ['/tmp', '/var/tmp', '/run', '/dev'] as const;

/**
 * Run by `sh -c` inside the new namespaces, before node: a private tmpfs over each folder that
 * exists, then `exec` of the rest of the command line (setpriv, node). `set -e`: a failed mount
 * stops here, and detection moves on to the next candidate. With `block` (as bwrap's
 * --disable-userns): the namespace's own user.max_user_namespaces set to 0, so that nothing in it
 * creates a user namespace (dropping capabilities does not stop that: a new user namespace gives
 * back every capability over the namespaces it then creates, network ones included, which is
 * most of the kernel's attack surface for unprivileged code). Only the namespace's root may write
 * it, and node has no capability left to set it back.
 */
const HIDE_HOST_SCRIPT = [
  'set -e',
  'mount="$1"; userns="$2"; shift 2',
  `for dir in ${HIDDEN_FOLDERS.join(' ')}; do`,
  '  if [ -d "$dir" ] && [ ! -L "$dir" ]; then "$mount" -t tmpfs -o size=8m,mode=1777,nosuid,nodev,noexec tmpfs "$dir"; fi',
  'done',
  'if [ "$userns" = block ]; then echo 0 > /proc/sys/user/max_user_namespaces; fi',
  'exec "$@"',
].join('\n');

/**
 * Run by `sh -c` inside the new namespaces, before node, for the unshare wall with a view: a
 * private tmpfs over /run (out of the way of every other path), on it the view, a tmpfs holding
 * a read-only bind of each path given (a file or a folder; those missing are skipped) and an
 * empty /tmp, the view made read-only, moved over the namespace's root (the host's whole tree
 * under it, covered) and entered with chroot; then `exec` of the rest (setsid, setpriv, node,
 * all inside the view). Without a capability, node can neither unmount the view (it would
 * uncover the host) nor chroot; in a user namespace of its own it could, but mounts it inherits
 * are locked together (umount: EINVAL) and the namespace root it can reach is the view itself.
 */
const VIEW_SCRIPT = [
  'set -e',
  'mount="$1"; mkdir="$2"; chroot="$3"; userns="$4"; shift 4',
  'view=/run/pyquiz-view',
  '"$mount" -t tmpfs -o size=1m,mode=0755 tmpfs /run',
  '"$mkdir" "$view"',
  '"$mount" -t tmpfs -o size=8m,mode=0755 tmpfs "$view"',
  'while [ "$1" != -- ]; do',
  '  if [ -e "$1" ] && [ ! -e "$view$1" ]; then',
  '    if [ -d "$1" ]; then "$mkdir" -p "$view$1"; else "$mkdir" -p "$view${1%/*}"; : > "$view$1"; fi',
  '    "$mount" --bind "$1" "$view$1"',
  '    "$mount" -o remount,bind,ro,nosuid,nodev "$view$1"',
  '  fi',
  '  shift',
  'done',
  'shift',
  // -p: a checkout under /tmp has made it already (seen: such a checkout lost the view)
  '"$mkdir" -p "$view/tmp"',
  'if [ "$userns" = block ]; then echo 0 > /proc/sys/user/max_user_namespaces; fi',
  '"$mount" -o remount,bind,ro "$view"',
  'cd "$view"',
  '"$mount" --move . /',
  'exec "$chroot" . "$@"',
].join('\n');

/** Absolute paths of the programs one candidate's walls are made of. */
export interface Programs {
  node: string;
  /** Shared libraries `node` loads, bound read-only into bwrap's view. */
  libraries: string[];
  setpriv: string;
  /** bwrap or unshare, as the candidate says. */
  wrapper: string;
  /** util-linux's prlimit: the task cap and no core files, before everything else. */
  prlimit?: string;
  /** A POSIX shell, util-linux's mount and setsid: the unshare candidates that hide the host. */
  shell?: string;
  mount?: string;
  setsid?: string;
  /** coreutils' mkdir and chroot, and the shared libraries of setpriv and setsid: the unshare view. */
  mkdir?: string;
  chroot?: string;
  helperLibraries?: string[];
}

/** What the sandbox may read besides node and its libraries; everything else is absent. */
export interface View {
  readOnly: string[];
  /** Bound only when present: the snapshot cache (the host creates it; the sandbox reads it). */
  readOnlyIfPresent: string[];
}

export const NOBODY = 65534;
/**
 * The cap on processes and threads of the sandbox's user (nobody, shared by every sandbox of the
 * host: each node takes about 12). Native code that got past every inner layer could otherwise
 * fork until the host's pid space or memory is gone, taking the server and its database with it;
 * with the cap, fork and clone fail for nobody's tasks alone.
 */
export const MAX_SANDBOX_TASKS = 1024;
/** The sandbox writes nothing to disk (Pyodide's files live in its own memory): a small /tmp. */
const TMP_BYTES = 8 * 1024 * 1024;

/**
 * The full command (program first) that runs `node nodeArgs` inside the candidate's walls.
 * `root`: the server runs as root and must drop to nobody itself.
 */
export function confinedArgv(candidate: Candidate, tools: Programs, view: View, root: boolean, nodeArgs: string[],
  maxTasks = MAX_SANDBOX_TASKS): string[] {
  // Resource limits first: they are inherited through every wrapper, and nobody cannot raise them.
  return [...limitsArgv(tools.prlimit, maxTasks), ...wrappedArgv(candidate, tools, view, root, [tools.node, ...nodeArgs])];
}

/** prlimit's task cap and no core files, as a command prefix (none without prlimit). */
export function limitsArgv(prlimit: string | undefined, maxTasks: number): string[] {
  return prlimit ? [prlimit, `--nproc=${maxTasks}`, '--core=0', '--'] : [];
}

function wrappedArgv(candidate: Candidate, tools: Programs, view: View, root: boolean, node: string[]): string[] {
  if (candidate.tool === 'unshare' && candidate.view) return viewArgv(candidate, tools, view, root, node);
  if (candidate.tool === 'unshare' && candidate.hideHost) return hideHostArgv(candidate, tools, root, node);
  if (candidate.tool === 'unshare') {
    // Without --user, root keeps the host's user namespace: setpriv then drops to nobody. A
    // non-root server needs a user namespace to get a network namespace at all.
    const namespaces = root ? ['--net'] : ['--user', '--net'];
    return [tools.wrapper, ...namespaces, '--', ...setprivArgv(tools, root), ...node];
  }
  // setpriv first: bwrap run by root would map root to root in its user namespace, and the
  // sandbox would keep root's power over host files. As nobody, bwrap makes its own namespaces.
  return [...setprivArgv(tools, root), tools.wrapper, ...bwrapOptions(candidate, tools, view), '--', ...node];
}

/** The namespaces of both unshare walls that mount (bwrap's set): see hideHostArgv. */
const UNSHARE_NAMESPACES = ['--user', '--map-root-user', '--net', '--mount', '--propagation', 'private',
  '--pid', '--fork', '--kill-child', '--mount-proc', '--ipc', '--uts'];

/**
 * unshare with bwrap's namespaces: user, network, mount (HIDDEN_FOLDERS private), pid (a fresh
 * /proc: only its own processes), ipc and uts. As bwrap, it runs as nobody when the server is
 * root (setpriv first), so every process of it is unprivileged as the host sees it; it needs its
 * user namespace to mount. Inside, the sandbox is root of that namespace only, and the second
 * setpriv clears the bounding and inheritable sets, so node starts with no capability at all (it
 * cannot unmount the private folders). `--kill-child`: killing unshare, the host's child, ends
 * everything inside.
 */
function hideHostArgv(candidate: Candidate, tools: Programs, root: boolean, node: string[]): string[] {
  const { shell, mount, setsid } = withExtraTools(candidate, tools);
  return [...setprivArgv(tools, root), tools.wrapper, ...UNSHARE_NAMESPACES, '--',
    shell, '-c', HIDE_HOST_SCRIPT, 'hide-host', mount, candidate.blockUserNamespaces ? 'block' : 'allow',
    setsid, ...noCapabilitiesArgv(tools), ...node];
}

/**
 * The unshare wall with a read-only view: hideHostArgv's namespaces and setpriv, VIEW_SCRIPT
 * instead of hiding folders. The view holds node, setsid and setpriv with their libraries, and
 * what the sandbox reads (as bwrap's).
 */
function viewArgv(candidate: Candidate, tools: Programs, view: View, root: boolean, node: string[]): string[] {
  const { shell, mount, setsid, mkdir, chroot } = withExtraTools(candidate, tools);
  // sorted: a folder comes before the paths under it, which it then already holds (skipped)
  const paths = [...new Set([tools.node, ...tools.libraries, setsid, tools.setpriv, ...(tools.helperLibraries ?? []),
    ...view.readOnly, ...view.readOnlyIfPresent])].sort();
  return [...setprivArgv(tools, root), tools.wrapper, ...UNSHARE_NAMESPACES, '--',
    shell, '-c', VIEW_SCRIPT, 'view', mount, mkdir, chroot, candidate.blockUserNamespaces ? 'block' : 'allow',
    ...paths, '--', setsid, ...noCapabilitiesArgv(tools), ...node];
}

type ExtraTool = 'shell' | 'mount' | 'setsid' | 'mkdir' | 'chroot';

/** The programs a candidate needs beyond setpriv and its wrapper (detection skips it without them). */
export function extraTools(candidate: Candidate): readonly ExtraTool[] {
  if (candidate.tool === 'unshare' && candidate.view) return ['shell', 'mount', 'setsid', 'mkdir', 'chroot'];
  if (candidate.tool === 'unshare' && candidate.hideHost) return ['shell', 'mount', 'setsid'];
  return [];
}

/** The candidate's extra programs, each present (detection checked; a missing one throws here). */
function withExtraTools(candidate: Candidate, tools: Programs): Record<ExtraTool, string> {
  const found = {} as Record<ExtraTool, string>;
  for (const tool of extraTools(candidate)) {
    const path = tools[tool];
    if (!path) throw new Error(`this unshare wall needs ${tool === 'shell' ? 'sh' : tool}`);
    found[tool] = path;
  }
  return found;
}

/** The last step before node in both unshare walls that mount: root of its user namespace only,
 * it keeps no capability (bounding and inheritable sets cleared, no new privileges). */
function noCapabilitiesArgv(tools: Programs): string[] {
  return [tools.setpriv, '--bounding-set=-all', '--inh-caps=-all', '--no-new-privs', '--'];
}

function setprivArgv(tools: Programs, root: boolean): string[] {
  const drop = root ? [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups'] : [];
  return [tools.setpriv, ...drop, '--no-new-privs', '--'];
}

/** The folders strictly between /tmp and each path below it, outermost first. */
function foldersUnderTmp(paths: string[]): string[] {
  const folders = new Set<string>();
  for (const path of paths.filter((p) => p.startsWith('/tmp/'))) {
    const parts = path.split('/').filter(Boolean);
    for (let i = 2; i < parts.length; i++) folders.add(`/${parts.slice(0, i).join('/')}`);
  }
  return [...folders].sort((a, b) => a.split('/').length - b.split('/').length);
}

function bwrapOptions(candidate: Candidate, tools: Programs, view: View): string[] {
  const readOnly = [...new Set([tools.node, ...tools.libraries, ...view.readOnly])];
  return [
    // Every namespace: network (only its own loopback), user, pid, ipc, uts, cgroup.
    '--unshare-all', '--unshare-user',
    ...(candidate.blockUserNamespaces ? ['--disable-userns'] : []),
    // A session of its own: no controlling terminal to inject keystrokes into (TIOCSTI), and
    // kill(0) cannot reach the server's process group (which shares the server's uid when the
    // server is not root). Cost: its own scheduler autogroup (see README, security model).
    '--die-with-parent', '--new-session',
    // The private /tmp first: mounted after the binds it would hide a checkout under /tmp
    // (seen: /tmp/fresh lost the wall and fell back to unshare). The folders leading to such a
    // checkout are made in that tmpfs without write permission, like the rest of the view.
    '--size', String(TMP_BYTES), '--tmpfs', '/tmp',
    ...foldersUnderTmp([...readOnly, ...view.readOnlyIfPresent]).flatMap((dir) => ['--perms', '0555', '--dir', dir]),
    ...readOnly.flatMap((path) => ['--ro-bind', path, path]),
    ...view.readOnlyIfPresent.flatMap((path) => ['--ro-bind-try', path, path]),
    // No /proc and no /dev at all (node and Pyodide need neither): nothing of the host's
    // processes, no /proc/self/fd path to load code from, no device, no terminal.
    // bwrap's root is a writable tmpfs: made read-only once the mount points exist. /tmp too:
    // nothing in the sandbox writes files (Pyodide's live in its own memory), and a writable
    // place let arbitrary JavaScript write an ELF program or addon and run it (native code:
    // any system call, fork up to the task cap); with no /proc, nothing else can be executed
    // but node and its libraries.
    '--remount-ro', '/', '--remount-ro', '/tmp',
    '--chdir', '/',
  ];
}

/** The walls a candidate gives, by construction (detectWalls has checked that it runs here). */
export function describeWalls(candidate: Candidate | 'none', root: boolean, fallbacks: string[], capped = false, maxTasks = MAX_SANDBOX_TASKS): SandboxWalls {
  const ownUid = process.getuid?.() ?? -1;
  const user = root && candidate !== 'none' ? { user: 'nobody' as const, uid: NOBODY } : { user: 'same as server' as const, uid: ownUid };
  if (candidate === 'none') {
    return { tool: 'none', network: 'host', ...user, filesystem: 'host', processes: 'host', noNewPrivileges: false, maxTasks: null, nestedUserNamespaces: 'allowed', fallbacks };
  }
  const hidden = candidate.tool === 'bwrap' || candidate.hideHost === true || candidate.view === true;
  return {
    tool: candidate.tool, network: 'none', ...user,
    filesystem: candidate.tool === 'bwrap' || candidate.view ? 'read-only view' : candidate.hideHost ? 'host, private /tmp /run /dev' : 'host',
    processes: hidden ? 'hidden' : 'host',
    maxTasks: capped ? maxTasks : null,
    noNewPrivileges: true,
    nestedUserNamespaces: candidate.blockUserNamespaces ? 'blocked' : 'allowed',
    fallbacks,
  };
}

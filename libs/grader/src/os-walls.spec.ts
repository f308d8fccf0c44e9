import { once } from 'node:events';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { sandboxPaths } from './repo-root.js';
import { SandboxProcess, spawnConfined } from './sandbox-process.js';
import { DEFAULT_LIMITS } from './types.js';
import { MAX_SANDBOX_TASKS, confinedArgv, type Candidate } from './os-walls.js';
import { detectWalls, findTools, type OsWalls } from './walls-detect.js';

// The outer wall proved by itself: a process under exactly the sandbox's confinement (the same
// detectWalls and spawnConfined build and start it), running arbitrary JavaScript instead of
// sandbox-main.mjs and without Node's permission flags, as if every inner layer had fallen.
const run = promisify(execFile);
const paths = sandboxPaths();
const walls = await detectWalls(paths);
const fallback = await detectWalls(paths, [{ tool: 'unshare', blockUserNamespaces: false }]);
const hiding = await detectWalls(paths, [{ tool: 'unshare', blockUserNamespaces: true, hideHost: true }]);
// The same wall where user.max_user_namespaces cannot be set: nested user namespaces allowed.
const hidingOpen = await detectWalls(paths, [{ tool: 'unshare', blockUserNamespaces: false, hideHost: true }]);
// Without bubblewrap, first choice: unshare with a read-only view of its own (VIEW_SCRIPT).
const viewed = await detectWalls(paths, [{ tool: 'unshare', blockUserNamespaces: true, view: true }]);
const viewedOpen = await detectWalls(paths, [{ tool: 'unshare', blockUserNamespaces: false, view: true }]);
const probe = readFileSync(join(paths.root, 'libs/grader/test-fixtures/walls-probe.mjs'), 'utf8');
const unconfined: OsWalls = { description: walls.description, argv: (nodeArgs) => [process.execPath, ...nodeArgs] };

const cannot = walls.description.tool === 'bwrap' ? null : `this machine cannot provide the walls (${walls.description.fallbacks.join('; ')})`;
if (cannot && process.env.CI === 'true') throw new Error(`CI must run the outer-wall spec: ${cannot}`);
if (cannot) console.warn(`os-walls.spec SKIPPED: ${cannot}`);
const describeWalled = cannot ? describe.skip : describe;
const describeFallback = fallback.description.tool === 'unshare' ? describe : describe.skip;
// The fallback that hides the host's sockets and processes needs mounts in a user namespace; CI
// (a machine of this kind) has them, so there it must run.
if (hiding.description.tool !== 'unshare' && process.env.CI === 'true') {
  throw new Error(`CI must run the unshare wall that hides the host: ${hiding.description.fallbacks.join('; ')}`);
}
const describeHiding = hiding.description.tool === 'unshare' && hidingOpen.description.tool === 'unshare' ? describe : describe.skip;

interface Report {
  tcp: Record<string, string>;
  udp: Record<string, string>;
  /** Unix sockets by path, '\0name' for the abstract namespace: 'connected' or the error code. */
  unix: Record<string, string>;
  /** kill(pid, 0) per host pid: 'ok' (a signal would be delivered) or the error code. */
  signal: Record<string, string>;
  read: Record<string, string>;
  write: Record<string, string>;
  spawn: Record<string, string>;
  /** dev:ino of every file or folder descriptor open in the probe, and of its own '/'. */
  openFiles: string[];
  root: string;
  terminal: { '/dev/tty': string; stdio: number[] };
}

interface Seen {
  report: Report;
  /** /proc/<pid>/status of every process of the tree, read from the host while the probe waits. */
  statuses: string[];
  /** /proc/<pid>/limits of the same processes. */
  limits: string[];
}

/** Every process from `pid` down (bwrap keeps a monitor and an init process above node). */
function processTree(pid: number): number[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  return [pid, ...children.flatMap(processTree)];
}

async function runProbe(within: OsWalls, targets: Record<string, unknown>): Promise<Seen> {
  const child: ChildProcess = spawnConfined(within, ['--input-type=module', '-e', probe, JSON.stringify(targets)]);
  const exited = once(child, 'exit');
  const [report] = (await once(child, 'message')) as [Report];
  const tree = processTree(child.pid!);
  const statuses = tree.map((pid) => readFileSync(`/proc/${pid}/status`, 'utf8'));
  const limits = tree.map((pid) => readFileSync(`/proc/${pid}/limits`, 'utf8'));
  child.send('exit');
  await exited;
  return { report, statuses, limits };
}

/** Soft and hard value of one line of /proc/<pid>/limits ('Max processes'...). */
const limit = (limits: string, name: string) => new RegExp(`^${name}\\s+(\\S+)\\s+(\\S+)`, 'm').exec(limits)?.slice(1, 3);

/** Every process of a wall: at most MAX_SANDBOX_TASKS tasks of its user, and no core file. */
function expectCapped(seen: Seen, walls: OsWalls) {
  expect(walls.description.maxTasks).toBe(MAX_SANDBOX_TASKS);
  expect(seen.limits.length).toBe(seen.statuses.length);
  for (const limits of seen.limits) {
    expect(limit(limits, 'Max processes')).toEqual([String(MAX_SANDBOX_TASKS), String(MAX_SANDBOX_TASKS)]);
    expect(limit(limits, 'Max core file size')).toEqual(['0', '0']);
  }
}

const field = (status: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(status)?.[1]?.trim().split(/\s+/);

describe('outer wall of the grading sandbox', () => {
  let tcpServer: Server;
  let udpServer: UdpSocket;
  let unixServer: Server;
  let abstractServer: Server;
  let tcpArrivals = 0;
  let udpArrivals = 0;
  let unixArrivals = 0;
  let hostDir: string;
  let socketDir: string;
  let hostSocket: string;
  let canary: ChildProcess;
  let peer: ChildProcess;
  const id = `walls-probe-${process.pid}-${Date.now()}`;
  const abstractSocket = `\0${id}`;
  // PostgreSQL's own socket (mode 0777, trust authentication on these machines): a connection is
  // a database superuser. Tried when this machine has one; the test's own socket stands for it.
  const postgresSockets = ['/var/run/postgresql/.s.PGSQL.5432', '/run/postgresql/.s.PGSQL.5432'].filter((path) => existsSync(path));
  const targets: Record<string, unknown> = {};
  const writes: string[] = [];
  // An exercise of the checkout, hidden tests included (0644 in a git checkout, as every file).
  const exercise = join(paths.root, 'exercises/closures/accumulator.yaml');

  beforeAll(async () => {
    tcpServer = createServer((socket) => { tcpArrivals++; socket.destroy(); }).listen(0, '127.0.0.1');
    udpServer = createSocket('udp4').on('message', () => udpArrivals++).bind(0, '127.0.0.1');
    // A Unix socket anyone may connect to, in a folder anyone may traverse, as PostgreSQL's; and
    // one in the abstract namespace (no file: it belongs to the network namespace).
    socketDir = mkdtempSync(join(tmpdir(), 'walls-socket-'));
    chmodSync(socketDir, 0o755);
    hostSocket = join(socketDir, 'host.sock');
    unixServer = createServer((socket) => { unixArrivals++; socket.destroy(); }).listen(hostSocket);
    abstractServer = createServer((socket) => { unixArrivals++; socket.destroy(); }).listen(abstractSocket);
    await Promise.all([once(tcpServer, 'listening'), once(udpServer, 'listening'), once(unixServer, 'listening'), once(abstractServer, 'listening')]);
    chmodSync(hostSocket, 0o777);
    hostDir = mkdtempSync(join(tmpdir(), 'walls-host-'));
    writeFileSync(join(hostDir, 'secret.txt'), 'host secret', { mode: 0o644 });
    // A host process with a secret in its environment: /proc/<pid>/environ must stay out of reach.
    canary = spawn('sleep', ['60'], { env: { WALLS_CANARY: id }, stdio: 'ignore' });
    // Another process of the sandbox's own user (another pool's sandbox: the API's and a queue
    // grader's run side by side), which holds other learners' hidden tests in its memory.
    peer = process.getuid!() === 0
      ? spawn('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', 'sleep', '60'], { env: {}, stdio: 'ignore' })
      : spawn('sleep', ['60'], { env: {}, stdio: 'ignore' });
    writes.push(join(paths.root, `${id}.txt`), join(paths.pyodideDir, `${id}.txt`), join(paths.sandboxDir, `${id}.txt`),
      join(paths.snapshotCacheDir, `${id}.txt`), join(hostDir, `${id}.txt`), `/${id}.txt`, `/dev/${id}.txt`, `/dev/shm/${id}.txt`);
    Object.assign(targets, {
      tcp: [{ host: '127.0.0.1', port: (tcpServer.address() as { port: number }).port }, { host: '127.0.0.1', port: 5432 }, { host: '192.0.2.1', port: 80 }],
      udp: [{ host: '127.0.0.1', port: udpServer.address().port }, { host: '192.0.2.1', port: 53 }],
      unix: [hostSocket, abstractSocket, ...postgresSockets],
      signal: [canary.pid, peer.pid, process.pid],
      read: ['/etc/shadow', '/etc/passwd', join(paths.root, 'package.json'), join(paths.root, 'node_modules/pg/package.json'), exercise,
        ...[join(paths.root, '.data/jwt-secret'), join(paths.root, '.env')].filter((file) => existsSync(file)), // the embedded database's folder, when there is one
        join(hostDir, 'secret.txt'), '/proc/1/environ', `/proc/${canary.pid}/environ`, join(paths.pyodideDir, 'package.json'),
        // The server's environment (its secrets), the host's sockets, and another sandbox's memory map
        // (readable only with ptrace access: the same access reads and writes its memory).
        `/proc/${process.pid}/environ`, '/proc/net/unix', '/proc/net/tcp', `/proc/${peer.pid}/maps`],
      write: [...writes, `/tmp/${id}.txt`],
      spawn: ['/bin/sh'],
    });
  });

  afterAll(async () => {
    canary?.kill();
    peer?.kill();
    unixServer?.close();
    abstractServer?.close();
    if (socketDir) rmSync(socketDir, { recursive: true, force: true });
    tcpServer?.close();
    udpServer?.close();
    for (const file of [...writes, `/tmp/${id}.txt`]) rmSync(file, { force: true });
    if (hostDir) rmSync(hostDir, { recursive: true, force: true });
  });

  it('control: the same probe without the walls reaches the host (so a blocked attempt below means the wall)', async () => {
    const { report } = await runProbe(unconfined, { ...targets, write: [join(hostDir, 'control.txt')] });
    expect(report.tcp[`127.0.0.1:${(tcpServer.address() as { port: number }).port}`]).toBe('connected');
    expect(report.read['/etc/passwd']).toBe('ok');
    expect(report.read[join(hostDir, 'secret.txt')]).toBe('ok');
    expect(existsSync(join(hostDir, 'control.txt'))).toBe(true);
    expect([report.unix[hostSocket], report.unix[abstractSocket]]).toEqual(['connected', 'connected']);
    expect(report.signal[String(peer.pid)]).toBe('ok');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(tcpArrivals).toBeGreaterThan(0);
    expect(udpArrivals).toBeGreaterThan(0);
    expect(unixArrivals).toBe(2);
    tcpArrivals = udpArrivals = unixArrivals = 0;
  });

  /** The probe under `within`, the host's listeners counting its arrivals from zero, once a late
   * datagram would have arrived. */
  async function probeCountingArrivals(within: OsWalls, probeTargets: Record<string, unknown>): Promise<Seen> {
    tcpArrivals = udpArrivals = unixArrivals = 0;
    const seen = await runProbe(within, probeTargets);
    await new Promise((resolve) => setTimeout(resolve, 300));
    return seen;
  }

  // The same proofs for bubblewrap and for the unshare wall with a read-only view (no bubblewrap).
  const viewLabel = 'unshare with a read-only view (no bubblewrap)';
  if (viewed.description.tool !== 'unshare' && process.env.CI === 'true') {
    throw new Error(`CI must run the unshare wall with a view: ${viewed.description.fallbacks.join('; ')}`);
  }
  describe.each([
    { label: walls.description.tool, subject: walls, run: !cannot },
    { label: viewLabel, subject: viewed, run: viewed.description.tool === 'unshare' },
  ])('under $label', ({ subject: walls, run }) => {
    if (!run) return it.skip('cannot be built on this machine', () => {});
    let seen: Seen;

    beforeAll(async () => {
      seen = await probeCountingArrivals(walls, targets);
    });

    it('reaches nothing over TCP: not the host listener, not PostgreSQL, not outside', () => {
      for (const outcome of Object.values(seen.report.tcp)) expect(outcome).toMatch(/^(ECONNREFUSED|ENETUNREACH)$/);
      expect(tcpArrivals).toBe(0);
    });

    it('delivers no UDP datagram to the host', () => {
      expect(Object.values(seen.report.udp).length).toBe(2);
      expect(udpArrivals).toBe(0);
    });

    it("reaches no Unix socket: not a host socket file (PostgreSQL's), not the host's abstract namespace", () => {
      const { unix } = seen.report;
      expect(Object.keys(unix).length).toBe(2 + postgresSockets.length);
      for (const path of [hostSocket, ...postgresSockets]) expect([path, unix[path]]).toEqual([path, 'ENOENT']);
      expect(unix[abstractSocket]).toBe('ECONNREFUSED'); // its own network namespace's, where nothing listens
      expect(unixArrivals).toBe(0);
    });

    it('can signal no process of the host: not the server, not another process of its own user', () => {
      expect(Object.keys(seen.report.signal).length).toBe(3);
      for (const [pid, outcome] of Object.entries(seen.report.signal)) expect([pid, outcome]).toEqual([pid, 'ESRCH']);
    });

    it('reads only its own view: not /etc, the repository, other packages, host files or host processes', () => {
      const { read } = seen.report;
      expect(read[join(paths.pyodideDir, 'package.json')]).toBe('ok'); // what it needs is there
      for (const [path, outcome] of Object.entries(read)) {
        if (!path.startsWith(paths.pyodideDir)) expect([path, outcome]).toEqual([path, 'ENOENT']);
      }
    });

    it('writes nothing anywhere, not even in its private /tmp: no program or addon of its own to run', () => {
      expect(seen.report.write[`/tmp/${id}.txt`]).toBe('EROFS');
      expect(existsSync(`/tmp/${id}.txt`)).toBe(false);
      for (const path of writes) {
        expect([path, seen.report.write[path]]).toEqual([path, expect.stringMatching(/^(EROFS|ENOENT|EACCES)$/)]);
        expect([path, existsSync(path)]).toEqual([path, false]);
      }
    });

    it('finds no shell to start, no terminal and no file descriptor of the host', () => {
      expect(seen.report.spawn['/bin/sh']).toBe('ENOENT');
      expect(seen.report.terminal).toEqual({ '/dev/tty': 'ENOENT', stdio: [] });
      const hostRoot = statSync('/');
      expect(seen.report.root).not.toBe(`${hostRoot.dev}:${hostRoot.ino}`);
      for (const open of seen.report.openFiles) expect(open).toBe(seen.report.root);
    });

    it('is unprivileged (nobody when the server is root) with no new privileges, as the host kernel sees every process of it', () => {
      const uid = String(walls.description.uid);
      expect(uid).not.toBe('0');
      if (process.getuid!() === 0) expect(uid).toBe('65534');
      expect(seen.statuses.length).toBeGreaterThanOrEqual(2);
      for (const status of seen.statuses) {
        expect(field(status, 'Uid')).toEqual([uid, uid, uid, uid]);
        expect(field(status, 'NoNewPrivs')).toEqual(['1']);
      }
      const node = seen.statuses.find((status) => field(status, 'Name')?.[0] === 'node')!;
      expect(field(node, 'CapEff')).toEqual(['0000000000000000']);
      expectCapped(seen, walls);
    });
  });

  // Native code past every inner layer, in the unshare view where nested user namespaces are
  // allowed (where max_user_namespaces cannot be set): python3 with ctypes stands for it, bound
  // into a view of its own with the system's folders, as if the attacker had brought it along.
  const python = '/usr/bin/python3';
  /** The command running python3 with `code` inside a candidate's wall, whose view also holds the
   * system's folders (the program and its libraries an attacker would have brought along). */
  async function pythonInside(candidate: Candidate, code: string): Promise<string[]> {
    const tools = await findTools();
    const programs = { ...tools, node: python, wrapper: tools[candidate.tool]!, setpriv: tools.setpriv! };
    const view = { readOnly: ['/usr', '/lib', '/lib64', '/bin'], readOnlyIfPresent: [] };
    return confinedArgv(candidate, programs, view, process.getuid!() === 0, ['-I', '-S', '-c', code]);
  }
  (viewedOpen.description.tool === 'unshare' && existsSync(python) ? it : it.skip)(
    'the unshare view holds against a user namespace of its own: chroot escapes reach only the view, and it cannot be unmounted', async () => {
      const attack = [
        'import ctypes, json, os',
        "libc = ctypes.CDLL('libc.so.6', use_errno=True)",
        'out = [libc.unshare(0x10000000 | 0x00020000)]  # CLONE_NEWUSER | CLONE_NEWNS: every capability in them',
        "os.chroot('/usr')",
        'for _ in range(30): os.chdir("..")',
        "os.chroot('.')",
        "out.append(sorted(os.listdir('/')))  # the classic chroot escape: where does it land?",
        "out.append((libc.umount2(b'/', 2), ctypes.get_errno()))  # MNT_DETACH of the view itself",
        "out.append(sorted(os.listdir('/')))",
        'print(json.dumps(out))',
      ].join('\n');
      const argv = await pythonInside({ tool: 'unshare', blockUserNamespaces: false, view: true }, attack);
      const { stdout } = await run(argv[0]!, argv.slice(1), { env: {}, timeout: 20000 });
      const [unshared, escaped, umount, after] = JSON.parse(stdout);
      expect(unshared).toBe(0); // the namespace was made: the attack is real
      const inView = ['bin', 'lib', 'lib64', 'tmp', 'usr'];
      expect(escaped).toEqual(inView); // the view's own root: the host's /etc, /root, /work are not there
      expect(umount).toEqual([-1, 22]); // EINVAL: the mounts it inherited are locked together
      expect(after).toEqual(inView);
    });

  // Red team 21. The kernel's keyrings are not namespaced by either wall, and a process keeps the
  // session keyring it was started with through fork, exec, setpriv, unshare and bwrap. A server
  // with one of its own (systemd's default for services, KeyringMode=private; a login through
  // pam_keyinit) hands it to every sandbox, which possesses it and every key in it: reads the
  // server's keys, adds its own for the next sandbox to read, revokes or unlinks the server's. No
  // program of util-linux or coreutils joins a fresh session keyring, so the walls cannot drop it:
  // known limit, asserted (README: run the service with KeyringMode=inherit).
  (viewed.description.tool === 'unshare' && existsSync(python) ? it : it.skip)(
    "known limit: possesses the server's session keyring, when it has one, under both walls", async () => {
      const tools = await findTools();
      // The sandbox's native code: the keys of its session keyring (KEYCTL_READ, 11), each read.
      const attack = [
        'import ctypes',
        "libc = ctypes.CDLL('libc.so.6', use_errno=True)",
        'buf = ctypes.create_string_buffer(4096)',
        'n = libc.syscall(250, ctypes.c_long(11), ctypes.c_long(-3), buf, ctypes.c_long(4096))',
        'for i in range(0, max(n, 0), 4):',
        "    key = ctypes.create_string_buffer(64); m = libc.syscall(250, ctypes.c_long(11), ctypes.c_long(int.from_bytes(buf.raw[i:i + 4], 'little')), key, ctypes.c_long(64))",
        '    print(key.raw[:max(m, 0)].decode())',
      ].join('\n');
      // The server: a session keyring of its own (KEYCTL_JOIN_SESSION_KEYRING, 1) holding a key, then the walls.
      const server = [
        'import ctypes, os, sys',
        "libc = ctypes.CDLL('libc.so.6', use_errno=True)",
        'assert libc.syscall(250, ctypes.c_long(1), None) > 0',
        "assert libc.syscall(248, b'user', b'server-key', b'secret of the server', ctypes.c_long(20), ctypes.c_long(-3)) > 0",
        'os.execv(sys.argv[1], sys.argv[1:])',
      ].join('\n');
      for (const candidate of [{ tool: 'unshare', blockUserNamespaces: true, view: true }, { tool: 'bwrap', blockUserNamespaces: true }] as const) {
        if (!tools[candidate.tool]) continue;
        const argv = await pythonInside(candidate, attack);
        const { stdout } = await run(python, ['-I', '-c', server, ...argv], { env: {}, timeout: 20000 });
        expect([candidate.tool, stdout]).toEqual([candidate.tool, 'secret of the server\n']);
        // Control: a server without a session keyring of its own hands none over.
        const { stdout: none } = await run(argv[0]!, argv.slice(1), { env: {}, timeout: 20000 });
        expect([candidate.tool, none]).toEqual([candidate.tool, expect.not.stringContaining('secret of the server')]);
      }
    });

  // Without bubblewrap, first choice: unshare with bwrap's namespaces and private empty folders
  // over /tmp, /var/tmp, /run and /dev. The host's other files stay visible, as its user sees them.
  describeHiding('under the fallback that hides the host (unshare with pid, mount, ipc namespaces; no bubblewrap)', () => {
    let seen: Seen;
    const privateWrites = [`/tmp/${id}.txt`, `/var/tmp/${id}.txt`, `/dev/${id}.txt`, `/run/${id}.txt`];

    beforeAll(async () => {
      seen = await probeCountingArrivals(hiding, { ...targets, write: [...privateWrites, `/dev/shm/${id}.txt`, join(paths.root, `${id}.txt`), join(paths.snapshotCacheDir, `${id}.txt`)] });
    });

    it('reaches nothing over the network, nor the abstract Unix sockets of the host', () => {
      for (const outcome of Object.values(seen.report.tcp)) expect(outcome).toBe('ENETUNREACH');
      expect([tcpArrivals, udpArrivals]).toEqual([0, 0]);
      expect(seen.report.unix[abstractSocket]).toBe('ECONNREFUSED');
    });

    it("reaches no Unix socket file: not one in host /tmp, not PostgreSQL's in /run", () => {
      for (const path of [hostSocket, ...postgresSockets]) expect([path, seen.report.unix[path]]).toEqual([path, 'ENOENT']);
      expect(unixArrivals).toBe(0);
    });

    it("can signal, trace or read no process of the host: not the server's, not one of its own user", () => {
      for (const [pid, outcome] of Object.entries(seen.report.signal)) expect([pid, outcome]).toEqual([pid, 'ESRCH']);
      // (its /proc is its own: pid 1 there is the probe itself)
      for (const path of [`/proc/${peer.pid}/maps`, `/proc/${process.pid}/environ`, `/proc/${canary.pid}/environ`]) {
        expect([path, seen.report.read[path]]).toEqual([path, expect.stringMatching(/^(ENOENT|EACCES)$/)]);
      }
    });

    it('writes only into its private folders, which the host never sees; no terminal', () => {
      for (const path of privateWrites) {
        expect([path, seen.report.write[path]]).toEqual([path, 'ok']);
        expect([path, existsSync(path)]).toEqual([path, false]);
      }
      expect([seen.report.write[`/dev/shm/${id}.txt`], existsSync(`/dev/shm/${id}.txt`)]).toEqual(['ENOENT', false]); // the host's shared memory
      expect(seen.report.terminal).toEqual({ '/dev/tty': 'ENOENT', stdio: [] });
      if (process.getuid!() === 0) { // nobody cannot write the server's folders: the repository, the snapshot cache
        // (the cache folder exists once a pool has started: ENOENT before that, in a fresh clone)
        for (const path of [join(paths.root, `${id}.txt`), join(paths.snapshotCacheDir, `${id}.txt`)]) {
          expect([path, seen.report.write[path], existsSync(path)]).toEqual([path, expect.stringMatching(/^(EACCES|ENOENT)$/), false]);
        }
        expect(seen.report.write[join(paths.root, `${id}.txt`)]).toBe('EACCES');
      }
    });

    it('runs every process as an unprivileged user with no new privileges and no capability', () => {
      expect(hiding.description).toEqual(expect.objectContaining({ network: 'none', filesystem: 'host, private /tmp /run /dev', processes: 'hidden', nestedUserNamespaces: 'blocked' }));
      expect(seen.statuses.length).toBeGreaterThanOrEqual(2);
      for (const status of seen.statuses) {
        expect(field(status, 'Uid')?.[0]).toBe(String(hiding.description.uid));
        expect(field(status, 'NoNewPrivs')).toEqual(['1']);
      }
      const node = seen.statuses.find((status) => field(status, 'Name')?.[0] === 'node')!;
      expect([field(node, 'CapEff'), field(node, 'CapPrm'), field(node, 'CapBnd')]).toEqual([['0000000000000000'], ['0000000000000000'], ['0000000000000000']]);
      expect(hiding.description.uid).not.toBe(0);
      expect(seen.report.read['/etc/shadow']).toBe('EACCES');
      expectCapped(seen, hiding);
    });
    // Known limits (README, security model): the host's files stay readable as nobody reads them,
    // the checkout's exercises with their hidden tests among them; and the kernel's keyrings are
    // not namespaced by this wall: a key another sandbox opened to its user is listed in
    // /proc/keys and read (a channel between two sandboxes; native code from the host's perl).
    it("known limit: reads the checkout's exercise files, hidden tests included", () => {
      expect(seen.report.read[exercise]).toBe('ok');
    });

    (process.arch === 'x64' && existsSync('/usr/bin/perl') ? it : it.skip)('known limit: reads a key another sandbox opened to the sandbox user', async () => {
      const perl = (script: string) => `
        const { spawn } = require('node:child_process');
        const run = spawn('/usr/bin/perl'); // the program on its standard input (perl -e wants /dev/null)
        run.stdin.end(${JSON.stringify(script)});
        let out = '';
        run.stdout.on('data', (chunk) => (out += chunk));
        run.stdout.once('data', () => process.send(out));
        run.on('exit', () => process.send(out));`;
      // add_key (248) to its process keyring (-2), KEYCTL_SETPERM (5) open to all, then hold it.
      const holder = spawnConfined(hiding, ['-e', perl(`$| = 1; my ($t, $d, $p) = ("user", "${id}", "key of sandbox A"); my $k = syscall(248, $t, $d, $p, 16, -2); syscall(250, 5, $k, 0x3f3f3f3f); print "$k\\n"; sleep 10`)]);
      try {
        const [serial] = (await once(holder, 'message')) as [string];
        expect(Number(serial)).toBeGreaterThan(0);
        // KEYCTL_READ (11) of every key named so in the other sandbox's /proc/keys.
        const reader = spawnConfined(hiding, ['-e', perl(`open F, "/proc/keys"; while (<F>) { next unless /${id}/; my $b = "\\0" x 64; my $n = syscall(250, 11, hex((split)[0]), $b, 64); print substr($b, 0, $n) }`)]);
        const [read] = (await once(reader, 'message')) as [string];
        expect(read).toBe('key of sandbox A');
        await once(reader, 'exit');
      } finally {
        holder.kill('SIGKILL');
      }
    });

    // Also: locks on host files it can read are shared with every process of the host (a channel
    // between sandboxes, and a lock held on a file a host program locks makes it wait).
    it('known limit: holds a lock on a host file that another sandbox then cannot take', async () => {
      const lock = (hold: boolean) => `
        const { spawn } = require('node:child_process');
        const run = spawn('/usr/bin/perl');
        run.stdin.end('$| = 1; open F, "<", ${JSON.stringify(exercise)}; print flock(F, 6) ? "locked" : "busy"; ${hold ? 'sleep 10' : ''}');
        run.stdout.once('data', (chunk) => process.send(String(chunk)));`;
      const holder = spawnConfined(hiding, ['-e', lock(true)]);
      try {
        expect(await once(holder, 'message')).toEqual(['locked']);
        const other = spawnConfined(hiding, ['-e', lock(false)]);
        expect(await once(other, 'message')).toEqual(['busy']);
        await once(other, 'exit');
      } finally {
        holder.kill('SIGKILL');
      }
    });

    it('creates no user namespace (which would give back every capability over the namespaces made in it), and cannot lift that', async () => {
      const attack = `
        const { spawnSync } = require('node:child_process');
        const run = (file, args) => { const r = spawnSync(file, args, { encoding: 'utf8' }); return (r.error ? r.error.code : r.status) + ' ' + (r.stdout + r.stderr).trim(); };
        process.send([
          run('unshare', ['--user', '--net', 'id']),
          run('/bin/sh', ['-c', 'echo 100 > /proc/sys/user/max_user_namespaces; cat /proc/sys/user/max_user_namespaces']),
        ]);`;
      const child = spawnConfined(hiding, ['-e', attack]);
      const [outcomes] = (await once(child, 'message')) as [string[]];
      await once(child, 'exit');
      expect(outcomes[0]).toMatch(/^1 unshare: unshare failed: No space left on device$/);
      expect(outcomes[1]).toMatch(/^0 0\n.*max_user_namespaces: Permission denied$/);
      // Control: where the limit cannot be set, the sandbox makes one (a nobody with every capability in it).
      const open = spawnConfined(hidingOpen, ['-e', attack]);
      const [openOutcomes] = (await once(open, 'message')) as [string[]];
      await once(open, 'exit');
      expect(openOutcomes[0]).toMatch(/^0 uid=65534/);
    });

    it('cannot take the private folders away: not unmounted by itself, nor from a nested user and mount namespace', async () => {
      // The sandbox may start programs here (the host's files are in view): unshare as an attacker.
      const attack = `
        const { spawnSync } = require('node:child_process');
        const run = (file, args) => { const r = spawnSync(file, args, { encoding: 'utf8' }); return (r.error ? r.error.code : r.status) + ' ' + (r.stdout + r.stderr).trim(); };
        process.send([
          run('/bin/sh', ['-c', 'umount /run; umount -l /tmp; ls /run /tmp']),
          run('unshare', ['--user', '--mount', 'sh', '-c', 'umount /run; umount -l /run; umount -l /tmp; ls -A /run /tmp']),
          run('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', 'umount -l /run; ls -A /run']),
        ]);`;
      const child = spawnConfined(hidingOpen, ['-e', attack]); // nested namespaces allowed: the harder case
      const [outcomes] = (await once(child, 'message')) as [string[]];
      await once(child, 'exit');
      // The listings never show host /tmp's socket folder nor /run's postgresql (when this host has it).
      const hostFolders = [basename(socketDir), ...postgresSockets.map((path) => basename(dirname(path)))];
      expect(outcomes.length).toBe(3);
      for (const outcome of outcomes) for (const folder of hostFolders) expect([folder, outcome]).toEqual([folder, expect.not.stringContaining(folder)]);
    });
  });

  // Without bubblewrap nor mounts in a namespace: the network and the user still hold; the
  // host's files stay visible.
  describeFallback('under the last-resort fallback (unshare --net + setpriv: no mounts in a namespace, no bubblewrap)', () => {
    let seen: Seen;

    beforeAll(async () => {
      seen = await probeCountingArrivals(fallback, { ...targets, write: [] });
    });

    it('reaches nothing over the network, nor the abstract Unix sockets of the host', () => {
      for (const outcome of Object.values(seen.report.tcp)) expect(outcome).toBe('ENETUNREACH');
      expect([tcpArrivals, udpArrivals]).toEqual([0, 0]);
      expect(seen.report.unix[abstractSocket]).toBe('ECONNREFUSED');
    });

    // Known limits of the fallback (README, security model), asserted so that a fix shows. A
    // network namespace does not cover sockets that are files: PostgreSQL's (0777, trust
    // authentication here) made the sandbox a database superuser. And without a pid namespace the
    // sandbox sees the host's processes: another process of its user (another pool's sandbox)
    // can be signalled, and its memory read and written (ptrace access, /proc/<pid>/mem).
    it('known limit: connects to a Unix socket file of the host that anyone may use', () => {
      expect(seen.report.unix[hostSocket]).toBe('connected');
      for (const path of postgresSockets) expect([path, seen.report.unix[path]]).toEqual([path, 'connected']);
    });

    it("known limit: signals and may trace another process of its own user, not the server's", () => {
      expect(seen.report.signal[String(peer.pid)]).toBe('ok');
      expect(seen.report.read[`/proc/${peer.pid}/maps`]).toBe('ok');
      if (process.getuid!() === 0) {
        expect(seen.report.signal[String(process.pid)]).toBe('EPERM');
        expect(seen.report.read[`/proc/${process.pid}/environ`]).toBe('EACCES');
      }
    });

    it("known limit: reads the checkout's exercise files, hidden tests included", () => {
      expect(seen.report.read[exercise]).toBe('ok');
    });

    it('runs as an unprivileged user with no new privileges, and cannot read root-only files', () => {
      for (const status of seen.statuses) {
        expect(field(status, 'Uid')?.[0]).toBe(String(fallback.description.uid));
        expect(field(status, 'NoNewPrivs')).toEqual(['1']);
      }
      expect(fallback.description.uid).not.toBe(0);
      expect(seen.report.read['/etc/shadow']).toBe('EACCES');
      expectCapped(seen, fallback);
      expect(seen.report.read[`/proc/${canary.pid}/environ`]).toBe('EACCES');
    });
  });

  // The channel to the host (fd 3) is the one thing the walls leave open: the host must survive
  // whatever comes through it, and take from it nothing that outlives the sandbox.
  describeWalled('the channel to the host, written by code past every inner layer', () => {
    // Arbitrary JavaScript in place of sandbox-main.mjs, under the same walls, speaking for itself
    // on fd 3: `mode` says what it writes there after the host's first message.
    const impostor = `
      const { Socket } = require('node:net');
      const channel = new Socket({ fd: 3, readable: true, writable: true });
      const mode = process.argv[1];
      const send = (line) => channel.write(line + '\\n');
      const status = JSON.stringify({ type: 'status', size: 1, ready: 1, busy: 0, queued: 0, restarts: 0 });
      let unread = '';
      channel.setEncoding('utf8');
      channel.on('end', () => process.exit(0));
      channel.on('data', (text) => {
        const lines = (unread + text).split('\\n');
        unread = lines.pop();
        for (const line of lines) {
          const message = JSON.parse(line);
          if (message.type === 'close') process.exit(0);
          if (mode === 'snapshot after a job') {
            // Before any job, as the real sandbox makes its snapshot; then one after the job.
            if (message.type === 'init') { send(JSON.stringify({ type: 'snapshot', base64: Buffer.from('made at start').toString('base64') })); send(status); }
            if (message.type === 'grade') { send(JSON.stringify({ type: 'snapshot', base64: Buffer.from('poisoned').toString('base64') })); send(status); }
          } else if (mode === 'endless line') {
            channel.write(Buffer.alloc(3 * 1024 * 1024, 'a'));
          } else {
            send(mode);
          }
        }
      });`;

    function impostorSandbox(mode: string, maxMessageBytes?: number) {
      const within: OsWalls = { description: walls.description, argv: () => walls.argv(['-e', impostor, mode]) };
      const statuses: number[] = [];
      const snapshots: string[] = [];
      let exited!: (reason: string) => void;
      const exit = new Promise<string>((resolve) => (exited = resolve));
      const sandbox = new SandboxProcess(paths, within, 1, 'reset', {
        onStatus: (status) => statuses.push(status.ready),
        onResult: () => {},
        onExit: (reason) => exited(reason),
        onSnapshot: (bytes) => snapshots.push(Buffer.from(bytes).toString()),
      }, maxMessageBytes);
      return { sandbox, statuses, snapshots, exit };
    }

    it("control: Node's own IPC channel ends the host on one line that is not JSON", async () => {
      const host = `
        const child = require('node:child_process').spawn(process.execPath, ['-e', "require('fs').writeSync(3, 'not json\\\\n')"],
          { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'json' });
        child.on('message', () => {});
        setTimeout(() => console.log('host alive'), 2000);`;
      const run = spawn(process.execPath, ['-e', host], { stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      run.stdout!.on('data', (chunk) => (output += chunk));
      run.stderr!.on('data', (chunk) => (output += chunk));
      const [code] = await once(run, 'exit');
      expect([code, output]).toEqual([1, expect.stringContaining('SyntaxError')]);
    });

    it.each([
      ['not json', 'a message that is not JSON'],
      ['null', 'a message without a type'],
      ['{"type":"snapshot","base64":5}', 'a malformed snapshot message'],
      ['{"type":"status","ready":"all"}', 'a malformed status message'],
      ['{"type":"unheard-of"}', 'a malformed unheard-of message'],
    ])('a line %s: the host goes on and kills the sandbox', async (line, reason) => {
      const { exit, snapshots } = impostorSandbox(line);
      expect(await exit).toContain(`the host refused ${reason} from the sandbox`);
      expect(snapshots).toEqual([]);
    });

    it('a line that never ends: killed once it passes the size limit, before the host holds more', async () => {
      const { exit } = impostorSandbox('endless line', 1024 * 1024);
      expect(await exit).toContain('the host refused a message over the size limit from the sandbox');
    });

    it('a memory snapshot sent after a job was handed over is never cached for later sandboxes', async () => {
      const { sandbox, statuses, snapshots } = impostorSandbox('snapshot after a job');
      while (statuses.length < 1) await new Promise((resolve) => setTimeout(resolve, 20));
      sandbox.grade(1, { source: '', moduleName: 'solution', tests: [], limits: DEFAULT_LIMITS });
      while (statuses.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
      await sandbox.close();
      expect(snapshots).toEqual(['made at start']);
    });
  });

  // RLIMIT_NPROC counts the tasks of the sandbox's user host-wide, every sandbox's together: native
  // code in one sandbox can fork up to the cap and hold it. Every candidate's check then failed
  // with EAGAIN, and the next pool to start on the host took the walls 'none' (root, every
  // capability). Here the cap is lowered to 1 under two processes of that user, for this check only.
  describeWalled('detection while the sandbox user has no task left', () => {
    it('fails rather than choose weaker walls, or none', async () => {
      const holders = [1, 2].map(() => process.getuid!() === 0
        ? spawn('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', 'sleep', '60'], { env: {}, stdio: 'ignore' })
        : spawn('sleep', ['60'], { env: {}, stdio: 'ignore' }));
      try {
        await new Promise((resolve) => setTimeout(resolve, 200));
        await expect(detectWalls(paths, undefined, 1)).rejects.toThrow(
          /^cannot detect the grading sandbox's OS walls: setpriv: failed to execute .*bwrap: Resource temporarily unavailable \(the sandbox user has no process left/);
      } finally {
        for (const holder of holders) holder.kill();
      }
    }, 30_000);

    // Red team 21: holding all but a few of the sandbox user's tasks (native code forking up to
    // the cap, then letting a few go) gave no EAGAIN on the wrappers' own exec: the view's shell
    // failed with "Cannot fork", node without its threads hung, so every candidate was passed
    // over in turn and the pool took the walls 'none' (root, no wall), or start-up hung. Run as a
    // user of its own (a server that is not root; no other sandbox of this machine counts there),
    // with 2 tasks free (the shell cannot fork), 3 (node hangs; killed at the timeout), 40.
    (viewed.description.tool === 'unshare' ? it : it.skip)('never falls back to a weaker wall when only a few tasks are left', async () => {
      const user = process.getuid!() === 0 ? ['setpriv', '--reuid=65533', '--regid=65533', '--clear-groups', '--'] : [];
      const [file, ...args] = [...user, join(paths.root, 'node_modules/.bin/tsx'), join(paths.root, 'libs/grader/test-fixtures/walls-few-tasks.mts'), '[2,3,40]'];
      const { stdout } = await run(file!, args, { env: { PATH: process.env.PATH, HOME: tmpdir() }, timeout: 100_000 });
      const outcomes = JSON.parse(stdout) as string[];
      const refused = (free: number) => new RegExp(`^${free}: Error: cannot detect the grading sandbox's OS walls: unshare max_user_namespaces=0 with a read-only view: `
        + '.*; and the sandbox user cannot run two node processes without walls either: .*not starting with weaker walls');
      expect(outcomes).toEqual([expect.stringMatching(refused(2)), expect.stringMatching(refused(3)), '40: unshare read-only view']);
    }, 120_000);

    // util-linux's unshare ignores SIGTERM while it waits for its child: a check whose node never
    // answered (here it reads a FIFO; above, a task or two short of its threads) was never ended,
    // and neither was start-up. It is killed with SIGKILL at the timeout now.
    (viewed.description.tool === 'unshare' ? it : it.skip)('kills a check that never answers, and does not fall back for it', async () => {
      const copy = mkdtempSync(join(tmpdir(), 'walls-fifo-'));
      try {
        chmodSync(copy, 0o755);
        const under = { ...paths, root: copy, pyodideDir: join(copy, 'pyodide'), sandboxDir: join(copy, 'sandbox'),
          snapshotCacheDir: join(copy, 'cache'), snapshotFile: join(copy, 'cache', 'none.bin') };
        for (const dir of [under.pyodideDir, under.sandboxDir]) mkdirSync(dir, { mode: 0o755 });
        copyFileSync(join(paths.pyodideDir, 'package.json'), join(under.pyodideDir, 'package.json'));
        await run('mkfifo', ['-m', '0644', join(under.sandboxDir, 'sandbox-main.mjs')]);
        const started = Date.now();
        await expect(detectWalls(under, [{ tool: 'unshare', blockUserNamespaces: true, view: true }, { tool: 'unshare', blockUserNamespaces: false }], undefined, 3000))
          .rejects.toThrow(/^cannot detect the grading sandbox's OS walls: unshare max_user_namespaces=0 with a read-only view: no answer within 3 s \(killed\); and the sandbox user cannot run two node processes without walls either: no answer within 3 s/);
        expect(Date.now() - started).toBeLessThan(15_000);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    }, 30_000);
  });

  // A fresh clone in /tmp: the sandbox's private /tmp must not be mounted over its binds (it was:
  // such a checkout fell back to unshare and kept the host's files in view).
  describeWalled('a checkout under /tmp', () => {
    it('still gets the bubblewrap wall', async () => {
      const copy = mkdtempSync(join(tmpdir(), 'walls-checkout-'));
      try {
        chmodSync(copy, 0o755); // uid 65534 must traverse it, as any deployment's checkout
        const under = { ...paths, root: copy, pyodideDir: join(copy, 'pyodide'), sandboxDir: join(copy, 'sandbox'),
          snapshotCacheDir: join(copy, 'cache'), snapshotFile: join(copy, 'cache', 'none.bin') };
        for (const dir of [under.pyodideDir, under.sandboxDir]) mkdirSync(dir, { mode: 0o755 });
        copyFileSync(join(paths.pyodideDir, 'package.json'), join(under.pyodideDir, 'package.json'));
        copyFileSync(join(paths.sandboxDir, 'sandbox-main.mjs'), join(under.sandboxDir, 'sandbox-main.mjs'));
        const found = await detectWalls(under);
        expect([found.description.tool, found.description.filesystem, found.description.fallbacks])
          .toEqual(['bwrap', 'read-only view', []]);
        // The unshare view too (its private /tmp holds the folders leading to the checkout, read-only).
        const viewHere = await detectWalls(under, [{ tool: 'unshare', blockUserNamespaces: true, view: true }]);
        expect([viewHere.description.tool, viewHere.description.filesystem, viewHere.description.fallbacks]).toEqual(['unshare', 'read-only view', []]);
        // The unshare wall that hides /tmp would hide this checkout too: it says so and is passed over.
        const hidingHere = await detectWalls(under, [{ tool: 'unshare', blockUserNamespaces: true, hideHost: true }]);
        expect([hidingHere.description.tool, hidingHere.description.fallbacks])
          .toEqual(['none', [expect.stringMatching(/^unshare max_user_namespaces=0 hiding \/tmp \/run \/dev: \/tmp\/walls-checkout-.* is in a folder it hides$/)]]);
      } finally {
        rmSync(copy, { recursive: true, force: true });
      }
    });
  });
});

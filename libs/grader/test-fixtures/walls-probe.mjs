// The attacker of os-walls.spec.ts: arbitrary JavaScript in the sandbox process, as if every
// Python and JS layer had fallen (run with `node --input-type=module -e`, no permission flags).
// It tries what last week's attack did and more, reports what happened to each attempt over the
// IPC channel, then waits so that the host can look at it in /proc before it exits.
import { spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { fstatSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { isatty } from 'node:tty';

const targets = JSON.parse(process.argv[1]);

/** 'connected', or the error code (ECONNREFUSED, ENETUNREACH...), or 'timeout'. */
function tcp({ host, port }) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (outcome) => { socket.destroy(); resolve(outcome); };
    socket.setTimeout(3000, () => done('timeout'));
    socket.once('connect', () => done('connected'));
    socket.once('error', (error) => done(error.code));
  });
}

/** 'sent' when the kernel took the datagram, or the error code. */
function udp({ host, port }) {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', (error) => { socket.close(); resolve(error.code); });
    socket.send('walls-probe', port, host, (error) => { socket.close(); resolve(error ? error.code : 'sent'); });
  });
}

/** 'connected', or the error code: a Unix socket by its path, or in the abstract namespace
 * ('\0name', which belongs to the network namespace rather than the file system). */
function unix(path) {
  return new Promise((resolve) => {
    const socket = connect({ path });
    const done = (outcome) => { socket.destroy(); resolve(outcome); };
    socket.setTimeout(3000, () => done('timeout'));
    socket.once('connect', () => done('connected'));
    socket.once('error', (error) => done(error.code));
  });
}

function attempt(action) {
  try {
    action();
    return 'ok';
  } catch (error) {
    return error.code ?? String(error);
  }
}

const report = { tcp: {}, udp: {}, unix: {}, signal: {}, read: {}, write: {}, spawn: {}, openFiles: [], terminal: {} };
for (const target of targets.tcp) report.tcp[`${target.host}:${target.port}`] = await tcp(target);
for (const target of targets.udp) report.udp[`${target.host}:${target.port}`] = await udp(target);
for (const path of targets.unix ?? []) report.unix[path] = await unix(path);
// Signal 0 asks the kernel whether a signal (SIGKILL included) would be delivered, and sends none.
for (const pid of targets.signal ?? []) report.signal[pid] = attempt(() => process.kill(pid, 0));
for (const path of targets.read) report.read[path] = attempt(() => readFileSync(path));
for (const path of targets.write) report.write[path] = attempt(() => writeFileSync(path, 'written by the walls probe'));
for (const program of targets.spawn) {
  const result = spawnSync(program, ['-c', 'true']);
  report.spawn[program] = result.error ? result.error.code : `exit ${result.status}`;
}
// A terminal would take injected keystrokes (TIOCSTI) for the shell that started the server.
report.terminal['/dev/tty'] = attempt(() => openSync('/dev/tty', 'r+'));
report.terminal.stdio = [0, 1, 2].filter((fd) => isatty(fd));
// A file or folder descriptor left open by the host or a wrapper would reach past the view.
// (Node keeps one on /dev/null, or on '/' when there is no /dev: the host compares with `root`.)
const id = (stat) => `${stat.dev}:${stat.ino}`;
report.root = id(statSync('/'));
for (let fd = 0; fd < 256; fd++) {
  try {
    const stat = fstatSync(fd);
    if (stat.isFile() || stat.isDirectory()) report.openFiles.push(id(stat));
  } catch {
    // not open
  }
}
process.send(report);
process.once('message', () => process.exit(0));

// A private PostgreSQL 15 cluster in a temp folder on a free port, so that a fault script can stop
// and start it. The machine's shared server at 127.0.0.1:5432 is never touched.
import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './api-process.js';

const BIN = '/usr/lib/postgresql/15/bin';

export class PrivatePostgres {
  private constructor(private readonly dir: string, readonly port: number, private readonly asUser: string[], private readonly settings: string[]) {}

  /**
   * initdb (as the `postgres` user when we are root: initdb refuses root) and start. `settings`
   * are extra server settings (`name=value`), e.g. `shared_preload_libraries=pg_stat_statements`.
   */
  static async create(settings: string[] = []): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'pyquiz-pg-'));
    const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
    if (asUser.length > 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(dir, uid, gid);
    }
    const server = new PrivatePostgres(dir, await freePort(), asUser, settings);
    server.run('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync']);
    server.start();
    return server;
  }

  get url(): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/postgres`;
  }

  start(): void {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off${this.settings.map((s) => ` -c ${s}`).join('')}`, '-l', join(this.dir, 'log'), '-w', 'start']);
  }

  /** `fast`: active connections are closed at once (what a restart by an operator does). */
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
  }

  destroy(): void {
    try {
      this.stop('immediate');
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private run(tool: string, args: string[]): void {
    const [command, ...prefix] = this.asUser.length > 0 ? [...this.asUser, join(BIN, tool)] : [join(BIN, tool)];
    execFileSync(command, [...prefix, ...args], { stdio: 'pipe' });
  }
}

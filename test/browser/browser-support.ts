import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';

const ROOT = process.cwd();
const WEB = join(ROOT, 'apps', 'web');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'browser');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds apps/web/dist when it is missing or older than any source of the pages. */
export function ensureWebBuilt(): void {
  const index = join(WEB, 'dist', 'index.html');
  const sources = Math.max(newestMtime(join(WEB, 'src')), newestMtime(join(ROOT, 'docs', 'authoring.md')), newestMtime(join(WEB, 'index.html')), newestMtime(join(WEB, 'vite.config.ts')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: ROOT,
    // Jest sets NODE_ENV=test, which would give a development build of React.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
}

/** Debian's Chromium, headless; never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export const MOBILE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 900 };

/** Saves a full-page screenshot under test-artifacts/browser/<name>.png. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Collects uncaught page errors so a test can assert the pages ran cleanly. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

export interface Credentials {
  email: string;
  password: string;
}

/**
 * One spec's Chromium against the app served on a free port: the pages it opens, a picture of
 * each page still open after a test (what the user saw when it failed), all closed after the spec.
 */
export class BrowserRun {
  private readonly contexts: BrowserContext[] = [];
  private pages: Page[] = [];

  private constructor(readonly t: TestApp, readonly base: string, readonly browser: Browser) {}

  static async start(env: Record<string, string> = {}): Promise<BrowserRun> {
    ensureWebBuilt();
    const t = await startTestApp({ SCRYPT_COST: '10', LOG_LEVEL: 'error', ...env });
    await t.app.listen(0, '127.0.0.1');
    const address = t.app.getHttpServer().address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    return new BrowserRun(t, base, await launchChromium());
  }

  /** A page in a context of its own (no shared session) at this viewport. */
  async open(viewport: { width: number; height: number }): Promise<Page> {
    const context = await this.browser.newContext({ viewport });
    this.contexts.push(context);
    const page = await context.newPage();
    this.pages.push(page);
    return page;
  }

  async signIn(page: Page, who: Credentials): Promise<void> {
    await page.goto(`${this.base}/#/login`);
    await page.getByLabel('Email').fill(who.email);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your course' }).waitFor();
  }

  /** Registers an account with this role; its bearer token. */
  async register(who: Credentials, role: 'learner' | 'instructor'): Promise<string> {
    const response = await this.t.http.post('/api/auth/register').send({ ...who, displayName: role }).expect(201);
    if (role === 'instructor') await this.t.prisma.user.update({ where: { id: response.body.user.id }, data: { role } });
    return `Bearer ${response.body.accessToken}`;
  }

  /** For afterEach: `<prefix>-<test name>-<n>.png` of every page the test left open. */
  async snapOpenPages(prefix: string, nameLength = 50): Promise<void> {
    const name = (expect.getState() as { currentTestName?: string }).currentTestName ?? 'test';
    for (const [index, page] of this.pages.splice(0).entries()) {
      if (!page.isClosed()) await snap(page, `${prefix}-${name.replace(/\W+/g, '-').slice(0, nameLength)}-${index}`).catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close();
    await this.browser.close();
    await this.t.close();
  }
}

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { isApiPath, webPagesHandler } from './web-pages.js';

/** An express app with one API route, then the page handlers, then a 404: as Nest orders them. */
function appWith(distDir: string | undefined) {
  const app = express();
  app.get('/api/ping', (_req, res) => void res.json({ pong: true }));
  for (const handler of webPagesHandler(distDir)) app.use(handler);
  app.use((_req, res) => void res.status(404).json({ statusCode: 404 }));
  return request(app);
}

describe('webPagesHandler', () => {
  let dist: string;
  beforeAll(async () => {
    dist = await mkdtemp(join(tmpdir(), 'web-dist-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>PyQuiz</title>');
    await writeFile(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
  });
  afterAll(() => rm(dist, { recursive: true, force: true }));

  it('serves index.html at / and for deep links, revalidated on every load', async () => {
    for (const path of ['/', '/quiz/closures/make-counter']) {
      const response = await appWith(dist).get(path);
      expect([response.status, response.text]).toEqual([200, '<!doctype html><title>PyQuiz</title>']);
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long cache, and a missing asset is a 404, not the page', async () => {
    const asset = await appWith(dist).get('/assets/index-abc.js');
    expect([asset.status, asset.text]).toEqual([200, 'console.log(1)']);
    expect(asset.headers['cache-control']).toContain('immutable');
    expect((await appWith(dist).get('/assets/index-old.js')).status).toBe(404);
  });

  it('never answers API paths: routes win and unknown API paths stay 404 JSON', async () => {
    expect((await appWith(dist).get('/api/ping')).body).toEqual({ pong: true });
    for (const path of ['/api/nope', '/docs', '/docs/swagger-ui.css', '/docs-json', '/health']) {
      const response = await appWith(dist).get(path);
      expect([path, response.status, response.body]).toEqual([path, 404, { statusCode: 404 }]);
    }
    expect((await appWith(dist).post('/anything')).status).toBe(404);
  });

  it('says how to build the pages when apps/web/dist is missing', async () => {
    const response = await appWith(undefined).get('/');
    expect(response.status).toBe(404);
    expect(response.text).toContain('npm run build:web');
    expect((await appWith(undefined).get('/api/ping')).status).toBe(200);
  });
});

describe('isApiPath', () => {
  it('matches the API prefixes only at a path boundary', () => {
    expect(['/api', '/api/x', '/docs', '/docs-json', '/health'].every(isApiPath)).toBe(true);
    expect(['/', '/apiary', '/healthy', '/quiz/api'].some(isApiPath)).toBe(false);
  });
});

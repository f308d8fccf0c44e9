import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/** Paths owned by the API: the pages never answer them, not even with the SPA fallback. */
export const API_PATHS = ['/api', '/docs', '/docs-json', '/health'] as const;

export function isApiPath(path: string): boolean {
  return API_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/**
 * apps/web/dist, found by walking up from this module to the repository root, so the same code
 * works from the sources (Jest, tsx) and from the compiled dist/apps/api/src/web/ tree.
 */
export function findWebDist(fromUrl: string = import.meta.url): string | undefined {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    const candidate = join(dir, 'apps', 'web', 'dist');
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'apps', 'web'))) {
      return existsSync(join(candidate, 'index.html')) ? candidate : undefined;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const NOT_BUILT = 'The web pages are not built yet: run `npm run build:web` (npm start does it for you).';

/**
 * Static files of the built pages, then index.html for any other GET that is not an API path
 * (deep links). Hashed assets are cached for a year; index.html is always revalidated so a new
 * build is picked up at once. Without a build, page requests get a 404 that says what to run.
 */
export function webPagesHandler(distDir: string | undefined): RequestHandler[] {
  const onlyPages = (handler: RequestHandler): RequestHandler => (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    return handler(req, res, next);
  };
  if (!distDir) {
    return [onlyPages((_req: Request, res: Response) => void res.status(404).type('text/plain').send(NOT_BUILT))];
  }
  const files = express.static(distDir, {
    index: false,
    fallthrough: true,
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', path.includes(`${join('assets', '/')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const indexFile = join(distDir, 'index.html');
  const fallback = (req: Request, res: Response, next: NextFunction) => {
    // Missing assets are real 404s, not the page (a stale tab asking for an old bundle).
    if (req.path.startsWith('/assets/')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile, (error) => error && next(error));
  };
  return [onlyPages(files), onlyPages(fallback)];
}

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The pages are served by the API from the same origin, so `npm run build:web` only has to
 * produce static files in apps/web/dist. JSX goes through Vite's own transformer (no plugin:
 * fast refresh is not needed for a build, and @vitejs/plugin-react's peers do not resolve here).
 * `npm run dev:web` (vite dev server) proxies /api to a running API on port 3000.
 */
export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' } },
});

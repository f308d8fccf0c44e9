import { Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { findWebDist, webPagesHandler } from './web-pages.js';

/**
 * Serves the built web pages (apps/web/dist) at `/`. The handlers are added in onModuleInit,
 * after Nest has registered every controller and before its 404 handler, so an API route always
 * wins and the SPA fallback never answers `/api`, `/docs`, `/docs-json` or `/health`.
 */
@Module({})
export class WebModule implements OnModuleInit {
  private readonly logger = new Logger(WebModule.name);

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const distDir = findWebDist();
    if (!distDir) this.logger.warn('apps/web/dist is missing: run `npm run build:web` to serve the web pages');
    const adapter = this.adapterHost.httpAdapter;
    for (const handler of webPagesHandler(distDir)) adapter.use(handler);
  }
}

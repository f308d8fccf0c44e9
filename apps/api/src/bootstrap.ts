import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { trustProxySetting, type Environment } from '@app/config';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { PinoNestLogger } from './common/pino-nest-logger.js';
import { createRootLogger, requestLogging } from './common/request-logging.js';
import { securityHeaders } from './common/security-headers.js';
import { ltiFraming } from './lti/lti-framing.js';
import { LtiPlatformsService } from './lti/lti-platforms.service.js';
import { createValidationPipe } from './common/validation.js';
import { NoNulPipe } from './common/no-nul.pipe.js';
import { verifyJsonDepth } from './common/json-depth.js';

/** Largest accepted request body; fields have their own, smaller limits in their DTOs. */
export const BODY_LIMIT = '1mb';

/** Builds the fully configured app (pipes, filter, logging, OpenAPI) without listening. */
export async function createApp(env: Environment): Promise<NestExpressApplication> {
  const logger = createRootLogger(env.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(env), {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
    abortOnError: false,
    // Parsers are registered below with explicit size limits (over them: 413 in the error shape).
    bodyParser: false,
    // CORS stays closed: the web pages are served from the same origin.
    cors: false,
  });
  // Before anything reads request.ip (logging, the throttles): the client address behind trusted proxies.
  app.set('trust proxy', trustProxySetting(env.TRUST_PROXY));
  app.use(requestLogging(logger));
  app.use(securityHeaders(env.COOKIE_SECURE));
  const platforms = app.get(LtiPlatformsService);
  app.use(ltiFraming(() => platforms.frameOrigins()));
  // Nesting is checked on the raw text before parsing (common/json-depth.ts: 400 past 64 levels).
  // (Nest's option type leaves `verify` out, for its rawBody option; it passes it on to body-parser.)
  app.useBodyParser('json', { limit: BODY_LIMIT, verify: verifyJsonDepth } as { limit: string });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.use(cookieParser());
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.useGlobalPipes(new NoNulPipe(), createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();

  const openApi = new DocumentBuilder()
    .setTitle('PyQuiz API')
    .setDescription('Quizzes and Python exercises graded in a Pyodide sandbox')
    .setVersion('0.1.0')
    .addBearerAuth()
    .addCookieAuth('access_token')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'docs-json' });
  return app;
}

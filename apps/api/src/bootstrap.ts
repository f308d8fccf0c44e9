import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { AllExceptionsFilter } from './common/all-exceptions.filter.js';
import { PinoNestLogger } from './common/pino-nest-logger.js';
import { createRootLogger, requestLogging } from './common/request-logging.js';
import { createValidationPipe } from './common/validation.js';
import type { Environment } from './config/environment.js';

/** Builds the fully configured app (pipes, filter, logging, OpenAPI) without listening. */
export async function createApp(env: Environment): Promise<NestExpressApplication> {
  const logger = createRootLogger(env.LOG_LEVEL);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(env), {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
    abortOnError: false,
  });
  app.use(requestLogging(logger));
  app.use(cookieParser());
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.useGlobalPipes(createValidationPipe());
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

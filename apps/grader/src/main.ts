import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError } from '@app/config';
import { GraderApp } from './grader-app.js';
import { loadGraderConfig } from './grader-env.js';

// A grader process: `QUEUE_URL=redis://... DATABASE_URL=postgres://... npm run grader`.
// SIGTERM/SIGINT finish the jobs in hand, then exit 0; a second signal exits at once.
const logger = new Logger('Grader');

async function main(): Promise<void> {
  const config = loadGraderConfig(process.env);
  const started = Date.now();
  const app = await GraderApp.start(config);
  logger.log(`Grader ${process.pid} ready on queue "${config.env.QUEUE_NAME}": ${config.workers} workers, ${config.concurrency} jobs in flight, in ${Date.now() - started} ms`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.log(`${signal}: finishing the jobs in hand`);
    app.close().then(
      () => {
        logger.log(`Grader ${process.pid} stopped after ${app.jobsDone} jobs`);
        process.exit(0);
      },
      (error: Error) => {
        logger.error(`Shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: Error) => {
  const oneLine = error instanceof ConfigError || error.name === 'WallsMissingError';
  logger.error(oneLine ? error.message : `Grader failed to start: ${error.stack ?? error.message}`);
  process.exit(1);
});

import { ConfigError, validateEnvironment } from '@app/config';
import { createApp } from './bootstrap.js';

/** Errors whose message is meant to be the one line an operator reads before exit code 1. */
function isStartupError(error: unknown): error is Error {
  return error instanceof ConfigError || (error instanceof Error && ['DatabaseStartupError', 'WallsMissingError'].includes(error.name));
}

async function main(): Promise<void> {
  const env = validateEnvironment(process.env);
  const app = await createApp(env);
  await app.listen(env.PORT, env.HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  console.log(`PyQuiz is ready at http://localhost:${port} (API docs at http://localhost:${port}/docs)`);
}

main().catch((error: unknown) => {
  if (isStartupError(error)) {
    console.error(`Cannot start: ${error.message}`);
  } else {
    console.error('Cannot start:', error);
  }
  process.exit(1);
});

import type { Provider } from '@nestjs/common';
import { ConfigError, Environment } from '@app/config';
import { GradingQueueClient } from './queue/grading-queue.client.js';

/** The grading queue client when QUEUE_URL is set, else null (the API grades in-process). */
export const GRADING_QUEUE = Symbol('GRADING_QUEUE');

export const gradingQueueProvider: Provider = {
  provide: GRADING_QUEUE,
  inject: [Environment],
  useFactory: (env: Environment): GradingQueueClient | null => {
    if (!env.QUEUE_URL) return null;
    // Graders are other processes, maybe on other machines: the embedded database is not theirs.
    if (!env.DATABASE_URL) throw new ConfigError('Invalid configuration: QUEUE_URL needs DATABASE_URL (graders cannot open the embedded database)');
    return GradingQueueClient.open(env.QUEUE_URL, env.QUEUE_NAME);
  },
};

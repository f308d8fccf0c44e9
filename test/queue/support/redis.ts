import { Redis } from 'ioredis';

export const TEST_QUEUE_URL = process.env.TEST_QUEUE_URL?.trim() || 'redis://127.0.0.1:6379';

/** null when Redis answers PING within a second, else why not. */
export async function redisUnreachable(url = TEST_QUEUE_URL): Promise<string | null> {
  const client = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
    return null;
  } catch (error) {
    return `Redis at ${url} is unreachable (${(error as Error).message})`;
  } finally {
    client.disconnect();
  }
}

/** A queue name no other run uses, so parallel runs and leftovers never mix. */
export function uniqueQueueName(label: string): string {
  return `test-${label}-${process.pid}-${Date.now().toString(36)}`;
}

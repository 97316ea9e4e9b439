// Queue-backed bulk tests: emptying and removing their BullMQ queues.

import { openQueue } from '@alisms/bulk/queue';
import { Redis } from 'ioredis';
import { deletePrefixedKeys, pollUntil, REDIS_URL } from './redis.js';

/** Obliterates the bulk queue under each prefix and deletes every key left under it. */
export async function dropBulkQueues(prefixes: readonly string[], redisUrl = REDIS_URL): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    for (const prefix of prefixes) {
      const queue = openQueue({ redisUrl, prefix });
      await queue.obliterate({ force: true });
      await queue.close();
      await deletePrefixedKeys(redis, prefix);
    }
  } finally {
    await redis.quit();
  }
}

/** Resolves once the queue under `prefix` has nothing waiting, active, delayed or prioritised. */
export async function queueDrained(prefix: string, redisUrl = REDIS_URL): Promise<void> {
  const queue = openQueue({ redisUrl, prefix });
  try {
    await pollUntil(async () => {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return Object.values(counts).every((n) => n === 0);
    }, 100);
  } finally {
    await queue.close();
  }
}

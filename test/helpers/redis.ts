// Real-Redis tests: where Redis is, whether it answers (in CI it must), a key prefix of their own and its cleanup.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether Redis answers a PING; when `CI=true` an unreachable Redis throws, so the tests fail instead of skipping. */
export async function redisReachable(url = REDIS_URL): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch (error) {
    if (process.env.CI === 'true') throw new Error(`Redis unreachable at ${url} (CI must not skip)`, { cause: error });
    return false;
  } finally {
    probe.disconnect();
  }
}

/** `describe` options that skip the suite, with the reason, when Redis is not reachable outside CI. */
export function redisSuiteOptions(reachable: boolean, url = REDIS_URL): { skip: false | string } {
  return { skip: reachable ? false : `Redis unreachable at ${url}` };
}

/** A key prefix no other test run uses. */
export function testPrefix(): string {
  return `alismstest${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under `prefix:` (SCAN, never KEYS). */
export async function deletePrefixedKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Polls `check` every `everyMs` until it holds: waiting for a condition, never timing an assertion. */
export async function pollUntil(check: () => Promise<boolean>, everyMs = 50, timeoutMs = 180_000): Promise<void> {
  // A deadline so that a condition that never comes fails the test instead of hanging the whole run.
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`pollUntil: condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

import { MemoryLimitStore, type RedisConnection, RedisLimitStore } from '../limiter/index.js';
import { MemoryCodeStore } from './memory-code-store.js';
import type { OtpStore } from './options.js';
import { RedisCodeStore } from './redis-code-store.js';

/** In-process store for development and tests (single process; same semantics as Redis). */
export function createMemoryOtpStore(): OtpStore & { limits: MemoryLimitStore; codes: MemoryCodeStore } {
  return { limits: new MemoryLimitStore(), codes: new MemoryCodeStore() };
}

/**
 * Redis store (standalone or Cluster). All keys are `{prefix}:…` (default prefix `alisms:otp`): the prefix is the hash tag.
 * Pair it with `createRedisClient(url)` so that a Redis outage fails closed within about a second.
 * @example createRedisOtpStore({ redis: createRedisClient(process.env.REDIS_URL!), prefix: 'alisms:otp' })
 */
export function createRedisOtpStore(options: {
  redis: RedisConnection;
  prefix?: string;
  readyTimeout?: number;
}): OtpStore & { limits: RedisLimitStore; codes: RedisCodeStore } {
  const resolved = { ...options, prefix: options.prefix ?? 'alisms:otp' };
  return { limits: new RedisLimitStore(resolved), codes: new RedisCodeStore(resolved) };
}

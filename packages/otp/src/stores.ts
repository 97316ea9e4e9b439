import type { IssueOutcome } from './issue.js';
import { MemoryLimitStore, type RedisConnection, RedisLimitStore } from './limiter/index.js';
import { MemoryCodeStore } from './memory-code-store.js';
import type { OtpStore } from './options.js';
import { RedisCodeStore } from './redis-code-store.js';

/**
 * In-process store for development and tests (single process; same semantics as Redis). `maxFailureRecords`
 * bounds the wrong-check records (see {@link MemoryCodeStore}). @default 100000
 */
export function createMemoryOtpStore(
  options: { maxFailureRecords?: number } = {},
): OtpStore & { limits: MemoryLimitStore; codes: MemoryCodeStore } {
  const limits = new MemoryLimitStore();
  const codes = new MemoryCodeStore(options);
  return {
    limits,
    codes,
    // No await until the outcome is known: the steps are one atomic step within the process.
    async issue(subject, checks, code, now): Promise<IssueOutcome> {
      const limit = limits.consumeNow(checks, now);
      if (!limit.allowed) return { status: 'limited', limit };
      codes.putNow(subject, code, now);
      codes.unlockNow(subject);
      return { status: 'stored', limit };
    },
  };
}

/**
 * Redis store (standalone, Cluster or Sentinel; see `connectRedis`). All keys are `{prefix}:…` (default prefix `alisms:otp`): the prefix is the hash tag.
 * A send is one script (limits, code), one round trip; a check is one more.
 * Pair it with `createRedisClient(url)` so that a Redis outage fails closed within about a second.
 * @example createRedisOtpStore({ redis: createRedisClient(process.env.REDIS_URL!), prefix: 'alisms:otp' })
 */
export function createRedisOtpStore(options: {
  redis: RedisConnection;
  prefix?: string;
  readyTimeout?: number;
  /** Replicas that must acknowledge a stored or consumed code (Redis `WAIT`); see {@link RedisCodeStore}. @default 0 */
  replicas?: number;
  /** Longest wait for them, ms. @default 500 */
  replicaTimeout?: number;
}): OtpStore & { limits: RedisLimitStore; codes: RedisCodeStore } {
  const resolved = { ...options, prefix: options.prefix ?? 'alisms:otp' };
  const codes = new RedisCodeStore(resolved);
  return {
    limits: new RedisLimitStore(resolved),
    codes,
    issue: (subject, checks, code, now) => codes.issue(subject, checks, code, now),
  };
}

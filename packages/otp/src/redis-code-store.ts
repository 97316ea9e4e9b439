import type { CheckOutcome, CodeStore, LockoutPolicy, StoredCode } from './code-store.js';
import type { IssueOutcome } from './issue.js';
import {
  type KeySpace,
  keySpace,
  type LimitCheck,
  type RedisConnection,
  RedisScript,
  runRedis,
  summarize,
  windowStart,
} from './limiter/index.js';

const putScript = new RedisScript(new URL('./lua/put-code-1.lua', import.meta.url));
const discardScript = new RedisScript(new URL('./lua/discard-code-1.lua', import.meta.url));
const checkScript = new RedisScript(new URL('./lua/check-code-3.lua', import.meta.url));
const issueScript = new RedisScript(new URL('./lua/issue-code-n.lua', import.meta.url));

/** Options of {@link RedisCodeStore}. */
export interface RedisCodeStoreOptions {
  redis: RedisConnection;
  /** Key prefix and Cluster hash tag. @default 'alisms' */
  prefix?: string;
  /** Longest wait for a (re)connecting client, ms. @default 1000 */
  readyTimeout?: number;
}

/**
 * A {@link CodeStore} on Redis: each operation is one Lua script, so check-and-consume is atomic.
 * Its limit keys are the ones `RedisLimitStore` uses under the same prefix, so `issue` and `consume` count alike.
 */
export class RedisCodeStore implements CodeStore {
  readonly keys: KeySpace;
  private readonly redis: RedisConnection;
  private readonly readyTimeout: number;

  constructor(options: RedisCodeStoreOptions) {
    this.redis = options.redis;
    this.keys = keySpace(options.prefix ?? 'alisms');
    this.readyTimeout = options.readyTimeout ?? 1000;
  }

  async put(subject: string, code: StoredCode, now: number): Promise<void> {
    const ttl = Math.max(1, code.expiresAt - now);
    await putScript.run(
      this.redis,
      [this.keys.custom('code', subject)],
      [code.hash, code.id, code.expiresAt, code.attempts, ttl],
      this.readyTimeout,
    );
  }

  /** The send path in one round trip: lock check, limits (all or nothing), new code (see issue-code-n.lua). */
  async issue(subject: string, checks: readonly LimitCheck[], code: StoredCode, now: number): Promise<IssueOutcome> {
    const keys = [this.keys.custom('lock', subject), this.keys.custom('code', subject)];
    const args: (string | number)[] = [
      now,
      code.id,
      code.hash,
      code.expiresAt,
      code.attempts,
      Math.max(1, code.expiresAt - now),
    ];
    for (const { policy, subject: limited } of checks) {
      if (policy.algorithm === 'sliding') {
        keys.push(this.keys.limit(policy.name, limited));
        args.push('s', policy.limit, policy.windowMs, 0);
      } else {
        const start = windowStart(policy, now);
        keys.push(this.keys.limit(policy.name, limited, start));
        args.push('f', policy.limit, policy.windowMs, start + policy.windowMs);
      }
    }
    const reply = (await issueScript.run(this.redis, keys, args, this.readyTimeout)) as [string, ...number[]];
    if (reply[0] === 'locked') return { status: 'locked', lockedUntil: Number(reply[1]) };
    const counts = checks.map((_, i) => ({ count: Number(reply[1 + 2 * i]), resetAt: Number(reply[2 + 2 * i]) }));
    const stored = reply[0] === 'stored';
    return { status: stored ? 'stored' : 'limited', limit: summarize(checks, stored, counts) };
  }

  async discard(subject: string, id: string): Promise<void> {
    await discardScript.run(this.redis, [this.keys.custom('code', subject)], [id], this.readyTimeout);
  }

  async check(subject: string, hash: string, now: number, lockout: LockoutPolicy): Promise<CheckOutcome> {
    const keys = [
      this.keys.custom('code', subject),
      this.keys.custom('fail', subject),
      this.keys.custom('lock', subject),
    ];
    const args = [hash, now, lockout.failures, lockout.windowMs, lockout.lockMs];
    return (await checkScript.run(this.redis, keys, args, this.readyTimeout)) as CheckOutcome;
  }

  async lockedUntil(subject: string, now: number): Promise<number | undefined> {
    const until = await runRedis(this.redis, this.readyTimeout, () =>
      this.redis.get(this.keys.custom('lock', subject)),
    );
    const ms = Number(until ?? 0);
    return ms > now ? ms : undefined;
  }
}

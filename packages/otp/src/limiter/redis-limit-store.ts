import { randomUUID } from 'node:crypto';
import { type KeySpace, keySpace } from './keys.js';
import { windowStart } from './policies.js';
import { type RedisConnection, RedisScript } from './script.js';
import { summarize } from './summarize.js';
import type { LimitCheck, LimitResult, LimitStore } from './types.js';

const consumeScript = new RedisScript(new URL('./lua/consume-n.lua', import.meta.url));

/** Options of {@link RedisLimitStore}. */
export interface RedisLimitStoreOptions {
  redis: RedisConnection;
  /** Key prefix, also the Cluster hash tag: keys are `{prefix}:lim:…`. @default 'alisms' */
  prefix?: string;
  /** Longest wait for a (re)connecting client before failing closed, in ms. @default 1000 */
  readyTimeout?: number;
}

/** A {@link LimitStore} on Redis: one Lua script per `consume`, so limits hold across processes and bursts. */
export class RedisLimitStore implements LimitStore {
  readonly keys: KeySpace;
  private readonly redis: RedisConnection;
  private readonly readyTimeout: number;

  constructor(options: RedisLimitStoreOptions) {
    this.redis = options.redis;
    this.keys = keySpace(options.prefix ?? 'alisms');
    this.readyTimeout = options.readyTimeout ?? 1000;
  }

  async consume(checks: readonly LimitCheck[], now: number): Promise<LimitResult> {
    const keys: string[] = [];
    const args: (string | number)[] = [now, randomUUID()];
    for (const { policy, subject } of checks) {
      if (policy.algorithm === 'sliding') {
        keys.push(this.keys.limit(policy.name, subject));
        args.push('s', policy.limit, policy.windowMs, 0);
      } else {
        const start = windowStart(policy, now);
        keys.push(this.keys.limit(policy.name, subject, start));
        args.push('f', policy.limit, policy.windowMs, start + policy.windowMs);
      }
    }
    const reply = (await consumeScript.run(this.redis, keys, args, this.readyTimeout)) as number[];
    const counts = checks.map((_, i) => ({ count: Number(reply[1 + 2 * i]), resetAt: Number(reply[2 + 2 * i]) }));
    return summarize(checks, reply[0] === 1, counts);
  }
}

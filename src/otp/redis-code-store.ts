import { type KeySpace, keySpace, type RedisConnection, RedisScript, runRedis } from '../limiter/index.js';
import type { CheckOutcome, CodeStore, LockoutPolicy, StoredCode } from './code-store.js';

const putScript = new RedisScript(new URL('./lua/put-code-1.lua', import.meta.url));
const discardScript = new RedisScript(new URL('./lua/discard-code-1.lua', import.meta.url));
const checkScript = new RedisScript(new URL('./lua/check-code-3.lua', import.meta.url));

export interface RedisCodeStoreOptions {
  redis: RedisConnection;
  /** Key prefix and Cluster hash tag. @default 'alisms' */
  prefix?: string;
  /** Longest wait for a (re)connecting client, ms. @default 1000 */
  readyTimeout?: number;
}

/** A {@link CodeStore} on Redis: each operation is one Lua script, so check-and-consume is atomic. */
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

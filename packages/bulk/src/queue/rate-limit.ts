import { gcraInterval, gcraTolerance } from '../gcra.js';
import { realSleep, type Sleep } from '../token-bucket.js';
import type { BulkRedis } from './connection.js';

// GCRA in one script, the same arithmetic as gcraTake (../gcra.ts), so every worker of a queue
// shares one schedule and no sliding second exceeds 110% of the rate, whatever the worker count.
// KEYS[1]: the theoretical arrival time (TAT) of the next call, epoch ms.
// ARGV[1]: interval ms; ARGV[2]: tolerance ms; ARGV[3]: now in epoch ms, or '' for the Redis
// server's clock (one clock for every worker, whatever their own clocks say).
// Returns 0 when the call may go (TAT advanced), else the ms to wait before asking again.
// The key expires once it no longer holds anything back.
const GCRA_TAKE = `
local now = tonumber(ARGV[3])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local allow = tat - tolerance
if now < allow then return math.max(1, math.ceil(allow - now)) end
redis.call('SET', KEYS[1], string.format('%.3f', tat + interval), 'PX', math.ceil(tat + interval - now) + 1000)
return 0`;

/** Options of the shared Redis GCRA limiter that every queue worker takes API calls from. */
export interface RedisRateLimiterOptions {
  /** The key every sharer of the limit uses (one per queue). */
  key: string;
  /** Injected clock for tests; by default the Redis server's clock. */
  now?: (() => number) | undefined;
  sleep?: Sleep | undefined;
}

/**
 * A rate limit shared by every process that uses the same Redis key: `take(rate)` before each API
 * call (sends, retries and look-ups alike) resolves when the call may go.
 *
 * @example
 * const limiter = new RedisRateLimiter(redis, { key: 'alisms:alisms-bulk:rate' });
 * await limiter.take(30); // --qps 30 across all workers
 */
export class RedisRateLimiter {
  private readonly sleep: Sleep;
  constructor(
    private readonly redis: BulkRedis,
    private readonly options: RedisRateLimiterOptions,
  ) {
    this.sleep = options.sleep ?? realSleep;
  }

  /**
   * Resolves when a call may go. With an injected clock it resolves with the time the turn was
   * granted at (tests check the schedule by it); with the Redis clock, with `undefined`.
   */
  async take(rate: number): Promise<number | undefined> {
    if (!(rate > 0)) throw new RangeError(`rate must be positive, got ${rate}`);
    for (;;) {
      const now = this.options.now?.();
      const wait = Number(
        await this.redis.eval(
          GCRA_TAKE,
          1,
          this.options.key,
          gcraInterval(rate),
          gcraTolerance(rate),
          now === undefined ? '' : String(now),
        ),
      );
      if (wait === 0) return now;
      await this.sleep(wait);
    }
  }
}

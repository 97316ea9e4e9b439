import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ManualClock } from 'alisms';
import { Redis } from 'ioredis';
import { REDIS_URL, redisReachable, redisSuiteOptions, testPrefix } from '../../../../test/helpers/redis.js';
import { seededRandom } from '../../../../test/helpers/seeded.js';
import { virtualSleep } from '../../../../test/helpers/virtual-time.js';
import { maxInSlidingWindow } from '../sliding-window.js';
import { bulkRateKey } from './keys.js';
import { RedisRateLimiter } from './rate-limit.js';

const reachable = await redisReachable();
const prefix = testPrefix();
const connections: Redis[] = [];
after(async () => {
  if (connections[0]) await connections[0].del(bulkRateKey(prefix), `${bulkRateKey(prefix)}ttl`);
  for (const c of connections) c.disconnect();
});

describe('RedisRateLimiter (GCRA in one script, shared by workers)', redisSuiteOptions(reachable), () => {
  for (const qps of [5, 15, 30]) {
    it(`3 workers × 8 callers at --qps ${qps}: no sliding second over 110%`, async () => {
      const rng = seededRandom();
      const clock = new ManualClock(Date.UTC(2026, 5, 1));
      const sleep = virtualSleep(clock);
      const key = `${bulkRateKey(prefix)}:${qps}`;
      const workers = [0, 1, 2].map(() => {
        const redis = new Redis(REDIS_URL);
        connections.push(redis);
        return new RedisRateLimiter(redis, { key, now: () => clock.now(), sleep });
      });
      const times: number[] = [];
      const calls = qps * 6;
      let left = calls;
      await Promise.all(
        workers.flatMap((limiter) =>
          Array.from({ length: 8 }, async () => {
            while (left > 0) {
              left -= 1;
              // The grant time the script saw: with virtual time, the clock can move on while the
              // answer travels back (real Redis I/O spans event-loop turns; in production, one RTT).
              times.push((await limiter.take(qps)) as number);
              // Some calls are slow or idle a while: bursts must still stay under the cap.
              if (rng.next() < 0.1) await sleep(Math.floor(rng.next() * 3000));
            }
          }),
        ),
      );
      const peak = maxInSlidingWindow(times);
      const context = `seed ${rng.seed}: peak ${peak} calls in a sliding second at --qps ${qps}`;
      assert.equal(times.length, calls);
      assert.ok(peak <= 1.1 * qps, context);
      // The achieved rate is measured in bench/bulk.ts: virtual time runs ahead while Redis answers.
      // The key does not outlive what it holds back.
      const ttl = await (connections[0] as Redis).pttl(key);
      assert.ok(ttl > 0 && ttl <= 2000 + 1000 / qps, `ttl ${ttl}`);
    });
  }
});

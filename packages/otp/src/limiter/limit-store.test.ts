import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import {
  connectRedis,
  createRedisClient,
  fixedWindow,
  type LimitStore,
  MemoryLimitStore,
  RedisLimitStore,
  slidingWindow,
  windowStart,
} from './index.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const T0 = Date.UTC(2026, 0, 1, 12);

async function redisUp(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch (error) {
    if (process.env.CI === 'true') throw error;
    return false;
  } finally {
    probe.disconnect();
  }
}

const redis = createRedisClient(REDIS_URL);
const prefixes: string[] = [];
after(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`{${prefix}}:*`).catch(() => []);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
});

const stores: { name: string; make: () => LimitStore; skip: string | false }[] = [
  { name: 'memory', make: () => new MemoryLimitStore(), skip: false },
  {
    name: 'redis',
    make: () => {
      const prefix = `test:lim:${randomBytes(6).toString('hex')}`;
      prefixes.push(prefix);
      return new RedisLimitStore({ redis, prefix });
    },
    skip: (await redisUp()) ? false : 'Redis unreachable',
  },
];
// otp-cluster.test.ts runs this file again against a Redis Cluster it started (ALISMS_TEST_REDIS_CLUSTER).
const clusterNodes = (process.env.ALISMS_TEST_REDIS_CLUSTER ?? '').split(',').filter(Boolean);
if (clusterNodes.length) {
  const cluster = connectRedis({ cluster: clusterNodes });
  after(() => cluster.disconnect());
  stores.push({
    name: 'cluster',
    make: () => new RedisLimitStore({ redis: cluster, prefix: `test:lim:${randomBytes(6).toString('hex')}` }),
    skip: false,
  });
}
const only = process.env.ALISMS_TEST_STORES?.split(',');
if (only) stores.splice(0, stores.length, ...stores.filter((s) => only.includes(s.name)));

for (const { name, make, skip } of stores) {
  describe(`LimitStore (${name})`, { skip }, () => {
    it('sliding window: counts, remaining, and resetAt when the oldest hit leaves', async () => {
      const store = make();
      const policy = slidingWindow(3, '1 min', 'three');
      const check = [{ policy, subject: 's1' }];
      const r1 = await store.consume(check, T0);
      assert.deepEqual([r1.allowed, r1.remaining, r1.resetAt], [true, 2, T0 + 60_000]);
      await store.consume(check, T0 + 10_000);
      const r3 = await store.consume(check, T0 + 20_000);
      assert.deepEqual([r3.allowed, r3.remaining, r3.exhausted], [true, 0, ['three']]);
      const refused = await store.consume(check, T0 + 30_000);
      assert.deepEqual([refused.allowed, refused.reason, refused.resetAt], [false, 'three', T0 + 60_000]);
      assert.equal((await store.consume(check, T0 + 60_000)).allowed, true, 'the first hit has left the window');
      assert.equal((await store.consume([{ policy, subject: 's2' }], T0 + 30_000)).allowed, true, 'other subject');
    });

    it('fixed window: resets at the boundary, which the UTC offset moves', async () => {
      const store = make();
      const utc = fixedWindow(1, '1 d', { name: 'day-utc' });
      const cst = fixedWindow(1, '1 d', { name: 'day-cst', utcOffsetMinutes: 480 });
      const at = Date.UTC(2026, 0, 1, 15, 30);
      assert.equal(windowStart(cst, at), Date.UTC(2025, 11, 31, 16));
      assert.equal((await store.consume([{ policy: utc, subject: 'g' }], at)).allowed, true);
      assert.equal((await store.consume([{ policy: cst, subject: 'g' }], at)).allowed, true);
      const cstRefused = await store.consume([{ policy: cst, subject: 'g' }], at);
      assert.equal(cstRefused.resetAt, Date.UTC(2026, 0, 1, 16));
      assert.equal((await store.consume([{ policy: cst, subject: 'g' }], Date.UTC(2026, 0, 1, 16))).allowed, true);
      assert.equal((await store.consume([{ policy: utc, subject: 'g' }], Date.UTC(2026, 0, 1, 23, 59))).allowed, false);
      assert.equal((await store.consume([{ policy: utc, subject: 'g' }], Date.UTC(2026, 0, 2))).allowed, true);
    });

    it('all or nothing: a refusal counts nowhere, and the reason is the limit closed longest', async () => {
      const store = make();
      const short = slidingWindow(1, '1 min', 'short');
      const long = slidingWindow(1, '1 h', 'long');
      const wide = slidingWindow(100, '1 h', 'wide');
      await store.consume(
        [
          { policy: short, subject: 'a' },
          { policy: long, subject: 'a' },
        ],
        T0,
      );
      const refused = await store.consume(
        [
          { policy: wide, subject: 'x' },
          { policy: short, subject: 'a' },
          { policy: long, subject: 'a' },
        ],
        T0 + 1000,
      );
      assert.deepEqual([refused.allowed, refused.reason, refused.resetAt], [false, 'long', T0 + 3600_000]);
      assert.deepEqual(
        refused.states.map((s) => s.refused),
        [false, true, true],
      );
      const wideAlone = await store.consume([{ policy: wide, subject: 'x' }], T0 + 2000);
      assert.equal(wideAlone.remaining, 99, 'the refused call did not count on "wide"');
    });

    it('a limit lowered below the recorded hits waits for enough hits to leave', async () => {
      const store = make();
      const five = slidingWindow(5, '1 min', 'lowered');
      for (let i = 0; i < 5; i++) await store.consume([{ policy: five, subject: 'a' }], T0 + i * 1000);
      const two = slidingWindow(2, '1 min', 'lowered');
      const refused = await store.consume([{ policy: two, subject: 'a' }], T0 + 5000);
      assert.deepEqual([refused.allowed, refused.resetAt], [false, T0 + 3000 + 60_000]);
    });
  });
}

// Shared set-up for the OTP tests: the same suites run against the memory store and real Redis
// (REDIS_URL, a random prefix per test, keys removed afterwards).
import { randomBytes } from 'node:crypto';
import { ManualClock } from 'alisms';
import { Cluster, Redis } from 'ioredis';
import {
  connectRedis,
  createMemoryOtpStore,
  createOtp,
  createRedisClient,
  createRedisOtpStore,
  type OtpOptions,
  type OtpSendContext,
  type OtpSender,
  type OtpStore,
  type RedisConnection,
} from '../src/index.js';
import { whenReady } from '../src/limiter/index.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const SECRET = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz';

/** Probes Redis once; in CI an unreachable Redis fails the run instead of skipping. */
export async function redisReachable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 1000,
    retryStrategy: () => null,
  });
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch (error) {
    if (process.env.CI === 'true')
      throw new Error(`Redis unreachable at ${REDIS_URL} (CI must not skip)`, { cause: error });
    return false;
  } finally {
    probe.disconnect();
  }
}

export interface StoredKey {
  key: string;
  ttlMs: number;
  values: string[];
}

export interface Harness {
  readonly name: string;
  readonly store: OtpStore;
  /** Every stored key with its TTL and values; memory TTLs are measured from `now` (the manual clock). */
  dump(now: number): Promise<StoredKey[]>;
  close(): Promise<void>;
}

export function memoryHarness(): Harness {
  const store = createMemoryOtpStore();
  return {
    name: 'memory',
    store,
    dump: async (now) =>
      [...store.limits.dump(), ...store.codes.dump()].map((e) => ({
        key: e.key,
        ttlMs: e.expiresAt - now,
        values: [e.value],
      })),
    close: async () => undefined,
  };
}

export function redisHarness(): Harness {
  return redisHarnessOn('redis', createRedisClient(REDIS_URL));
}

/**
 * The Redis Cluster named by ALISMS_TEST_REDIS_CLUSTER (HOST:PORT,…), which otp-cluster.test.ts starts
 * and runs these suites against; WAIT for one replica, as a Cluster deployment should.
 */
export function clusterHarness(): Harness {
  const nodes = (process.env.ALISMS_TEST_REDIS_CLUSTER ?? '').split(',').filter(Boolean);
  // A new Cluster client first learns the slots from a node, then connects to the master: on a loaded CI
  // machine that can take more than the default second.
  return redisHarnessOn('cluster', connectRedis({ cluster: nodes }), { replicas: 1, readyTimeout: 5000 });
}

function redisHarnessOn(
  name: string,
  redis: RedisConnection,
  options: { replicas?: number; readyTimeout?: number } = {},
): Harness {
  const prefix = `test:otp:${randomBytes(6).toString('hex')}`;
  const store = createRedisOtpStore({ redis, prefix, ...options });
  const pattern = `{${prefix}}:*`;
  async function keys(): Promise<string[]> {
    await whenReady(redis, 2000); // a test that threw before any I/O leaves a client still connecting
    const found: string[] = [];
    // Every key of a prefix shares its hash tag, so on a Cluster they all live on one master.
    for (const node of redis instanceof Cluster ? redis.nodes('master') : [redis]) {
      let cursor = '0';
      do {
        const [next, batch] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
        cursor = next;
        found.push(...batch);
      } while (cursor !== '0');
    }
    return found;
  }
  return {
    name,
    store,
    async dump() {
      const out: StoredKey[] = [];
      for (const key of await keys()) {
        const type = await redis.type(key);
        const ttlMs = await redis.pttl(key);
        let values: string[] = [];
        if (type === 'string') values = [(await redis.get(key)) ?? ''];
        else if (type === 'hash') values = Object.entries(await redis.hgetall(key)).flat();
        else if (type === 'zset') values = await redis.zrange(key, '0', '-1', 'WITHSCORES');
        out.push({ key, ttlMs, values });
      }
      return out;
    },
    async close() {
      try {
        const found = await keys();
        if (found.length) await redis.del(...found);
      } finally {
        redis.disconnect();
      }
    },
  };
}

/** A sender port that counts calls and remembers the codes, optionally refusing like Aliyun would. */
export class FakeSender implements OtpSender {
  readonly sms: { to: string; code: string; ctx: OtpSendContext }[] = [];
  readonly email: { to: string; code: string; ctx: OtpSendContext }[] = [];
  refuseWith: string | undefined;

  async sendSms(to: string, code: string, ctx: OtpSendContext): Promise<unknown> {
    if (this.refuseWith) throw Object.assign(new Error('refused'), { code: this.refuseWith });
    this.sms.push({ to, code, ctx });
    return { bizId: String(this.sms.length) };
  }
  async sendEmail(to: string, code: string, ctx: OtpSendContext): Promise<unknown> {
    if (this.refuseWith) throw Object.assign(new Error('refused'), { code: this.refuseWith });
    this.email.push({ to, code, ctx });
    return {};
  }
  get calls(): number {
    return this.sms.length + this.email.length;
  }
  /** The last code sent to `to`. */
  lastCode(to: string): string {
    const all = [...this.sms, ...this.email].filter((m) => m.to === to);
    const last = all[all.length - 1];
    if (!last) throw new Error(`no code was sent to ${to}`);
    return last.code;
  }
}

/** An OTP service over `harness` with a manual clock and a fake sender. */
export function setup(harness: Harness, options: Partial<OtpOptions> = {}) {
  const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
  const sender = new FakeSender();
  const otp = createOtp({ secret: SECRET, store: harness.store, sender, clock, ...options });
  return { otp, clock, sender };
}

/**
 * Runs `suite` once per store: memory always, Redis when reachable (always in CI), and a Redis Cluster
 * when ALISMS_TEST_REDIS_CLUSTER names one. ALISMS_TEST_STORES=cluster keeps only the named ones.
 */
export const harnessFactories: { name: string; create: () => Harness }[] = [
  { name: 'memory', create: memoryHarness },
  { name: 'redis', create: redisHarness },
  ...(process.env.ALISMS_TEST_REDIS_CLUSTER ? [{ name: 'cluster', create: clusterHarness }] : []),
].filter((f) => !process.env.ALISMS_TEST_STORES || process.env.ALISMS_TEST_STORES.split(',').includes(f.name));

/** A mainland mobile number for each `i`, each in a prefix (number minus last 4 digits) of its own. */
export function cnMobile(i: number): string {
  return `+86${13900000000 + i * 10_000}`;
}

/** Mainland mobile numbers that all share one prefix (`+861380000`), for `i` < 10,000. */
export function cnMobileInRange(i: number): string {
  return `+86${13800000000 + i}`;
}

/** `describe` options that skip the Redis run only outside CI when Redis is down. */
export async function skipUnlessStore(name: string): Promise<{ skip: string | false }> {
  if (name !== 'redis') return { skip: false };
  return { skip: (await redisReachable()) ? false : `Redis unreachable at ${REDIS_URL}` };
}

/** A distinct IPv4 address for each `i`. */
export function ipv4(i: number): string {
  return `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
}

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ManualClock } from 'alisms';
import { startCluster, type TestCluster, topologySuiteOptions } from '../../../test/helpers/redis-topology.js';
import { connectRedis, createOtp, createRedisOtpStore, globalDaily, type RedisConnection } from '../src/index.js';
import { whenReady } from '../src/limiter/index.js';
import { cnMobile, FakeSender, SECRET } from './otp-harness.js';

// The store suites and the races on a real Redis Cluster (3 masters + 3 replicas started here), with
// several service instances, each with its own Cluster client, sharing it.
const STORE_SUITES = [
  'otp-flow.test.ts',
  'otp-issue.test.ts',
  'otp-limits.test.ts',
  '../src/limiter/limit-store.test.ts',
];
const IP = '203.0.113.7';

describe('OTP on a Redis Cluster', topologySuiteOptions(), () => {
  let cluster: TestCluster;
  const clients: RedisConnection[] = [];
  before(async () => {
    cluster = await startCluster();
  });
  after(() => {
    for (const c of clients) c.disconnect();
    cluster?.stop();
  });

  /** `n` service instances on one prefix, each with its own Cluster client, one clock and one sender. */
  async function instances(n: number, extra: Partial<Parameters<typeof createOtp>[0]> = {}) {
    const prefix = `cluster:${Math.random().toString(36).slice(2)}`;
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 12));
    const sender = new FakeSender();
    const otps = [];
    for (let i = 0; i < n; i++) {
      const redis = connectRedis({ cluster: cluster.addresses });
      clients.push(redis);
      // Started instances first connect (as a deployment's readiness probe waits for); the race is after.
      await whenReady(redis, 10_000);
      otps.push(
        createOtp({
          secret: SECRET,
          store: createRedisOtpStore({ redis, prefix, replicas: 1 }),
          sender,
          clock,
          ...extra,
        }),
      );
    }
    return { otps, sender, clock };
  }

  it('passes the whole store suite (flow, one-step issue, limits, limit store)', async () => {
    const dir = fileURLToPath(new URL('.', import.meta.url));
    // Without NODE_TEST_CONTEXT the child is a test run of its own, not a part of this one.
    const { NODE_TEST_CONTEXT: _inherited, ...env } = process.env;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=tap', '--test-concurrency=1', ...STORE_SUITES],
      {
        cwd: dir,
        env: { ...env, ALISMS_TEST_REDIS_CLUSTER: cluster.addresses.join(','), ALISMS_TEST_STORES: 'cluster' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 0, `the store suites failed on the Cluster:\n${output.slice(-6000)}`);
    // The suites really ran against the Cluster, not a skip.
    assert.match(output, /\(cluster store\)/);
    assert.match(output, /# fail 0/);
    assert.doesNotMatch(output, /# pass 0\b/);
  });

  it('200 concurrent sends for one number across 4 instances: one SMS', async () => {
    const { otps, sender } = await instances(4);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        otps[i % otps.length]!.send({ to: '+8613800138000', channel: 'sms', purpose: 'login', ip: `10.0.1.${i}` }),
      ),
    );
    assert.equal(sender.sms.length, 1);
    assert.equal(results.filter((r) => r.ok).length, 1);
    assert.ok(results.every((r) => r.ok || r.reason === 'rate_limited'));
  });

  it('concurrent right and wrong checks across instances: the right code is approved at most once', async () => {
    const { otps, sender } = await instances(4);
    await otps[0]!.send({ to: '+8613800138001', channel: 'sms', purpose: 'login', ip: IP });
    const code = sender.lastCode('+8613800138001');
    const wrong = code.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        otps[i % otps.length]!.check({ to: '+8613800138001', purpose: 'login', code: i % 3 === 0 ? code : wrong }),
      ),
    );
    assert.ok(results.filter((r) => r.ok).length <= 1, 'approved more than once');
    // Whatever the interleaving, the code is spent now.
    assert.equal((await otps[1]!.check({ to: '+8613800138001', purpose: 'login', code })).ok, false);
  });

  it('the global fuse is exact across instances: 50 of 120 sends to different numbers', async () => {
    const { otps, sender } = await instances(3, { limits: [globalDaily(50)] });
    const results = await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        otps[i % otps.length]!.send({ to: cnMobile(i), channel: 'sms', purpose: 'login', ip: `10.0.2.${i}` }),
      ),
    );
    assert.equal(results.filter((r) => r.ok).length, 50);
    assert.equal(sender.sms.length, 50);
  });
});

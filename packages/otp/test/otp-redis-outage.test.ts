import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { createOtp, createRedisClient, createRedisOtpStore, isStoreUnavailableError } from '../src/index.js';
import { FakeSender, REDIS_URL, SECRET, skipUnlessStore } from './otp-harness.js';

const REQUEST = { to: '+8613800138000', channel: 'sms', purpose: 'login', ip: '203.0.113.7' } as const;

/** A TCP proxy to the real Redis that the test can cut, black-hole or restore — the shared server is never touched. */
class RedisProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  blackhole = false;
  port = 0;

  async start(): Promise<void> {
    const target = new URL(REDIS_URL);
    this.server = createServer((client) => {
      const upstream = connect(Number(target.port || 6379), target.hostname);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.on('data', (chunk) => {
        if (!this.blackhole) upstream.write(chunk);
      });
      upstream.on('data', (chunk) => client.write(chunk));
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server.listen(this.port, '127.0.0.1');
    await once(this.server, 'listening');
    const address = this.server.address();
    if (address && typeof address === 'object') this.port = address.port;
  }

  /** Stops listening and cuts every open connection, as a Redis crash would. */
  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    if (this.server) await new Promise((resolve) => this.server?.close(resolve));
    this.server = undefined;
  }
}

async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 1;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; error: unknown; value: T | undefined }> {
  const start = performance.now();
  try {
    const value = await fn();
    return { ms: performance.now() - start, error: undefined, value };
  } catch (error) {
    return { ms: performance.now() - start, error, value: undefined };
  }
}

describe('otp when Redis is unreachable', await skipUnlessStore('redis'), () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  after(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('fails closed within 2 s with a clear error when nothing listens', async () => {
    const redis = createRedisClient(`redis://127.0.0.1:${await closedPort()}`);
    cleanups.push(() => redis.disconnect());
    const sender = new FakeSender();
    const otp = createOtp({ secret: SECRET, store: createRedisOtpStore({ redis, prefix: 'test:otp:closed' }), sender });
    for (let i = 0; i < 2; i++) {
      const { ms, error } = await timed(() => otp.send(REQUEST));
      assert.ok(isStoreUnavailableError(error), `expected StoreUnavailableError, got ${String(error)}`);
      assert.equal((error as { code: string }).code, 'ALISMS_STORE_UNAVAILABLE');
      assert.match((error as Error).message, /nothing was sent/);
      if (i > 0) assert.match((error as Error).message, /ECONNREFUSED/);
      assert.ok(ms < 2000, `took ${Math.round(ms)} ms`);
    }
    const check = await timed(() => otp.check({ to: REQUEST.to, purpose: 'login', code: '123456' }));
    assert.ok(isStoreUnavailableError(check.error));
    assert.equal(sender.calls, 0, 'no SMS went out');
  });

  it('fails closed when Redis hangs, and recovers by itself when Redis is back', async () => {
    const proxy = new RedisProxy();
    await proxy.start();
    cleanups.push(() => proxy.stop());
    const redis = createRedisClient(`redis://127.0.0.1:${proxy.port}`);
    cleanups.push(() => redis.disconnect());
    const prefix = `test:otp:outage:${process.pid}`;
    const sender = new FakeSender();
    const otp = createOtp({ secret: SECRET, store: createRedisOtpStore({ redis, prefix }), sender, limits: [] });
    cleanups.push(async () => {
      const admin = new Redis(REDIS_URL);
      const keys = await admin.keys(`{${prefix}}:*`);
      if (keys.length) await admin.del(...keys);
      admin.disconnect();
    });

    assert.equal((await otp.send(REQUEST)).ok, true);

    proxy.blackhole = true; // Redis accepts the connection but never answers (like DEBUG SLEEP)
    const hung = await timed(() => otp.send(REQUEST));
    assert.ok(isStoreUnavailableError(hung.error), String(hung.error));
    assert.ok(hung.ms < 2000, `took ${Math.round(hung.ms)} ms`);
    proxy.blackhole = false;

    await proxy.stop(); // Redis goes away
    const down = await timed(() => otp.send(REQUEST));
    assert.ok(isStoreUnavailableError(down.error), String(down.error));
    assert.ok(down.ms < 2000, `took ${Math.round(down.ms)} ms`);
    assert.equal(sender.calls, 1, 'nothing was sent while Redis was away');

    const ready = once(redis, 'ready');
    await proxy.start(); // same port: the client's own reconnect loop finds it
    await ready;
    const back = await otp.send(REQUEST);
    assert.equal(back.ok, true);
    assert.equal(sender.calls, 2);
  });
});

describe('otp when Redis replicas do not acknowledge (WAIT)', await skipUnlessStore('redis'), () => {
  const redis = createRedisClient(REDIS_URL);
  const prefix = `test:otp:wait:${Math.random().toString(36).slice(2)}`;
  after(async () => {
    const keys = [...(await redis.keys(`{${prefix}}:*`)), ...(await redis.keys(`{${prefix}b}:*`))];
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  });

  it('refuses to send, and to approve, what no replica holds: a failover could otherwise forget it', async () => {
    // One more replica than the server has, so WAIT can never be satisfied.
    const info = await redis.info('replication');
    const replicas = Number(/connected_slaves:(\d+)/.exec(info)?.[1] ?? 0) + 1;
    const sender = new FakeSender();
    const strict = createOtp({
      secret: SECRET,
      sender,
      store: createRedisOtpStore({ redis, prefix, replicas, replicaTimeout: 20 }),
    });
    await assert.rejects(
      strict.send(REQUEST),
      (e) => isStoreUnavailableError(e) && /replicas acknowledged/.test(e.message),
    );
    assert.equal(sender.calls, 0, 'an SMS went out for a code a failover could lose');

    // A code stored without waiting, checked by a service that waits: the approval is refused (fail closed).
    const relaxed = createOtp({ secret: SECRET, sender, store: createRedisOtpStore({ redis, prefix: `${prefix}b` }) });
    assert.equal((await relaxed.send(REQUEST)).ok, true);
    const code = sender.lastCode(REQUEST.to);
    const strictCheck = createOtp({
      secret: SECRET,
      sender,
      store: createRedisOtpStore({ redis, prefix: `${prefix}b`, replicas, replicaTimeout: 20 }),
    });
    await assert.rejects(strictCheck.check({ to: REQUEST.to, purpose: 'login', code }), isStoreUnavailableError);
    const wrong = code === '000000' ? '111111' : '000000';
    // A wrong code grants nothing, so it needs no replica: the answer stays a plain rejection.
    assert.deepEqual(await strictCheck.check({ to: REQUEST.to, purpose: 'login', code: wrong }), {
      ok: false,
      reason: 'invalid_code',
    });
  });
});

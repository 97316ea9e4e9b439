import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { type RunningService, startService } from '../src/compose.js';
import { parseServeConfig, type ReceiptEvent, type ServeConfigInput } from '../src/index.js';

// The service started in-process on 127.0.0.1:0 through its composition root, with the emulator on the
// same port or a real Redis, to test what only the full wiring shows.
const SECRET = 'service-test-otp-secret-0123456789abcdef';
const running: RunningService[] = [];
const servers: Server[] = [];
after(async () => {
  for (const r of running) await r.close();
  for (const s of servers) await new Promise((done) => s.close(done));
});

async function start(input: ServeConfigInput, extra: { onReceipt?: (e: ReceiptEvent) => void } = {}) {
  let log = '';
  const logDestination = new Writable({
    write(chunk, _enc, done) {
      log += String(chunk);
      done();
    },
  });
  const config = parseServeConfig({
    ...input,
    server: { port: 0, ...input.server },
    otp: { secret: SECRET, ...input.otp },
  });
  const service = await startService(config, { logDestination, ...extra });
  running.push(service);
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  const inbox = async () =>
    (
      (await (await fetch(`${service.url}/_emulator/api/messages`)).json()) as {
        messages: { code?: string; bizId?: string }[];
      }
    ).messages;
  return { service, post, inbox, log: () => log };
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const s = createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address() as AddressInfo;
  await new Promise((done) => s.close(done));
  return port;
}

/** A fake captcha provider answering in Turnstile's format. */
async function fakeTurnstile(success: (token: string) => boolean): Promise<string> {
  const s = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const token =
        new URLSearchParams(body).get('response') ?? (JSON.parse(body || '{}') as { response?: string }).response;
      const ok = success(token ?? '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ success: ok, 'error-codes': ok ? [] : ['invalid-input-response'] }));
    });
  });
  servers.push(s);
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}/siteverify`;
}

describe('alisms serve, failure paths', () => {
  it('answers 503 and sends nothing when Redis cannot be reached; /readyz says so, /healthz stays alive', async () => {
    const port = await closedPort();
    const { service, post, inbox } = await start({ emulator: true, redis: { url: `redis://127.0.0.1:${port}` } });
    const res = await post('/v1/verifications', { to: '13800138000' });
    assert.equal(res.status, 503);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'unavailable');
    assert.deepEqual(await inbox(), []);
    const check = await post('/v1/verifications/check', { to: '13800138000', code: '123456' });
    assert.equal(check.status, 503);
    const ready = await fetch(`${service.url}/readyz`);
    assert.equal(ready.status, 503);
    assert.deepEqual(((await ready.json()) as { checks: Record<string, string> }).checks, {
      config: 'ok',
      receipts: 'down',
      redis: 'down',
    });
    assert.equal((await fetch(`${service.url}/healthz`)).status, 200, 'a Redis outage is no reason to restart');
  });

  it('answers 503 when the SMS provider cannot be reached', async () => {
    const port = await closedPort();
    const { post, log } = await start({
      server: { apiKeys: ['api-key-0123456789abcdef'] },
      sms: {
        endpoint: `http://127.0.0.1:${port}`,
        accessKeyId: 'LTAI-canary-key-id',
        accessKeySecret: 'canary-access-key-secret-xyz',
        signName: 'Acme',
        templateCode: 'SMS_1',
        connectTimeout: 500,
      },
    });
    const res = await post(
      '/v1/verifications',
      { to: '13800138000' },
      { authorization: 'Bearer api-key-0123456789abcdef' },
    );
    assert.equal(res.status, 503);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /provider/);
    assert.ok(!log().includes('canary-access-key-secret-xyz'));
    assert.ok(!log().includes('api-key-0123456789abcdef'));
    assert.match(log(), /"providerCode"|"dependency":"provider"/);
  });

  it('refuses with 403 when the captcha is missing or fails, and sends nothing', async () => {
    const endpoint = await fakeTurnstile((token) => token === 'good-token');
    const { post, inbox } = await start({
      emulator: true,
      captcha: { provider: 'turnstile', secret: 'turnstile-secret', endpoint },
    });
    const missing = await post('/v1/verifications', { to: '13800138000' });
    assert.equal(missing.status, 403);
    assert.equal(((await missing.json()) as { error: { code: string } }).error.code, 'captcha_failed');
    const bad = await post('/v1/verifications', { to: '13800138000', captchaToken: 'bad-token' });
    assert.equal(bad.status, 403);
    assert.deepEqual(await inbox(), []);
    const good = await post('/v1/verifications', { to: '13800138000', captchaToken: 'good-token' });
    assert.equal(good.status, 201);
    assert.equal((await inbox()).length, 1);
  });

  it('answers 429 with Retry-After while a destination is locked after wrong codes', async () => {
    const { post } = await start({
      emulator: true,
      otp: { attempts: 10, lockout: { failures: 2, window: '1 h', lock: '15 min' } },
    });
    assert.equal((await post('/v1/verifications', { to: '13900139000' })).status, 201);
    for (const wrong of ['000001', '000002'])
      assert.equal((await post('/v1/verifications/check', { to: '13900139000', code: wrong })).status, 400);
    const locked = await post('/v1/verifications/check', { to: '13900139000', code: '000003' });
    assert.equal(locked.status, 429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    assert.ok(retryAfter > 800 && retryAfter <= 900, String(retryAfter));
  });

  it('ignores a spoofed X-Forwarded-For unless the peer is a trusted proxy', async () => {
    const limits = { perIp: [{ limit: 1, window: '1 d' }] };
    const plain = await start({ emulator: true, otp: { limits } });
    assert.equal(
      (await plain.post('/v1/verifications', { to: '13800138000' }, { 'x-forwarded-for': '1.1.1.1' })).status,
      201,
    );
    const spoofed = await plain.post('/v1/verifications', { to: '13900139000' }, { 'x-forwarded-for': '2.2.2.2' });
    assert.equal(spoofed.status, 429);
    assert.match(((await spoofed.json()) as { error: { limit: string } }).error.limit, /^ip-/);

    const proxied = await start({ emulator: true, otp: { limits }, server: { trustProxy: ['loopback'] } });
    assert.equal(
      (await proxied.post('/v1/verifications', { to: '13800138000' }, { 'x-forwarded-for': '1.1.1.1' })).status,
      201,
    );
    assert.equal(
      (await proxied.post('/v1/verifications', { to: '13900139000' }, { 'x-forwarded-for': '2.2.2.2' })).status,
      201,
    );
  });
});

describe('alisms serve, receipts and Redis', () => {
  it('receives the emulator’s SmsReport push and answers GET /v1/messages/{bizId}', async () => {
    let resolveEvent: (e: ReceiptEvent) => void = () => {};
    const pushed = new Promise<ReceiptEvent>((r) => (resolveEvent = r));
    const { service, post, inbox } = await start(
      { emulator: true, emulatorConfig: { receipts: { delay: 0 } } },
      { onReceipt: (e) => resolveEvent(e) },
    );
    assert.equal((await post('/v1/verifications', { to: '13700137000' })).status, 201);
    const bizId = (await inbox())[0]?.bizId;
    assert.ok(bizId);
    const event = await pushed;
    assert.equal(event.type, 'report');
    const res = await fetch(`${service.url}/v1/messages/${encodeURIComponent(bizId)}`);
    assert.equal(res.status, 200);
    const body = (await res.json()) as { recipients: { status: string; source: string; errCode?: string }[] };
    assert.equal(body.recipients.length, 1);
    assert.equal(body.recipients[0]?.status, 'delivered');
    assert.equal(body.recipients[0]?.source, 'push');
    assert.equal(body.recipients[0]?.errCode, 'DELIVERED');
  });

  it('sends and checks with the Redis store', async (t) => {
    const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      if (process.env.CI === 'true') throw error;
      return t.skip('Redis is not reachable (CI=true makes this fail)');
    }
    const prefix = `test:e2e-service:${randomUUID()}:`;
    try {
      const { service, post, inbox } = await start({ emulator: true, redis: { url, prefix } });
      assert.equal((await post('/v1/verifications', { to: '13600136000' })).status, 201);
      const code = (await inbox())[0]?.code;
      assert.ok(code);
      assert.equal((await post('/v1/verifications/check', { to: '13600136000', code })).status, 200);
      assert.equal((await post('/v1/verifications/check', { to: '13600136000', code })).status, 400);
      assert.equal((await fetch(`${service.url}/healthz`)).status, 200);
      const keys = await redis.keys(`*${prefix}*`);
      assert.ok(keys.length > 0);
      for (const key of keys) assert.ok((await redis.pttl(key)) > 0, `${key} has no TTL`);
    } finally {
      const keys = await redis.keys(`*${prefix}*`);
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
  });
});

describe('alisms serve, draining', () => {
  it('cuts a request still in flight at server.drainTimeout instead of waiting for it', async () => {
    const { service, post } = await start({ emulator: true, server: { drainTimeout: '100 ms' } });
    await fetch(`${service.url}/_emulator/api/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'SendSms', kind: 'latency', ms: 3000, count: 1 }),
    });
    const inFlight = post('/v1/verifications', { to: '13800138000' });
    for (;;) {
      const { faults } = (await (await fetch(`${service.url}/_emulator/api/faults`)).json()) as { faults: unknown[] };
      if (faults.length === 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await service.close();
    // close() came back while the 3 s send was still waiting: its connection was cut at the deadline.
    await assert.rejects(inFlight);
  });
});

describe('alisms serve, reload (SIGHUP)', () => {
  it('swaps API keys atomically and refuses a change that needs a restart, keeping the old configuration', async () => {
    const [keyA, keyB] = ['reload-key-a-0123456789', 'reload-key-b-0123456789'];
    const base = { emulator: true, otp: { secret: SECRET } };
    const { service } = await start({ ...base, server: { apiKeys: [keyA] } });
    const status = async (key: string) =>
      (
        await fetch(`${service.url}/v1/verifications/check`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
          body: JSON.stringify({ to: '13800138000', code: '000000' }),
        })
      ).status;
    assert.deepEqual([await status(keyA), await status(keyB)], [400, 401]);
    const port = Number(new URL(service.url).port);
    await service.reload(parseServeConfig({ ...base, server: { port: 0, apiKeys: [keyB] } }));
    assert.deepEqual([await status(keyA), await status(keyB)], [401, 400]);
    await assert.rejects(
      service.reload(parseServeConfig({ ...base, server: { port: port + 1, apiKeys: [keyA] } })),
      /server\.port: changes only with a restart/,
    );
    assert.deepEqual([await status(keyA), await status(keyB)], [401, 400], 'the refused reload changed nothing');
  });
});

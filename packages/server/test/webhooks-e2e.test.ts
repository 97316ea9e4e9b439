import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from 'alisms';
import { Webhook } from 'standardwebhooks';
import { type RunningService, startService } from '../src/compose.js';
import { buildOpenApiDocument, parseServeConfig } from '../src/index.js';
import { webhookPayloadSchema } from '../src/webhooks/payload-schemas.js';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../src/webhooks/types.js';

// Signed lifecycle webhooks end to end: the service with its emulator on 127.0.0.1:0, driven through the HTTP
// API, POSTing to loopback receivers that verify every signature with the `standardwebhooks` library.
const OTP_SECRET = 'webhook-test-otp-secret-0123456789abcdef';
const SECRET_ALL = `whsec_${Buffer.from('all-events-receiver-key-0123456789').toString('base64')}`;
const SECRET_APPROVED = `whsec_${Buffer.from('approved-only-receiver-key-0123456').toString('base64')}`;
const WRONG_SECRET = `whsec_${Buffer.from('a-key-the-service-does-not-have-00').toString('base64')}`;

interface Received {
  id: string;
  type: string;
  data: Record<string, unknown>;
  raw: string;
}

/** A receiver that verifies each POST with `secret`; it answers 500 to the first `failFirst` and 400 to bad signatures. */
async function receiver(secret: string, failFirst = 0) {
  const verifier = new Webhook(secret);
  const events: Received[] = [];
  let posts = 0;
  let badSignatures = 0;
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      posts += 1;
      if (posts <= failFirst) return void res.writeHead(500).end();
      try {
        const payload = verifier.verify(raw, req.headers as Record<string, string>) as Received;
        const id = req.headers['webhook-id'] as string;
        // Retries carry the same webhook-id: a receiver keeps the first.
        if (!events.some((e) => e.id === id)) events.push({ ...payload, id, raw });
        res.writeHead(204).end();
      } catch {
        badSignatures += 1;
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/alisms`,
    events,
    get posts() {
      return posts;
    },
    get badSignatures() {
      return badSignatures;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('signed lifecycle webhooks through the HTTP API', () => {
  // The wall clock (the emulator checks request signatures against it, with Aliyun's 15 min of slack)…
  const clock = new ManualClock(Date.now());
  // …and the daily fuse's day shifted so that it is noon now: the test moves the clock 6 min on, which must
  // not cross the fuse's midnight whenever the test runs.
  const minutesToNoon = 720 - Math.floor((clock.now() % 86_400_000) / 60_000);
  let service: RunningService;
  let all: Awaited<ReturnType<typeof receiver>>;
  let approvedOnly: Awaited<ReturnType<typeof receiver>>;
  let wrongKey: Awaited<ReturnType<typeof receiver>>;
  let log = '';
  const codes: string[] = [];

  before(async () => {
    all = await receiver(SECRET_ALL, 2); // two failures first: the retries must deliver
    approvedOnly = await receiver(SECRET_APPROVED);
    wrongKey = await receiver(WRONG_SECRET);
    const config = parseServeConfig({
      emulator: true,
      server: { port: 0 },
      otp: {
        secret: OTP_SECRET,
        lockout: { failures: 3 },
        limits: { globalDaily: { limit: 4, utcOffsetMinutes: minutesToNoon } },
      },
      webhooks: [
        { url: all.url, secret: SECRET_ALL },
        { url: approvedOnly.url, secret: SECRET_APPROVED, events: ['verification.approved'] },
        // Signed with another secret than the receiver's: every try is refused, then given up.
        { url: wrongKey.url, secret: SECRET_ALL, events: ['verification.sent'] },
      ],
    });
    const logDestination = new Writable({
      write(chunk, _enc, done) {
        log += String(chunk);
        done();
      },
    });
    service = await startService(config, {
      clock,
      logDestination,
      webhookRetry: { schedule: (_ms, run) => void setImmediate(run), attempts: 4 },
    });
  });

  after(async () => {
    await service?.close();
    await Promise.all([all?.close(), approvedOnly?.close(), wrongKey?.close()]);
  });

  const post = (path: string, body: unknown) =>
    fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const latestCode = async (to: string) =>
    ((await (await fetch(`${service.url}/_emulator/api/messages/latest?to=${to}`)).json()) as { code: string }).code;
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(code.length, '0');
  const types = () => all.events.map((e) => e.type);
  /** Resolves once the all-events receiver holds `count` events of `type`; fails the test after 10 s. */
  const eventsOf = async (type: string, count = 1) => {
    const deadline = Date.now() + 10_000;
    while (all.events.filter((e) => e.type === type).length < count) {
      if (Date.now() > deadline) throw new Error(`no ${type} after 10 s; got ${types().join(', ')}`);
      await new Promise((r) => setImmediate(r));
    }
    return all.events.filter((e) => e.type === type);
  };

  it('signs verification.sent and .approved, retried past two 500s, with masked numbers and no code', async () => {
    assert.equal((await post('/v1/verifications', { to: '13800138001', purpose: 'login' })).status, 201);
    const code = await latestCode('13800138001');
    codes.push(code);
    assert.equal((await post('/v1/verifications/check', { to: '13800138001', code, purpose: 'login' })).status, 200);
    const [sent] = await eventsOf('verification.sent');
    const [approved] = await eventsOf('verification.approved');
    assert.equal(sent?.data.to, '+86138****8001');
    assert.equal(sent?.data.purpose, 'login');
    assert.equal(sent?.data.channel, 'sms');
    assert.match(String(sent?.data.id), /^[0-9a-f-]{36}$/);
    assert.equal(approved?.data.to, '+86138****8001');
    assert.ok(all.posts >= 4, 'the two refused tries were retried');
    // The approved-only receiver got that one type and nothing else.
    while (approvedOnly.events.length < 1) await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      approvedOnly.events.map((e) => e.type),
      ['verification.approved'],
    );
  });

  it('says why a check failed: wrong_code, no_code, then expired and locked', async () => {
    assert.equal(
      (await post('/v1/verifications/check', { to: '13800138001', code: codes[0], purpose: 'login' })).status,
      400,
    );
    const [noCode] = await eventsOf('verification.failed');
    assert.equal(noCode?.data.reason, 'no_code');

    assert.equal((await post('/v1/verifications', { to: '13800138002' })).status, 201);
    const code = await latestCode('13800138002');
    codes.push(code);
    await post('/v1/verifications/check', { to: '13800138002', code: wrong(code) });
    const failed = await eventsOf('verification.failed', 2);
    assert.equal(failed[1]?.data.reason, 'wrong_code');

    clock.advance(6 * 60_000); // past the 5 min TTL
    await post('/v1/verifications/check', { to: '13800138002', code });
    const [expired] = await eventsOf('verification.expired');
    assert.equal(expired?.data.to, '+86138****8002');

    // lockout.failures is 3: the third failure locks; the check after it meets the lock.
    await post('/v1/verifications/check', { to: '13800138002', code });
    const locked = await post('/v1/verifications/check', { to: '13800138002', code });
    assert.equal(locked.status, 429);
    const [lockedEvent] = await eventsOf('verification.locked');
    assert.ok(Date.parse(String(lockedEvent?.data.lockedUntil)) > clock.now());
  });

  it('raises fuse.tripped when the global daily limit fills', async () => {
    // Two sends so far; the fourth fills the limit of 4.
    for (const to of ['13800138003', '13800138004'])
      assert.equal((await post('/v1/verifications', { to })).status, 201);
    const [fuse] = await eventsOf('fuse.tripped');
    assert.equal(fuse?.data.count, 4);
    assert.equal((await post('/v1/verifications', { to: '13800138005' })).status, 429);
  });

  it('sends delivery.updated for the receipts the emulator pushes', async () => {
    const updates = await eventsOf('delivery.updated');
    assert.equal(updates[0]?.data.status, 'delivered');
    assert.match(String(updates[0]?.data.to), /\*{4}/);
  });

  it('never carries a code or a full number, and counts deliveries and give-ups in /metrics', async () => {
    // Every body matches the schema the OpenAPI document publishes for its type, and every type is there.
    for (const event of all.events) webhookPayloadSchema(event.type as WebhookEventType).parse(JSON.parse(event.raw));
    const documented = (buildOpenApiDocument() as { webhooks: Record<string, unknown> }).webhooks;
    assert.deepEqual(Object.keys(documented), [...WEBHOOK_EVENT_TYPES]);
    const everything = all.events.map((e) => e.raw).join('\n');
    for (const code of codes) assert.ok(!everything.includes(`"${code}"`), 'a code leaked into a webhook');
    assert.doesNotMatch(everything, /1380013800\d/);
    while (wrongKey.posts < 4) await new Promise((r) => setImmediate(r));
    assert.equal(wrongKey.events.length, 0);
    assert.equal(wrongKey.badSignatures, wrongKey.posts, 'a receiver with another secret refuses every try');
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    assert.match(metrics, /alisms_webhook_deliveries_total\{event="verification.approved",result="delivered"\} [1-9]/);
    assert.match(metrics, /alisms_webhook_deliveries_total\{event="verification.sent",result="retried"\} [1-9]/);
    // wrongKey gives up after its 4 tries (retries scheduled at once in this test).
    const deadline = Date.now() + 10_000;
    let failedLine = '';
    while (!failedLine && Date.now() < deadline) {
      const text = await (await fetch(`${service.url}/metrics`)).text();
      failedLine =
        /alisms_webhook_deliveries_total\{event="verification.sent",result="failed"\} [1-9]/.exec(text)?.[0] ?? '';
    }
    assert.ok(failedLine, 'the give-up is counted');
    assert.match(log, /webhook not delivered; giving up/);
    assert.ok(!log.includes(SECRET_ALL.slice(6)), 'the signing secret never reaches the log');
  });
});

const SHOP_KEY = 'shop-service-key-0123456';
const TOP_KEY = 'top-level-key-0123456789';
const SHOP_SECRET = `whsec_${Buffer.from('shop-receiver-key-0123456789abcd').toString('base64')}`;

/**
 * A deployment with the top level and a `shop` service, each with one receiver subscribed to `events`;
 * `extra` adds to the configuration. Started before the describe's tests, closed after them.
 */
function twoServices(events: WebhookEventType[], extra: Record<string, unknown> = {}) {
  const ctx = {} as {
    service: RunningService;
    top: Awaited<ReturnType<typeof receiver>>;
    shop: Awaited<ReturnType<typeof receiver>>;
  };
  before(async () => {
    ctx.top = await receiver(SECRET_ALL);
    ctx.shop = await receiver(SHOP_SECRET);
    const config = parseServeConfig({
      emulator: true,
      server: { port: 0, apiKeys: [TOP_KEY] },
      otp: { secret: OTP_SECRET },
      webhooks: [{ url: ctx.top.url, secret: SECRET_ALL, events }],
      services: { shop: { apiKeys: [SHOP_KEY], webhooks: [{ url: ctx.shop.url, secret: SHOP_SECRET, events }] } },
      ...extra,
    });
    ctx.service = await startService(config, {
      logDestination: new Writable({ write: (_c, _e, done) => done() }),
      webhookRetry: { schedule: (_ms, run) => void setImmediate(run), attempts: 2 },
    });
  });
  after(async () => {
    await ctx.service?.close();
    await Promise.all([ctx.top?.close(), ctx.shop?.close()]);
  });
  return ctx;
}

describe('signed lifecycle webhooks per service', () => {
  const ctx = twoServices(['verification.sent']);

  const send = (to: string, key: string) =>
    fetch(`${ctx.service.url}/v1/verifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ to, purpose: 'login' }),
    });
  const until = async (what: string, ok: () => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!ok()) {
      if (Date.now() > deadline) throw new Error(`${what} not within 10 s`);
      await new Promise((r) => setImmediate(r));
    }
  };

  it("sends each service's events to its own receivers only, signed with its own secret", async () => {
    assert.equal((await send('13800138011', SHOP_KEY)).status, 201);
    assert.equal((await send('13800138012', TOP_KEY)).status, 201);
    await until('both events', () => ctx.shop.events.length >= 1 && ctx.top.events.length >= 1);
    // A third send, then both queues are drained: nothing crossed over in between.
    assert.equal((await send('13800138013', SHOP_KEY)).status, 201);
    await until('the second shop event', () => ctx.shop.events.length >= 2);
    assert.deepEqual(
      ctx.shop.events.map((e) => e.data.to),
      ['+86138****8011', '+86138****8013'],
    );
    assert.deepEqual(
      ctx.top.events.map((e) => e.data.to),
      ['+86138****8012'],
    );
    assert.equal(ctx.shop.badSignatures + ctx.top.badSignatures, 0);
  });
});

describe('delivery receipts per service', () => {
  // Receipts pushed at once; with API keys the push needs the token, which the embedded emulator is given.
  const ctx = twoServices(['delivery.updated'], {
    emulatorConfig: { receipts: { delay: 0 } },
    receipts: { token: 'receipt-push-token-0123456789' },
  });

  const call = (path: string, key: string, body?: unknown) =>
    fetch(`${ctx.service.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('sends a status to the webhooks of the service that sent the message, and shows it to that service alone', async () => {
    assert.equal((await call('/v1/verifications', SHOP_KEY, { to: '13800138021' })).status, 201);
    assert.equal((await call('/v1/verifications', TOP_KEY, { to: '13800138022' })).status, 201);
    const deadline = Date.now() + 10_000;
    while (ctx.shop.events.length < 1 || ctx.top.events.length < 1) {
      if (Date.now() > deadline) throw new Error('no delivery.updated within 10 s');
      await new Promise((r) => setImmediate(r));
    }
    assert.deepEqual(
      ctx.shop.events.map((e) => [e.type, e.data.to, e.data.status]),
      [['delivery.updated', '138****8021', 'delivered']],
    );
    assert.deepEqual(
      ctx.top.events.map((e) => [e.type, e.data.to]),
      [['delivery.updated', '138****8022']],
    );
    const shopBiz = encodeURIComponent(String(ctx.shop.events[0]?.data.bizId));
    const topBiz = encodeURIComponent(String(ctx.top.events[0]?.data.bizId));
    assert.equal((await call(`/v1/messages/${shopBiz}`, SHOP_KEY)).status, 200);
    assert.equal((await call(`/v1/messages/${shopBiz}`, TOP_KEY)).status, 404);
    assert.equal((await call(`/v1/messages/${topBiz}`, TOP_KEY)).status, 200);
    assert.equal((await call(`/v1/messages/${topBiz}`, SHOP_KEY)).status, 404);
    assert.equal(ctx.shop.badSignatures + ctx.top.badSignatures, 0);
  });
});

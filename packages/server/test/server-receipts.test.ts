import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it, test } from 'node:test';
import { ManualClock } from 'alisms';
import { Redis } from 'ioredis';
import {
  createApp,
  createLogger,
  createMemoryReceiptStore,
  createMetrics,
  createRedisReceiptStore,
  type DeliveryStatus,
  type ReceiptEvent,
  type ReceiptStore,
  type VerificationService,
} from '../src/index.js';
import { webhookHook } from '../src/webhook.js';
import { bulkFeed } from '../src/wiring.js';

const unused: VerificationService = {
  send: () => Promise.reject(new Error('not used')),
  check: () => Promise.reject(new Error('not used')),
};

function report(phone: string, bizId: string, success = true) {
  return {
    phone_number: phone,
    send_time: '2026-01-01 08:00:00',
    report_time: '2026-01-01 08:00:05',
    success,
    err_code: success ? 'DELIVERED' : 'MOBILE_NOT_ON_SERVICE',
    err_msg: success ? '用户接收成功' : 'failed',
    sms_size: '1',
    biz_id: bizId,
    out_id: 'o-1',
  };
}

const TOKEN = 'push-token-0123456789';

function appWith(
  receipts: ReceiptStore,
  extra: { token?: string | null; sources?: string[]; apiKeys?: string[] } = {},
) {
  const token = extra.token === undefined ? TOKEN : extra.token;
  const events: ReceiptEvent[] = [];
  const bulk: DeliveryStatus[][] = [];
  const app = createApp({
    verifications: unused,
    receipts,
    apiKeys: extra.apiKeys ?? ['k-0123456789abcdef'],
    logger: createLogger({ level: 'silent' }),
    clock: new ManualClock(Date.UTC(2026, 0, 1)),
    onReceipt: (e) => {
      events.push(e);
    },
    applyBulkReceipts: async (s) => {
      bulk.push(s);
    },
    ...(token ? { receiptToken: token } : {}),
    ...(extra.sources ? { receiptSources: extra.sources, socketAddress: () => '203.0.113.9' } : {}),
  });
  // The configured token is added unless the path carries its own query.
  const push = (path: string, body: unknown) =>
    app.request(token && !path.includes('?') ? `${path}?token=${token}` : path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const get = (bizId: string) =>
    app.request(`/v1/messages/${bizId}`, { headers: { authorization: 'Bearer k-0123456789abcdef' } });
  return { app, events, bulk, push, get };
}

/**
 * A store of at most 100 entries behind the app, with a manual clock and its evictions counted in the app's
 * metrics: the set-up of both bounded-store tests.
 */
function boundedStore(
  make: (bound: {
    clock: ManualClock;
    maxEntries: number;
    onEvict: (kind: 'status' | 'sms-up') => void;
  }) => ReceiptStore,
) {
  const metrics = createMetrics();
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const store = make({ clock, maxEntries: 100, onEvict: (kind) => metrics.receiptEvictions.inc({ kind }) });
  const app = createApp({
    verifications: unused,
    receipts: store,
    apiKeys: ['k-0123456789abcdef'],
    receiptToken: TOKEN,
    metrics,
    logger: createLogger({ level: 'silent' }),
    clock,
  });
  const push = (path: string, body: unknown) =>
    app.request(`${path}?token=${TOKEN}`, { method: 'POST', body: JSON.stringify(body) });
  return { store, app, push, clock };
}

/** The store contract, run on each store; `unavailable` skips it where Redis is down outside CI. */
function suite(name: string, makeStore: () => ReceiptStore, unavailable: () => boolean = () => false) {
  const it = (title: string, fn: () => Promise<void>) =>
    test(title, async (t) => {
      if (unavailable()) return t.skip('Redis is not reachable (set CI=true to make this fail)');
      await fn();
    });
  describe(`receipts (${name} store)`, () => {
    it('stores a push, answers {"code":0}, and deduplicates a re-push by biz_id + phone', async () => {
      const { push, get, events, bulk } = appWith(makeStore());
      const biz = `biz-${randomUUID()}`;
      const first = await push('/v1/receipts/sms-report', [
        report('13800138000', biz),
        report('13900139000', biz, false),
      ]);
      assert.equal(first.status, 200);
      assert.equal(((await first.json()) as { code: number }).code, 0);
      // Aliyun retries the same batch, with the number written differently this time.
      const again = await push('/v1/receipts/sms-report', [report('+8613800138000', biz, false)]);
      assert.equal(again.status, 200);
      assert.equal(events.length, 2);
      assert.equal(bulk.length, 1);
      assert.equal(bulk[0]!.length, 2);
      const res = await get(biz);
      assert.equal(res.status, 200);
      const body = (await res.json()) as { recipients: DeliveryStatus[] };
      const byPhone = Object.fromEntries(body.recipients.map((r) => [r.phoneNumber, r]));
      assert.equal(byPhone['13800138000']?.status, 'delivered');
      assert.equal(byPhone['13900139000']?.status, 'failed');
      assert.equal(byPhone['13900139000']?.errCode, 'MOBILE_NOT_ON_SERVICE');
      assert.equal(byPhone['13800138000']?.smsSize, 1);
    });

    it('turns a tracked waiting send into its final status and drops it from the pending list', async () => {
      const store = makeStore();
      const { push, get } = appWith(store);
      const biz = `biz-${randomUUID()}`;
      await store.track({ bizId: biz, phoneNumber: '+8613700137000', sentAt: Date.UTC(2026, 0, 1) });
      assert.ok((await store.pending(1000)).some((p) => p.bizId === biz));
      assert.equal(
        ((await (await get(biz)).json()) as { recipients: DeliveryStatus[] }).recipients[0]?.status,
        'waiting',
      );
      await push('/v1/receipts/sms-report', [report('13700137000', biz)]);
      const after = (await (await get(biz)).json()) as { recipients: DeliveryStatus[] };
      assert.equal(after.recipients.length, 1);
      assert.equal(after.recipients[0]?.status, 'delivered');
      assert.ok(!(await store.pending(1000)).some((p) => p.bizId === biz));
    });

    it('keeps the sending service on the receipt that replaces its tracked send; only that service reads it', async () => {
      const store = makeStore();
      const events: ReceiptEvent[] = [];
      const keys = { top: 'top-key-0123456789abcdef', shop: 'shop-key-0123456789abcdef' };
      const app = createApp({
        verifications: unused,
        services: [{ name: 'shop', apiKeys: [keys.shop], verifications: unused }],
        receipts: store,
        apiKeys: [keys.top],
        receiptToken: TOKEN,
        logger: createLogger({ level: 'silent' }),
        clock: new ManualClock(Date.UTC(2026, 0, 1)),
        onReceipt: (e) => void events.push(e),
      });
      const get = (bizId: string, key: string) =>
        app.request(`/v1/messages/${bizId}`, { headers: { authorization: `Bearer ${key}` } });
      const shopBiz = `biz-${randomUUID()}`;
      const topBiz = `biz-${randomUUID()}`;
      await store.track({
        bizId: shopBiz,
        phoneNumber: '+8613700137000',
        sentAt: Date.UTC(2026, 0, 1),
        service: 'shop',
      });
      const pushed = await app.request(`/v1/receipts/sms-report?token=${TOKEN}`, {
        method: 'POST',
        body: JSON.stringify([report('13700137000', shopBiz), report('13600136000', topBiz)]),
      });
      assert.equal(pushed.status, 200);
      assert.equal((await store.byBizId(shopBiz))[0]?.service, 'shop', 'the store keeps the owner');
      // The owner rides on the event, not in the status its hooks and webhooks publish.
      const reports = events.flatMap((e) => (e.type === 'report' ? [e] : []));
      assert.deepEqual(
        reports.map((e) => [e.status.bizId, e.service, 'service' in e.status]),
        [
          [shopBiz, 'shop', false],
          [topBiz, undefined, false],
        ],
      );
      const own = await get(shopBiz, keys.shop);
      assert.equal(own.status, 200);
      const { recipients } = (await own.json()) as { recipients: DeliveryStatus[] };
      assert.equal(recipients[0]?.status, 'delivered');
      assert.ok(!('service' in (recipients[0] ?? {})), 'the owner is not shown');
      // Another service's key learns nothing: the answer is the one for an unknown BizId.
      const foreign = await get(shopBiz, keys.top);
      const unknown = await get(`biz-${randomUUID()}`, keys.top);
      assert.deepEqual([foreign.status, unknown.status], [404, 404]);
      assert.equal(
        ((await foreign.json()) as { error: { code: string } }).error.code,
        ((await unknown.json()) as { error: { code: string } }).error.code,
      );
      // A message this deployment did not send for a named service belongs to the top level.
      assert.equal((await get(topBiz, keys.top)).status, 200);
      assert.equal((await get(topBiz, keys.shop)).status, 404);
    });

    it('stores SmsUp replies once per sequence_id', async () => {
      const { push, events } = appWith(makeStore());
      const seq = randomUUID();
      const item = {
        phone_number: '13800138000',
        content: 'TD',
        send_time: '2026-01-01 08:00:00',
        dest_code: '1234',
        sequence_id: seq,
      };
      assert.equal((await push('/v1/receipts/sms-up', [item])).status, 200);
      assert.equal((await push('/v1/receipts/sms-up', [item])).status, 200);
      assert.equal(events.filter((e) => e.type === 'up').length, 1);
    });
  });
}

suite('memory', () => createMemoryReceiptStore());

describe('receipts (redis store)', () => {
  const prefix = `test:server-receipts:${randomUUID()}:`;
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
  });
  let up = false;
  before(async () => {
    try {
      await redis.connect();
      up = true;
    } catch (error) {
      if (process.env.CI === 'true') throw error;
    }
  });
  after(async () => {
    if (up) {
      const keys = await redis.keys(`{${prefix}*`);
      if (keys.length) await redis.del(...keys);
    }
    redis.disconnect();
  });

  suite(
    'redis',
    () => createRedisReceiptStore(redis, { prefix }),
    () => !up,
  );

  it('keeps every key it writes under a TTL', async (t) => {
    if (!up) return t.skip('Redis is not reachable (set CI=true to make this fail)');
    const store = createRedisReceiptStore(redis, { prefix });
    const { push } = appWith(store);
    await store.track({ bizId: 'b-ttl', phoneNumber: '13600136000', sentAt: 1 });
    await push('/v1/receipts/sms-report', [report('13800138000', 'b-ttl')]);
    await push('/v1/receipts/sms-up', [{ phone_number: '13800138000', content: 'hi', sequence_id: 's-1' }]);
    const keys = await redis.keys(`{${prefix}*`);
    assert.ok(keys.length >= 4, keys.join(','));
    for (const key of keys) assert.ok((await redis.ttl(key)) > 0, `${key} has no TTL`);
  });

  it('keeps the Redis store bounded: the oldest statuses and SmsUp ids are evicted, counted, and swept after the TTL', async (t) => {
    if (!up) return t.skip('Redis is not reachable (set CI=true to make this fail)');
    const own = `${prefix}bounded:`;
    const { store, app, push, clock } = boundedStore((bound) =>
      createRedisReceiptStore(redis, { prefix: own, ...bound }),
    );
    // A tracked send that the flood pushes out must leave the poller's list too.
    await store.track({ bizId: 'tracked', phoneNumber: '13600136000', sentAt: clock.now() });
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      await push(
        '/v1/receipts/sms-report',
        Array.from({ length: 100 }, (_, j) => report('13800138000', `flood-${i}-${j}`)),
      );
    }
    await push(
      '/v1/receipts/sms-up',
      Array.from({ length: 150 }, (_, j) => ({ phone_number: '13800138000', content: 'x', sequence_id: `s${j}` })),
    );
    assert.deepEqual(await store.byBizId('flood-0-0'), [], 'the oldest status was evicted');
    assert.deepEqual(await store.byBizId('tracked'), []);
    assert.deepEqual(await store.pending(1000), []);
    assert.equal((await store.byBizId('flood-4-99')).length, 1, 'the newest is kept');
    const tag = `{${own}receipts}`;
    assert.equal(await redis.zcard(`${tag}:index`), 100);
    assert.equal(await redis.zcard(`${tag}:sms-up:seen`), 100);
    const text = await (await app.request('/metrics')).text();
    assert.match(text, /alisms_receipts_evicted_total\{kind="status"\} 401/);
    assert.match(text, /alisms_receipts_evicted_total\{kind="sms-up"\} 50/);
    // A re-push of a remembered id is still a duplicate; an evicted one is taken as new.
    const again = { phoneNumber: '13800138000', content: 'x', receivedAt: '' };
    assert.equal(await store.addInbound({ ...again, sequenceId: 's149' }), false);
    assert.equal(await store.addInbound({ ...again, sequenceId: 's0' }), true);
    // Past the TTL the sweep drops what is older, whatever the count.
    clock.advance(31 * 24 * 3600 * 1000);
    await push('/v1/receipts/sms-report', [report('13800138000', 'after-ttl')]);
    assert.equal(await redis.zcard(`${tag}:index`), 1);
    assert.deepEqual(await store.byBizId('flood-4-99'), []);
    for (const key of await redis.keys(`${tag}*`)) assert.ok((await redis.ttl(key)) > 0, `${key} has no TTL`);
  });

  it('behaves like the memory store', async (t) => {
    if (!up) return t.skip('Redis is not reachable');
    const store = createRedisReceiptStore(redis, { prefix });
    const { push, get } = appWith(store);
    const biz = `biz-${randomUUID()}`;
    await push('/v1/receipts/sms-report', [report('13800138000', biz)]);
    await push('/v1/receipts/sms-report', [report('13800138000', biz, false)]);
    const body = (await (await get(biz)).json()) as { recipients: DeliveryStatus[] };
    assert.deepEqual(
      body.recipients.map((r) => r.status),
      ['delivered'],
    );
  });
});

describe('receipt endpoints', () => {
  it('answers 503 when storing fails, so Aliyun pushes again', async () => {
    const broken = { ...createMemoryReceiptStore(), applyStatus: () => Promise.reject(new Error('ECONNREFUSED')) };
    const { push } = appWith(broken);
    const res = await push('/v1/receipts/sms-report', [report('13800138000', 'b1')]);
    assert.equal(res.status, 503);
    assert.equal(typeof ((await res.json()) as { code: unknown }).code, 'number');
  });

  it('answers 400 for a body that is not a receipt array and 404 for an unknown BizId', async () => {
    const { push, get } = appWith(createMemoryReceiptStore());
    assert.equal((await push('/v1/receipts/sms-report', { phone_number: '1' })).status, 400);
    assert.equal((await push('/v1/receipts/sms-up', [{ content: 'no phone' }])).status, 400);
    assert.equal((await get('nothing-here')).status, 404);
  });

  it('requires ?token= when a receipt token is configured, and the API key for /v1/messages', async () => {
    const { app, push } = appWith(createMemoryReceiptStore(), { token: 'push-secret-123' });
    assert.equal((await push('/v1/receipts/sms-report?a=1', [report('13800138000', 'b2')])).status, 401);
    assert.equal((await push('/v1/receipts/sms-report?token=wrong', [report('13800138000', 'b2')])).status, 401);
    assert.equal(
      (await push('/v1/receipts/sms-report?token=push-secret-123', [report('13800138000', 'b2')])).status,
      200,
    );
    assert.equal((await app.request('/v1/messages/b2')).status, 401);
  });
});

describe('receipt consumers', () => {
  it('writes new statuses into a bulk job results file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alisms-bulk-feed-'));
    try {
      const file = join(dir, 'results.csv');
      await writeFile(
        file,
        'row,phone,status,biz_id,out_id,error_code,message\n1,13700137000,submitted,biz-9,o-1,,\n2,13800138000,submitted,biz-9,o-1,,\n',
      );
      const app = createApp({
        verifications: unused,
        receipts: createMemoryReceiptStore(),
        logger: createLogger({ level: 'silent' }),
        receiptToken: TOKEN,
        applyBulkReceipts: bulkFeed(['results.csv'], dir)!,
      });
      const res = await app.request(`/v1/receipts/sms-report?token=${TOKEN}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([report('+8613700137000', 'biz-9', false)]),
      });
      assert.equal(res.status, 200);
      const lines = (await readFile(file, 'utf8')).trim().split('\n');
      assert.match(lines[1]!, /^1,13700137000,undelivered,biz-9,o-1,MOBILE_NOT_ON_SERVICE,/);
      assert.match(lines[2]!, /^2,13800138000,submitted,/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('posts each new event to the webhook and survives a webhook that is down', async () => {
    const bodies: unknown[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        bodies.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const logger = createLogger({ level: 'silent' });
      const status: DeliveryStatus = {
        bizId: 'b',
        phoneNumber: '13800138000',
        status: 'delivered',
        source: 'push',
        updatedAt: new Date(0).toISOString(),
      };
      await webhookHook(url, logger)({ type: 'report', status });
      assert.deepEqual(bodies, [{ type: 'report', status }]);
      await webhookHook('http://127.0.0.1:1/nothing', logger, 500)({ type: 'report', status });
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});

describe('receipt endpoints under attack', () => {
  it('are off (404) with API keys and no token, so a forged "delivered" cannot be stored', async () => {
    const store = createMemoryReceiptStore();
    const { push, events } = appWith(store, { token: null });
    assert.equal((await push('/v1/receipts/sms-report', [report('13800138000', 'forged')])).status, 404);
    assert.equal((await push('/v1/receipts/sms-up', [])).status, 404);
    assert.deepEqual(await store.byBizId('forged'), []);
    assert.equal(events.length, 0);
  });

  it('stay open without a token only in the keyless dev mode', async () => {
    const app = createApp({
      verifications: unused,
      receipts: createMemoryReceiptStore(),
      allowAnonymous: true,
      logger: createLogger({ level: 'silent' }),
    });
    const res = await app.request('/v1/receipts/sms-report', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([report('13800138000', 'dev')]),
    });
    assert.equal(res.status, 200);
  });

  it('refuse a source outside receipts.allowedSources with 403 before reading the body', async () => {
    const outside = appWith(createMemoryReceiptStore(), { sources: ['100.104.0.0/16'] });
    assert.equal((await outside.push('/v1/receipts/sms-report', [report('13800138000', 'b3')])).status, 403);
    const inside = appWith(createMemoryReceiptStore(), { sources: ['203.0.113.0/24'] });
    assert.equal((await inside.push('/v1/receipts/sms-report', [report('13800138000', 'b3')])).status, 200);
    assert.throws(() => appWith(createMemoryReceiptStore(), { sources: ['not-a-net'] }), /receipts\.allowedSources/);
  });

  it('answer 413 to a push over 1 MB without storing anything', async () => {
    const store = createMemoryReceiptStore();
    const { push } = appWith(store);
    const big = JSON.stringify([{ ...report('13800138000', 'huge'), err_msg: 'x'.repeat(1024 * 1024) }]);
    assert.equal((await push('/v1/receipts/sms-report', big)).status, 413);
    assert.deepEqual(await store.byBizId('huge'), []);
  });

  it('keep the memory store bounded: the oldest statuses and SmsUp ids are evicted and counted', async () => {
    const { store, app, push } = boundedStore((bound) => createMemoryReceiptStore(bound));
    for (let i = 0; i < 5; i++)
      await push(
        '/v1/receipts/sms-report',
        Array.from({ length: 100 }, (_, j) => report('13800138000', `flood-${i}-${j}`)),
      );
    await push(
      '/v1/receipts/sms-up',
      Array.from({ length: 150 }, (_, j) => ({ phone_number: '13800138000', content: 'x', sequence_id: `s${j}` })),
    );
    assert.deepEqual(await store.byBizId('flood-0-0'), [], 'the oldest status was evicted');
    assert.equal((await store.byBizId('flood-4-99')).length, 1, 'the newest is kept');
    const text = await (await app.request('/metrics')).text();
    assert.match(text, /alisms_receipts_evicted_total\{kind="status"\} 400/);
    assert.match(text, /alisms_receipts_evicted_total\{kind="sms-up"\} 50/);
  });
});

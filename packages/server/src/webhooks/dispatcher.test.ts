import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { parseServeConfig } from '../config/load.js';
import { createMetrics } from '../metrics.js';
import { createWebhookDispatcher } from './dispatcher.js';
import type { WebhookEvent } from './types.js';

const SECRET = `whsec_${Buffer.from('dispatcher-unit-test-key-01234567').toString('base64')}`;
const EVENT: WebhookEvent = {
  type: 'verification.sent',
  timestamp: '2026-01-01T00:00:00.000Z',
  data: { to: '+86138****8000' },
};
const silent = { warn: () => {} };

describe('createWebhookDispatcher', () => {
  it('bounds the queue: past maxQueue, events are dropped and counted, and publish never waits', async () => {
    const metrics = createMetrics();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const dispatcher = createWebhookDispatcher({
      logger: silent,
      metrics,
      maxQueue: 3,
      concurrency: 1,
      fetch: async () => {
        calls += 1;
        await gate; // a receiver that hangs
        return new Response(null, { status: 204 });
      },
    });
    const endpoint = { url: 'http://127.0.0.1:9/hook', secret: SECRET };
    for (let i = 0; i < 10; i++) dispatcher.publish([endpoint], EVENT);
    assert.equal(dispatcher.size, 3);
    release();
    await dispatcher.idle();
    assert.equal(calls, 3);
    const text = await metrics.registry.metrics();
    assert.match(text, /alisms_webhook_deliveries_total\{event="verification.sent",result="dropped"\} 7/);
    assert.match(text, /alisms_webhook_deliveries_total\{event="verification.sent",result="delivered"\} 3/);
  });

  it('retries with the same webhook-id and a fresh valid signature, and skips events an endpoint did not ask for', async () => {
    const seen: { id: string; body: string; headers: Record<string, string> }[] = [];
    const delays: number[] = [];
    const dispatcher = createWebhookDispatcher({
      logger: silent,
      attempts: 3,
      backoff: { baseMs: 1000, capMs: 60_000, random: () => 0.5 },
      schedule: (ms, run) => {
        delays.push(ms);
        setImmediate(run);
      },
      fetch: async (_url, init) => {
        const headers = init?.headers as Record<string, string>;
        seen.push({ id: headers['webhook-id'] as string, body: String(init?.body), headers });
        return new Response(null, { status: seen.length < 3 ? 503 : 200 });
      },
    });
    dispatcher.publish([{ url: 'http://127.0.0.1:9/a', secret: SECRET, events: ['fuse.tripped'] }], EVENT);
    dispatcher.publish([{ url: 'http://127.0.0.1:9/b', secret: SECRET }], EVENT);
    await dispatcher.idle();
    assert.equal(seen.length, 3, 'only the endpoint that wants verification.sent, tried three times');
    assert.equal(new Set(seen.map((s) => s.id)).size, 1);
    assert.deepEqual(delays, [500, 1000], 'backoffDelay with full jitter, doubling');
    const verifier = new Webhook(SECRET);
    for (const s of seen) assert.deepEqual(verifier.verify(s.body, s.headers), EVENT);
  });

  it('the config refuses a secret that is not whsec_ + base64 of 24–64 bytes, and an unknown event', () => {
    const bad = (webhooks: unknown) => assert.throws(() => parseServeConfig({ webhooks } as never), /webhooks/);
    bad([{ url: 'https://a.example/h', secret: 'not-a-secret' }]);
    bad([{ url: 'https://a.example/h', secret: `whsec_${Buffer.from('short').toString('base64')}` }]);
    bad([{ url: 'https://a.example/h', secret: SECRET, events: ['verification.maybe'] }]);
    bad([{ url: 'ftp://a.example/h', secret: SECRET }]);
    assert.equal(parseServeConfig({ webhooks: [{ url: 'https://a.example/h', secret: SECRET }] }).webhooks.length, 1);
  });
});

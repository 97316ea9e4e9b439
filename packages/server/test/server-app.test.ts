import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckOutcome, SendOutcome, VerificationService } from '../src/index.js';
import { createApp, createLogger, createMemoryReceiptStore, createMetrics } from '../src/index.js';

/** A verification service that answers what the test scripts and remembers what it was asked. */
function scripted(send: SendOutcome, check: CheckOutcome = { status: 'rejected' }) {
  const calls: { send: unknown[]; check: unknown[] } = { send: [], check: [] };
  const service: VerificationService = {
    async send(input) {
      calls.send.push(input);
      return send;
    },
    async check(input) {
      calls.check.push(input);
      return check;
    },
  };
  return { service, calls };
}

const sent: SendOutcome = {
  ok: true,
  id: 'v_1',
  to: '+8613800138000',
  channel: 'sms',
  expiresAt: new Date('2026-01-01T00:05:00Z'),
  resendAfter: new Date('2026-01-01T00:01:00Z'),
};

function post(body: unknown, headers: Record<string, string> = {}) {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer key-1', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

function build(send: SendOutcome, check?: CheckOutcome) {
  const { service, calls } = scripted(send, check);
  const metrics = createMetrics();
  const app = createApp({
    verifications: service,
    receipts: createMemoryReceiptStore(),
    apiKeys: ['key-1'],
    metrics,
    logger: createLogger({ level: 'silent' }),
  });
  return { app, calls, metrics };
}

describe('POST /v1/verifications', () => {
  it('answers 201 with the destination masked and ISO times, passing purpose and channel defaults', async () => {
    const { app, calls } = build(sent);
    const res = await app.request('/v1/verifications', post({ to: '13800138000' }));
    assert.equal(res.status, 201);
    const body = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(body, {
      id: 'v_1',
      to: '+86138****8000',
      channel: 'sms',
      status: 'pending',
      expiresAt: '2026-01-01T00:05:00.000Z',
      resendAfter: '2026-01-01T00:01:00.000Z',
    });
    assert.deepEqual(calls.send, [{ to: '13800138000', channel: 'sms', purpose: 'default' }]);
  });

  it('infers the email channel from an address', async () => {
    const { app, calls } = build({ ...sent, to: 'alice@example.com', channel: 'email' });
    const res = await app.request('/v1/verifications', post({ to: 'alice@example.com', purpose: 'login' }));
    assert.equal(res.status, 201);
    assert.equal(((await res.json()) as { to: string }).to, 'a***@example.com');
    assert.deepEqual(calls.send, [{ to: 'alice@example.com', channel: 'email', purpose: 'login' }]);
  });

  it('refuses a body that is not JSON, has unknown keys or misses `to` with 400 invalid_body and sends nothing', async () => {
    const { app, calls } = build(sent);
    for (const body of [
      '{not json',
      { to: '13800138000', extra: 1 },
      { channel: 'sms' },
      { to: 5 },
      { to: '13800138000', purpose: 'Log in' },
    ]) {
      const res = await app.request('/v1/verifications', post(body));
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'invalid_body');
    }
    assert.equal(calls.send.length, 0);
  });

  it('maps each refusal to its status and error code', async () => {
    const cases: [SendOutcome, number, string][] = [
      [{ ok: false, reason: 'invalid_number', message: 'not a phone number' }, 400, 'invalid_number'],
      [{ ok: false, reason: 'number_not_allowed', message: 'country not allowed' }, 400, 'number_not_allowed'],
      [{ ok: false, reason: 'captcha_failed', message: 'captcha failed' }, 403, 'captcha_failed'],
      [{ ok: false, reason: 'unavailable', dependency: 'store', code: 'STORE_DOWN' }, 503, 'unavailable'],
      [{ ok: false, reason: 'unavailable', dependency: 'provider', code: 'ECONNREFUSED' }, 503, 'unavailable'],
    ];
    for (const [outcome, status, code] of cases) {
      const { app } = build(outcome);
      const res = await app.request('/v1/verifications', post({ to: '13800138000' }));
      assert.equal(res.status, status, code);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, code);
    }
  });

  it('answers 429 with Retry-After in whole seconds and names the limit', async () => {
    const { app, metrics } = build({
      ok: false,
      reason: 'rate_limited',
      limit: 'per_phone_hour',
      retryAfterSeconds: 41.2,
    });
    const res = await app.request('/v1/verifications', post({ to: '13800138000' }));
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '42');
    const body = (await res.json()) as { error: Record<string, unknown> };
    assert.equal(body.error.code, 'rate_limited');
    assert.equal(body.error.limit, 'per_phone_hour');
    assert.equal(body.error.retryAfter, 42);
    const text = await metrics.registry.metrics();
    assert.match(text, /alisms_otp_refusals_total\{reason="rate_limited",limit="per_phone_hour"\} 1/);
  });
});

describe('POST /v1/verifications/check', () => {
  it('answers 200 approved', async () => {
    const { app, calls } = build(sent, { status: 'approved' });
    const res = await app.request('/v1/verifications/check', post({ to: '13800138000', code: '123456' }));
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: 'approved' });
    assert.deepEqual(calls.check, [{ to: '13800138000', code: '123456', purpose: 'default' }]);
  });

  it('answers every kind of rejection with the same 400 body', async () => {
    const bodies = new Set<string>();
    for (const reason of ['mismatch', 'expired', 'missing', undefined]) {
      const { app } = build(sent, reason === undefined ? { status: 'rejected' } : { status: 'rejected', reason });
      const res = await app.request('/v1/verifications/check', post({ to: '13800138000', code: '000000' }));
      assert.equal(res.status, 400);
      bodies.add(await res.text());
    }
    assert.deepEqual([...bodies], ['{"status":"rejected"}']);
  });

  it('answers 429 with Retry-After while the destination is locked', async () => {
    const { app } = build(sent, { status: 'locked', retryAfterSeconds: 900 });
    const res = await app.request('/v1/verifications/check', post({ to: '13800138000', code: '000000' }));
    assert.equal(res.status, 429);
    assert.equal(res.headers.get('retry-after'), '900');
  });

  it('answers a malformed check with 400 rejected and asks nothing', async () => {
    const { app, calls } = build(sent, { status: 'approved' });
    const res = await app.request('/v1/verifications/check', post({ to: '13800138000' }));
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { status: string }).status, 'rejected');
    assert.equal(calls.check.length, 0);
  });
});

describe('API keys', () => {
  it('refuses a missing, malformed or unknown key with 401 and accepts a configured one', async () => {
    const { app, calls } = build(sent);
    const body = JSON.stringify({ to: '13800138000' });
    const headers = { 'content-type': 'application/json' };
    for (const authorization of [undefined, 'key-1', 'Bearer key-2', 'Bearer key-1x', 'Basic a2V5LTE=']) {
      const res = await app.request('/v1/verifications', {
        method: 'POST',
        body,
        headers: authorization ? { ...headers, authorization } : headers,
      });
      assert.equal(res.status, 401, String(authorization));
    }
    assert.equal(calls.send.length, 0);
    const ok = await app.request('/v1/verifications', {
      method: 'POST',
      body,
      headers: { ...headers, authorization: 'bearer key-1' },
    });
    assert.equal(ok.status, 201);
  });

  it('requires a key when none is configured unless anonymous access is allowed (dev mode)', async () => {
    const { service } = scripted(sent);
    const locked = createApp({
      verifications: service,
      receipts: createMemoryReceiptStore(),
      logger: createLogger({ level: 'silent' }),
    });
    const init = {
      method: 'POST',
      body: JSON.stringify({ to: '13800138000' }),
      headers: { 'content-type': 'application/json' },
    };
    assert.equal((await locked.request('/v1/verifications', init)).status, 401);
    const open = createApp({
      verifications: service,
      receipts: createMemoryReceiptStore(),
      allowAnonymous: true,
      logger: createLogger({ level: 'silent' }),
    });
    assert.equal((await open.request('/v1/verifications', init)).status, 201);
  });

  it('keeps health, metrics and the OpenAPI document open', async () => {
    const { app } = build(sent);
    for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json'])
      assert.equal((await app.request(path)).status, 200, path);
  });

  it('separates liveness from readiness: /readyz is 503 while the service is not ready, /healthz stays 200', async () => {
    let ready = false;
    const app = createApp({
      verifications: scripted(sent).service,
      receipts: createMemoryReceiptStore(),
      apiKeys: ['key-1'],
      logger: createLogger({ level: 'silent' }),
      health: [{ name: 'redis', check: async () => true }],
      ready: () => ready,
    });
    const notReady = await app.request('/readyz');
    assert.equal(notReady.status, 503);
    assert.deepEqual(await notReady.json(), {
      status: 'unavailable',
      checks: { config: 'down', receipts: 'ok', redis: 'ok' },
    });
    assert.deepEqual(await (await app.request('/healthz')).json(), { status: 'ok' });
    ready = true;
    assert.equal((await app.request('/readyz')).status, 200);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Hono } from 'hono';
import { createApp, createLogger, createMemoryReceiptStore, type VerificationService } from '../src/index.js';

const verifications: VerificationService = {
  async send(input) {
    return {
      ok: true,
      id: 'v1',
      to: input.to,
      channel: input.channel,
      expiresAt: new Date(Date.UTC(2026, 0, 1, 0, 5)),
      resendAfter: new Date(Date.UTC(2026, 0, 1, 0, 1)),
    };
  },
  async check(input) {
    return input.code === '424242' ? { status: 'approved' } : { status: 'rejected' };
  },
};

function build() {
  return createApp({
    verifications,
    receipts: createMemoryReceiptStore(),
    apiKeys: ['k-0123456789abcdef'],
    logger: createLogger({ level: 'silent' }),
  });
}

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> } }>
  >;
};

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and describes every route the app registers, and nothing else', async () => {
    const app = build();
    const doc = (await (await app.request('/openapi.json')).json()) as Doc;
    assert.equal(doc.openapi, '3.1.0');
    const registered = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`)),
    );
    assert.deepEqual([...documented].sort(), [...registered].sort());
  });

  it('takes the request bodies from the zod schemas the routes validate with', async () => {
    const doc = (await (await build().request('/openapi.json')).json()) as Doc;
    const send = doc.paths['/v1/verifications']?.post?.requestBody?.content['application/json']?.schema;
    assert.deepEqual(send?.required, ['to']);
    assert.equal(send?.additionalProperties, false);
    assert.deepEqual(Object.keys(send?.properties as object).sort(), [
      'captchaToken',
      'channel',
      'locale',
      'purpose',
      'to',
    ]);
    const check = doc.paths['/v1/verifications/check']?.post?.requestBody?.content['application/json']?.schema;
    assert.deepEqual([...((check?.required ?? []) as string[])].sort(), ['code', 'to']);
    const report = doc.paths['/v1/receipts/sms-report']?.post?.requestBody?.content['application/json']?.schema;
    assert.equal(report?.type, 'array');
  });
});

describe('mounting the handler elsewhere', () => {
  it('works inside another Hono app under a prefix', async () => {
    const host = new Hono();
    host.get('/', (c) => c.text('host'));
    host.route('/otp', build());
    const headers = { 'content-type': 'application/json', authorization: 'Bearer k-0123456789abcdef' };
    const sent = await host.request('/otp/v1/verifications', {
      method: 'POST',
      headers,
      body: JSON.stringify({ to: '13800138000' }),
    });
    assert.equal(sent.status, 201);
    const checked = await host.request('/otp/v1/verifications/check', {
      method: 'POST',
      headers,
      body: JSON.stringify({ to: '13800138000', code: '424242' }),
    });
    assert.deepEqual(await checked.json(), { status: 'approved' });
    assert.equal(await (await host.request('/')).text(), 'host');
  });

  it('answers a plain Web-standard Request through app.fetch', async () => {
    const app = build();
    const res = await app.fetch(
      new Request('http://service.local/v1/verifications/check', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer k-0123456789abcdef' },
        body: JSON.stringify({ to: '13800138000', code: '111111' }),
      }),
    );
    assert.ok(res instanceof Response);
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { status: 'rejected' });
  });
});

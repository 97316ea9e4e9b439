import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isTimeoutError } from './errors/timeout-error.js';
import { isTransportError } from './errors/transport-error.js';
import { createFetchTransport } from './fetch-transport.js';
import type { HttpRequest } from './http-types.js';

const request = (extra: Partial<HttpRequest> = {}): HttpRequest => ({
  protocol: 'https:',
  hostname: 'dysmsapi.aliyuncs.com',
  port: 443,
  method: 'POST',
  path: '/?A=1',
  headers: { host: 'dysmsapi.aliyuncs.com', 'x-acs-action': 'SendSms', 'content-length': '0' },
  body: undefined,
  connectTimeout: 50,
  readTimeout: 50,
  signal: undefined,
  ...extra,
});

describe('fetch transport', () => {
  it('sends the URL and headers (no host or content-length, which fetch sets) and reads the answer', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const { send } = createFetchTransport({
      fetch: async (url, init) => {
        seen = { url: String(url), init: init ?? {} };
        return new Response('{"Code":"OK"}', { status: 200, headers: { 'x-acs-request-id': 'R' } });
      },
    });
    const response = await send(request({ port: 8443 }));
    assert.equal(seen?.url, 'https://dysmsapi.aliyuncs.com:8443/?A=1');
    assert.deepEqual(seen?.init.headers, { 'x-acs-action': 'SendSms' });
    assert.equal(response.body, '{"Code":"OK"}');
    assert.equal(response.headers['x-acs-request-id'], 'R');
  });

  it('a network failure after fetch started counts as possibly sent', async () => {
    const { send } = createFetchTransport({
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
    });
    const err = await send(request()).catch((e: unknown) => e);
    assert.ok(isTransportError(err), String(err));
    assert.equal(err.requestSent, true);
  });

  it('times out after connectTimeout + readTimeout with TimeoutError (read: may have been sent)', async () => {
    const { send } = createFetchTransport({
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))),
    });
    const err = await send(request({ connectTimeout: 1, readTimeout: 1 })).catch((e: unknown) => e);
    assert.ok(isTimeoutError(err), String(err));
    assert.equal(err.requestSent, true);
  });

  it('refuses an answer over maxResponseBytes, declared or streamed', async () => {
    const big = 'x'.repeat(2000);
    const declared = createFetchTransport({
      maxResponseBytes: 1000,
      fetch: async () => new Response(big, { headers: { 'content-length': '2000' } }),
    });
    const e1 = await declared.send(request()).catch((e: unknown) => e);
    assert.ok(isTransportError(e1) && e1.code === 'ALISMS_RESPONSE_TOO_LARGE', String(e1));
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 4; i++) c.enqueue(new TextEncoder().encode(big));
        c.close();
      },
    });
    const streamed = createFetchTransport({ maxResponseBytes: 1000, fetch: async () => new Response(stream) });
    const e2 = await streamed.send(request()).catch((e: unknown) => e);
    assert.ok(isTransportError(e2) && e2.code === 'ALISMS_RESPONSE_TOO_LARGE', String(e2));
  });

  it('an already aborted signal fails before sending (nothing sent)', async () => {
    const { send } = createFetchTransport({ fetch: async () => new Response('{}') });
    const err = await send(request({ signal: AbortSignal.abort() })).catch((e: unknown) => e);
    assert.ok(isTransportError(err));
    assert.equal(err.requestSent, false);
  });
});

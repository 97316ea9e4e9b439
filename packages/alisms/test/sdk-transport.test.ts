// Transport behaviour over real sockets: keep-alive reuse, real connect and read timeouts, abort,
// refused connections, non-JSON answers, HTTP 200 business errors, gateway 4xx, throttling.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SmsClient } from '../src/sms/sms-client.js';
import { isAliyunApiError } from '../src/transport/errors/aliyun-api-error.js';
import { isInvalidResponseError } from '../src/transport/errors/invalid-response-error.js';
import { isSendOutcomeUnknownError } from '../src/transport/errors/send-outcome-unknown-error.js';
import { isThrottlingError } from '../src/transport/errors/throttling-error.js';
import { isTimeoutError } from '../src/transport/errors/timeout-error.js';
import { isTransportError } from '../src/transport/errors/transport-error.js';
import type { ClientOptions } from '../src/transport/options.js';
import { type LoopbackServer, startLoopbackServer, TEST_KEY_ID, TEST_KEY_SECRET } from './sdk-server.js';

const SEND = { phoneNumbers: '13800138000', signName: 'S', templateCode: 'SMS_1', templateParam: { code: '1234' } };
const QUERY = { phoneNumber: '13800138000', sendDate: '20260101' };

/** A TCP server that accepts connections and never writes a byte. */
async function silentTcpServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

describe('transport over real sockets', () => {
  let server: LoopbackServer;
  let delays: number[];
  const clients: SmsClient[] = [];
  const client = (extra: ClientOptions = {}) => {
    const c = new SmsClient({
      accessKeyId: TEST_KEY_ID,
      accessKeySecret: TEST_KEY_SECRET,
      endpoint: server.url,
      sleep: async (ms) => {
        delays.push(ms);
      },
      ...extra,
    });
    clients.push(c);
    return c;
  };
  before(async () => {
    server = await startLoopbackServer();
  });
  beforeEach(() => {
    server.respond(undefined);
    delays = [];
  });
  after(async () => {
    for (const c of clients) c.close();
    await server.close();
  });

  it('reuses one keep-alive connection for sequential calls', async () => {
    const sms = client();
    const start = server.connections();
    for (let i = 0; i < 20; i++) await sms.sendSms(SEND);
    assert.equal(server.connections() - start, 1);
    const ids = new Set(server.requests.slice(-20).map((r) => r.socketId));
    assert.equal(ids.size, 1);
  });

  it('opens at most maxSockets connections under concurrency, then reuses them', async () => {
    const sms = client({ maxSockets: 4 });
    const start = server.connections();
    await Promise.all(Array.from({ length: 40 }, () => sms.sendSms(SEND)));
    assert.ok(server.connections() - start <= 4, `opened ${server.connections() - start}`);
    await Promise.all(Array.from({ length: 40 }, () => sms.sendSms(SEND)));
    assert.ok(server.connections() - start <= 4);
  });

  it('read timeout on a send: SendOutcomeUnknownError with the OutId, sent exactly once', async () => {
    server.respond(() => 'hang');
    const before = server.requests.length;
    const err = await client({ readTimeout: 600 })
      .sendSms({ ...SEND, outId: 'order-42' })
      .catch((e: unknown) => e);
    assert.ok(isSendOutcomeUnknownError(err), String(err));
    assert.equal(err.outId, 'order-42');
    assert.equal(err.action, 'SendSms');
    assert.ok(isTimeoutError(err.cause) && err.cause.phase === 'read');
    assert.equal(server.requests.length - before, 1);
    assert.deepEqual(delays, []);
  });

  it('read timeout on a query: retried, then TimeoutError', async () => {
    server.respond(() => 'hang');
    const before = server.requests.length;
    const err = await client({ readTimeout: 500, retries: 1 })
      .querySendDetails(QUERY)
      .catch((e: unknown) => e);
    assert.ok(isTimeoutError(err) && err.phase === 'read', String(err));
    assert.equal(server.requests.length - before, 2);
    assert.equal(delays.length, 1);
  });

  it('connection dropped after the request was written: a send is not retried', async () => {
    server.respond(() => 'destroy');
    const before = server.requests.length;
    const err = await client()
      .sendSms(SEND)
      .catch((e: unknown) => e);
    assert.ok(isSendOutcomeUnknownError(err), String(err));
    assert.match(err.outId ?? '', /^[0-9a-f-]{36}$/, 'an OutId was generated');
    assert.equal(server.requests.length - before, 1);
    assert.equal(server.requests.at(-1)?.query.OutId, err.outId);
  });

  it('connection lost mid-answer: a send is SendOutcomeUnknownError, a query is retried', async () => {
    server.respond(() => 'truncate');
    const before = server.requests.length;
    const err = await client()
      .sendSms(SEND)
      .catch((e: unknown) => e);
    assert.ok(isSendOutcomeUnknownError(err), String(err));
    assert.equal(server.requests.length - before, 1);
    const q = await client({ retries: 1 })
      .querySendDetails(QUERY)
      .catch((e: unknown) => e);
    assert.ok(isTransportError(q) && q.requestSent, String(q));
    assert.equal(server.requests.length - before, 3);
  });

  it('connect timeout (TLS handshake never answered): nothing sent, retried, then TimeoutError', async () => {
    const silent = await silentTcpServer();
    try {
      const err = await client({ endpoint: `https://127.0.0.1:${silent.port}`, connectTimeout: 80, retries: 2 })
        .sendSms(SEND)
        .catch((e: unknown) => e);
      assert.ok(isTimeoutError(err) && err.phase === 'connect', String(err));
      assert.equal(err.requestSent, false);
      assert.equal(delays.length, 2, 'a send is retried when nothing left the machine');
    } finally {
      await silent.close();
    }
  });

  it('connection refused: a send is retried (nothing sent), then TransportError ECONNREFUSED', async () => {
    const silent = await silentTcpServer();
    const port = silent.port;
    await silent.close();
    const err = await client({ endpoint: `http://127.0.0.1:${port}`, retries: 2 })
      .sendSms(SEND)
      .catch((e: unknown) => e);
    assert.ok(isTransportError(err), String(err));
    assert.equal(err.code, 'ECONNREFUSED');
    assert.equal(err.requestSent, false);
    assert.equal(delays.length, 2);
  });

  it('abort before sending: AbortError, nothing sent', async () => {
    const before = server.requests.length;
    const err = await client()
      .sendSms(SEND, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e);
    assert.equal((err as Error).name, 'AbortError');
    assert.equal(server.requests.length, before);
  });

  it('abort mid-flight: a query rejects with the abort reason, a send with SendOutcomeUnknownError', async () => {
    let arrived: () => void = () => {};
    server.respond(() => {
      arrived();
      return 'hang';
    });
    const sms = client({ readTimeout: 5000 });
    for (const kind of ['query', 'send'] as const) {
      const controller = new AbortController();
      const reached = new Promise<void>((r) => {
        arrived = r;
      });
      const pending = (
        kind === 'query'
          ? sms.querySendDetails(QUERY, { signal: controller.signal })
          : sms.sendSms(SEND, { signal: controller.signal })
      ).catch((e: unknown) => e);
      await reached;
      controller.abort();
      const err = await pending;
      if (kind === 'query') assert.equal((err as Error).name, 'AbortError');
      else {
        assert.ok(isSendOutcomeUnknownError(err), String(err));
        assert.equal((err.cause as Error).name, 'AbortError');
      }
    }
  });

  it('a non-JSON 502: a send is SendOutcomeUnknownError (with the OutId) caused by InvalidResponseError; a query retries', async () => {
    server.respond(() => ({ status: 502, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' }));
    const before = server.requests.length;
    const err = await client()
      .sendSms({ ...SEND, outId: 'out-502' })
      .catch((e: unknown) => e);
    assert.ok(isSendOutcomeUnknownError(err), String(err));
    assert.equal(err.outId, 'out-502');
    const cause = err.cause;
    assert.ok(isInvalidResponseError(cause), String(cause));
    assert.equal(cause.httpStatus, 502);
    assert.match(cause.bodyStart, /^<html><body><h1>502 Bad Gateway/);
    assert.equal(server.requests.length - before, 1, 'a send is not retried on 5xx');
    const q = await client({ retries: 2 })
      .querySendDetails(QUERY)
      .catch((e: unknown) => e);
    assert.ok(isInvalidResponseError(q));
    assert.equal(server.requests.length - before, 4, 'a query is retried on 5xx');
  });

  it('HTTP 200 with Code != OK throws AliyunApiError and is not retried', async () => {
    server.respond(() => ({
      body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发分钟级流控Permits:1', RequestId: 'R-200' },
    }));
    const before = server.requests.length;
    const err = await client()
      .sendSms(SEND)
      .catch((e: unknown) => e);
    assert.ok(isAliyunApiError(err), String(err));
    assert.equal(err.code, 'isv.BUSINESS_LIMIT_CONTROL');
    assert.equal(err.httpStatus, 200);
    assert.equal(err.requestId, 'R-200');
    assert.equal(err.retryable, false);
    assert.equal(server.requests.length - before, 1);
  });

  it('isp.SYSTEM_ERROR: a query retries, a send does not', async () => {
    server.respond(() => ({ body: { Code: 'isp.SYSTEM_ERROR', Message: 'system error', RequestId: 'R' } }));
    const before = server.requests.length;
    await assert.rejects(client({ retries: 1 }).sendSms(SEND), { code: 'isp.SYSTEM_ERROR' });
    assert.equal(server.requests.length - before, 1);
    await assert.rejects(client({ retries: 1 }).querySendDetails(QUERY), { code: 'isp.SYSTEM_ERROR', retryable: true });
    assert.equal(server.requests.length - before, 3);
  });

  it('a wrong secret gets the gateway 400 SignatureDoesNotMatch as AliyunApiError', async () => {
    const err = await client({ accessKeySecret: 'not-the-secret' })
      .sendSms(SEND)
      .catch((e: unknown) => e);
    assert.ok(isAliyunApiError(err), String(err));
    assert.equal(err.code, 'SignatureDoesNotMatch');
    assert.equal(err.httpStatus, 400);
  });

  it('Throttling: a send is retried with backoff and a fresh nonce, then succeeds', async () => {
    let calls = 0;
    server.respond(() =>
      ++calls <= 2
        ? { status: 400, body: { Code: 'Throttling.User', Message: 'flow control', RequestId: 'T' } }
        : undefined,
    );
    const before = server.requests.length;
    const r = await client({ retries: 2 }).sendSms(SEND);
    assert.equal(r.bizId, '900619746936498440^0');
    const sent = server.requests.slice(before);
    assert.equal(sent.length, 3);
    assert.equal(new Set(sent.map((s) => s.headers['x-acs-signature-nonce'])).size, 3);
    assert.equal(new Set(sent.map((s) => s.query.OutId)).size, 1, 'the same OutId on every attempt');
    assert.equal(delays.length, 2);
  });

  it('Throttling beyond the retries: ThrottlingError honouring Retry-After', async () => {
    server.respond(() => ({
      status: 400,
      headers: { 'retry-after': '1' },
      body: { Code: 'Throttling.Api', Message: 'api flow control', RequestId: 'T' },
    }));
    const err = await client({ retries: 1 })
      .sendSms(SEND)
      .catch((e: unknown) => e);
    assert.ok(isThrottlingError(err) && err.retryable);
    assert.equal(err.retryAfterMs, 1000);
    assert.deepEqual(delays, [1000]);
  });
});

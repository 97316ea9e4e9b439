import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../core/clock.js';
import { verifyRpcV1 } from '../sign/rpc-v1.js';
import { parseV3Authorization, verifyV3 } from '../sign/v3.js';
import { isSendOutcomeUnknownError } from './errors/send-outcome-unknown-error.js';
import { TimeoutError } from './errors/timeout-error.js';
import { TransportError } from './errors/transport-error.js';
import type { HttpRequest, HttpResponse } from './http-types.js';
import type { ClientOptions } from './options.js';
import { type RpcCall, RpcClient } from './rpc-client.js';

const PRODUCT = { version: '2017-05-25', endpoints: { product: 'p', defaultHost: 'p.example.com', regions: {} } };
const OK: HttpResponse = { status: 200, headers: {}, body: '{"Code":"OK","RequestId":"R"}' };
const SEND: RpcCall = { action: 'SendSms', query: { PhoneNumbers: '13800138000' }, idempotent: false, outId: 'o-1' };
const QUERY: RpcCall = { action: 'QuerySendDetails', query: { PhoneNumber: '13800138000' }, idempotent: true };

/** A scripted transport: each call takes the next step (a response or an error to throw). */
function scripted(steps: Array<HttpResponse | Error>) {
  const requests: HttpRequest[] = [];
  const transport = async (r: HttpRequest) => {
    requests.push(r);
    const step = steps[Math.min(requests.length - 1, steps.length - 1)];
    if (step instanceof Error) throw step;
    return step as HttpResponse;
  };
  return { transport, requests };
}

function client(transport: ClientOptions['transport'], extra: ClientOptions = {}) {
  const delays: number[] = [];
  const rpc = new RpcClient(PRODUCT, {
    accessKeyId: 'ak-id',
    accessKeySecret: 'ak-secret',
    transport,
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 0.5,
    env: {},
    ...extra,
  });
  return { rpc, delays };
}

const written = () => new TransportError('Connection reset', { code: 'ECONNRESET', requestSent: true });
const refused = () => new TransportError('refused', { code: 'ECONNREFUSED', requestSent: false });

describe('RpcClient retries with an injected transport', () => {
  it('a send is never retried once the request may have been written', async () => {
    for (const failure of [written(), new TimeoutError('read', 10)]) {
      const { transport, requests } = scripted([failure, OK]);
      const err = await client(transport)
        .rpc.call(SEND)
        .catch((e: unknown) => e);
      assert.ok(isSendOutcomeUnknownError(err));
      assert.equal(err.outId, 'o-1');
      assert.equal(err.cause, failure);
      assert.equal(requests.length, 1);
    }
  });

  it('the same failure on a query is retried and then succeeds', async () => {
    const { transport, requests } = scripted([written(), new TimeoutError('read', 10), OK]);
    const { rpc, delays } = client(transport);
    const r = await rpc.call(QUERY);
    assert.equal(r.requestId, 'R');
    assert.equal(requests.length, 3);
    assert.deepEqual(delays, [100, 200], 'exponential backoff with jitter (random 0.5)');
  });

  it('a send is retried when nothing was sent (refused, connect timeout), up to `retries`', async () => {
    const { transport, requests } = scripted([refused(), new TimeoutError('connect', 10), refused()]);
    const err = await client(transport, { retries: 2 })
      .rpc.call(SEND)
      .catch((e: unknown) => e);
    assert.ok(err instanceof TransportError && err.requestSent === false);
    assert.equal(requests.length, 3);
  });

  it('per-call retries and timeouts override the client options', async () => {
    const { transport, requests } = scripted([refused()]);
    await client(transport, { retries: 2, connectTimeout: 1234 })
      .rpc.call(SEND, { retries: 0, readTimeout: '2 s' })
      .catch(() => {});
    assert.equal(requests.length, 1);
    assert.equal(requests[0]?.connectTimeout, 1234);
    assert.equal(requests[0]?.readTimeout, 2000);
  });

  it('every attempt is signed afresh: new nonce, current timestamp', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 0, 0, 0));
    const { transport, requests } = scripted([refused(), refused(), OK]);
    const { rpc } = client(
      (r) => {
        clock.advance(61_000); // time passes while each attempt fails
        return transport(r);
      },
      { clock },
    );
    await rpc.call(SEND);
    assert.equal(requests.length, 3);
    assert.equal(new Set(requests.map((r) => r.headers['x-acs-signature-nonce'])).size, 3);
    assert.deepEqual(
      requests.map((r) => r.headers['x-acs-date']),
      ['2026-01-01T00:00:00Z', '2026-01-01T00:01:01Z', '2026-01-01T00:02:02Z'],
    );
  });

  it('an error that is not a TransportError (a bug in a custom transport) is not swallowed or retried', async () => {
    const { transport, requests } = scripted([new TypeError('boom')]);
    await assert.rejects(client(transport).rpc.call(QUERY), TypeError);
    assert.equal(requests.length, 1);
  });
});

describe('RpcClient request shape', () => {
  it('V3 with STS: x-acs-security-token and x-acs-accesskey-id, signature verifies', async () => {
    const { transport, requests } = scripted([OK]);
    await client(transport, { securityToken: 'sts-token-value' }).rpc.call({
      ...SEND,
      form: { PhoneNumberJson: '["1"]' },
    });
    const r = requests[0] as HttpRequest;
    assert.equal(r.headers['x-acs-security-token'], 'sts-token-value');
    assert.equal(r.headers['x-acs-accesskey-id'], 'ak-id');
    assert.equal(r.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(r.body, 'PhoneNumberJson=%5B%221%22%5D');
    assert.equal(r.path, '/?PhoneNumbers=13800138000');
    const auth = parseV3Authorization(r.headers.authorization ?? '');
    assert.ok(auth);
    assert.ok(auth.signedHeaders.includes('x-acs-security-token'));
    const query = { PhoneNumbers: '13800138000' };
    assert.ok(verifyV3({ method: 'POST', query, headers: r.headers, body: r.body }, auth, 'ak-secret').ok);
  });

  it('v1 with STS: SecurityToken in the signed parameters, HMAC-SHA1 verifies', async () => {
    const { transport, requests } = scripted([OK]);
    await client(transport, { securityToken: 'sts-token-value', signatureVersion: 'v1' }).rpc.call(SEND);
    const r = requests[0] as HttpRequest;
    const params = Object.fromEntries(new URLSearchParams(r.path.slice(2)));
    assert.equal(params.SecurityToken, 'sts-token-value');
    assert.equal(params.SignatureMethod, 'HMAC-SHA1');
    assert.equal(params.Action, 'SendSms');
    assert.equal(r.headers.authorization, undefined);
    const ok = verifyRpcV1({ method: 'POST', params, accessKeySecret: 'ak-secret', signature: params.Signature ?? '' });
    assert.ok(ok.ok);
  });

  it('credentials: a provider is asked per attempt; half an access key is rejected up front', async () => {
    let asked = 0;
    const { transport } = scripted([refused(), OK]);
    const rpc = new RpcClient(PRODUCT, {
      credentials: async () => {
        asked++;
        return { accessKeyId: 'id2', accessKeySecret: 's2', source: 'test' };
      },
      transport,
      sleep: async () => {},
    });
    await rpc.call(QUERY);
    assert.equal(asked, 2);
    assert.throws(() => new RpcClient(PRODUCT, { accessKeyId: 'x', transport }), /accessKeySecret/);
    await assert.rejects(new RpcClient(PRODUCT, { transport, env: {} }).call(QUERY), {
      name: 'CredentialsNotFoundError',
    });
  });
});

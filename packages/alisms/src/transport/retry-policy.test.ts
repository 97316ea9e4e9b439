import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TransportError } from './errors/transport-error.js';
import { type AttemptOutcome, RETRY_CAP_MS, retryDelay, shouldRetry } from './retry-policy.js';

const net = (requestSent: boolean): AttemptOutcome => ({ kind: 'network', requestSent });
const res = (status: number, code?: string): AttemptOutcome => ({ kind: 'response', status, code });

// [case, outcome, retried for a send, retried for a query/management call]
const TABLE: Array<[string, AttemptOutcome, boolean, boolean]> = [
  ['refused / DNS / connect timeout (nothing sent)', net(false), true, true],
  ['read timeout or reset after the request was written', net(true), false, true],
  [
    'untrusted TLS certificate (nothing sent, but a retry cannot mend it)',
    { kind: 'network', requestSent: false, permanent: true },
    false,
    false,
  ],
  ['Throttling.User', res(400, 'Throttling.User'), true, true],
  ['Throttling.Api', res(400, 'Throttling.Api'), true, true],
  ['Throttling', res(400, 'Throttling'), true, true],
  ['international QPS_LIMIT_CONTROL (HTTP 200)', res(200, 'QPS_LIMIT_CONTROL'), true, true],
  ['isp.SYSTEM_ERROR (HTTP 200)', res(200, 'isp.SYSTEM_ERROR'), false, true],
  ['InternalError 500', res(500, 'InternalError'), false, true],
  ['ServiceUnavailable 503', res(503, 'ServiceUnavailable'), false, true],
  ['non-JSON 502', res(502, undefined), false, true],
  ['isv.BUSINESS_LIMIT_CONTROL (per-number flow control)', res(200, 'isv.BUSINESS_LIMIT_CONTROL'), false, false],
  ['isv.MOBILE_NUMBER_ILLEGAL', res(200, 'isv.MOBILE_NUMBER_ILLEGAL'), false, false],
  ['SignatureDoesNotMatch 400', res(400, 'SignatureDoesNotMatch'), false, false],
  ['InvalidAccessKeyId.NotFound 404', res(404, 'InvalidAccessKeyId.NotFound'), false, false],
  ['Forbidden.RAM 403', res(403, 'Forbidden.RAM'), false, false],
];

describe('shouldRetry', () => {
  for (const [name, outcome, send, query] of TABLE) {
    it(`${name}: send ${send ? 'retries' : 'stops'}, query ${query ? 'retries' : 'stops'}`, () => {
      assert.equal(shouldRetry(outcome, 0, { idempotent: false }), send);
      assert.equal(shouldRetry(outcome, 0, { idempotent: true }), query);
    });
  }

  it('stops once the retries are used up (attempt counts from 0)', () => {
    assert.equal(shouldRetry(net(false), 1, { idempotent: false, retries: 2 }), true);
    assert.equal(shouldRetry(net(false), 2, { idempotent: false, retries: 2 }), false);
    assert.equal(shouldRetry(net(false), 0, { idempotent: true, retries: 0 }), false);
    assert.equal(shouldRetry(net(false), 2, { idempotent: true }), false, 'default retries is 2');
  });
});

describe('retryDelay', () => {
  it('full jitter: 0 at random()=0, the exponential ceiling just below random()=1', () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      assert.equal(
        retryDelay(attempt, undefined, () => 0),
        0,
      );
      const ceiling = Math.min(RETRY_CAP_MS, 200 * 2 ** attempt);
      assert.equal(
        retryDelay(attempt, undefined, () => 0.999999),
        Math.floor(0.999999 * ceiling),
      );
    }
  });

  it('grows exponentially and is capped', () => {
    const top = (a: number) => retryDelay(a, undefined, () => 0.5);
    assert.equal(top(0), 100);
    assert.equal(top(1), 200);
    assert.equal(top(2), 400);
    assert.equal(top(20), RETRY_CAP_MS / 2);
  });

  it('a server hint wins: Retry-After in seconds, x-acs-retry-after in ms, capped at 60 s', () => {
    assert.equal(
      retryDelay(0, { 'retry-after': '2' }, () => 0),
      2000,
    );
    assert.equal(
      retryDelay(0, { 'x-acs-retry-after': '350' }, () => 0),
      350,
    );
    assert.equal(
      retryDelay(0, { 'retry-after': '3600' }, () => 0),
      60_000,
    );
    assert.equal(
      retryDelay(1, { 'retry-after': 'soon' }, () => 0.5),
      200,
      'an unreadable hint is ignored',
    );
  });
});

describe('TransportError.retryable', () => {
  it('is false for TLS certificate failures even though nothing was sent', () => {
    assert.equal(new TransportError('x', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', requestSent: false }).retryable, false);
    assert.equal(
      new TransportError('x', { code: 'ERR_TLS_CERT_ALTNAME_INVALID', requestSent: false }).retryable,
      false,
    );
    assert.equal(new TransportError('x', { code: 'ECONNREFUSED', requestSent: false }).retryable, true);
    assert.equal(new TransportError('x', { code: 'ECONNRESET', requestSent: true }).retryable, false);
  });
});

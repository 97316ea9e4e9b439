import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createMemoryOtpStore, createOtp, type Otp, StoreUnavailableError } from '@alisms/otp';
import { ManualClock } from 'alisms';
import { createApp, createLogger, createMemoryReceiptStore } from '../src/index.js';
import { fromOtp } from '../src/otp-adapter.js';

const SECRET = 'otp-adapter-test-secret-0123456789abcdef';
const API_KEY = 'canary-api-key-0123456789';

function capture() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

/** The real OTP library on the memory store, with a sender that keeps the codes it was given. */
function realService(clock = new ManualClock(Date.UTC(2026, 0, 1))) {
  const codes: string[] = [];
  const otp = createOtp({
    secret: SECRET,
    clock,
    store: createMemoryOtpStore(),
    lockout: { failures: 3, window: '1 h', lock: '10 min' },
    attempts: 10,
    sender: {
      async sendSms(_to, code) {
        codes.push(code);
      },
      async sendEmail(_to, code) {
        codes.push(code);
      },
    },
  });
  const verifications = fromOtp(otp, { clock });
  return { codes, verifications, clock };
}

function stubOtp(send: Otp['send'], check: Otp['check'] = async () => ({ ok: false, reason: 'invalid_code' })): Otp {
  return { send, check };
}

const request = { to: '13800138000', channel: 'sms' as const, purpose: 'login', ip: '203.0.113.1' };

describe('the OTP library behind the routes', () => {
  it('maps provider failures: unreachable → unavailable, flow control → rate_limited, a bad number → invalid_number, the rest → provider_refused', async () => {
    const cases: [unknown, boolean, string, string][] = [
      [
        Object.assign(new Error('refused'), { name: 'TransportError', code: 'ECONNREFUSED' }),
        true,
        'ECONNREFUSED',
        'unavailable',
      ],
      [
        Object.assign(new Error('slow'), { name: 'SendOutcomeUnknownError' }),
        false,
        'ALISMS_SEND_OUTCOME_UNKNOWN',
        'unavailable',
      ],
      [new Error('limit'), false, 'isv.BUSINESS_LIMIT_CONTROL', 'rate_limited'],
      [new Error('number'), false, 'isv.MOBILE_NUMBER_ILLEGAL', 'invalid_number'],
      [new Error('balance'), false, 'isv.AMOUNT_NOT_ENOUGH', 'provider_refused'],
      // Classified by the SDK's one table of Aliyun codes, whatever the API version's spelling.
      [new Error('qps'), false, 'QPS_LIMIT_CONTROL', 'rate_limited'],
      [new Error('throttled'), false, 'Throttling.User', 'rate_limited'],
      [new Error('cap'), false, 'isv.DAY_LIMIT_CONTROL', 'rate_limited'],
      [new Error('number'), false, 'MOBILE_NUMBER_ILLEGAL', 'invalid_number'],
      [new Error('address'), false, 'InvalidToAddress', 'invalid_number'],
    ];
    for (const [error, retryable, providerCode, reason] of cases) {
      const service = fromOtp(
        stubOtp(async () => ({ ok: false, reason: 'delivery_failed', providerCode, retryable, detail: 'x', error })),
      );
      const outcome = await service.send(request);
      assert.equal(outcome.ok, false);
      assert.equal((outcome as { reason: string }).reason, reason, providerCode);
    }
  });

  it("passes on the library's resendAfter (the cooldown end), not a figure of its own", async () => {
    const { verifications, clock } = realService();
    const sent = await verifications.send(request);
    assert.equal(sent.ok && sent.resendAfter.getTime(), clock.now() + 60_000);
    const service = fromOtp(
      stubOtp(async () => ({
        ok: true,
        expiresAt: 2_000_000,
        resendAfter: 1_234_000,
        sendId: 'id',
        to: '+8613800138000',
      })),
    );
    const stubbed = await service.send(request);
    assert.equal(stubbed.ok && stubbed.resendAfter.getTime(), 1_234_000);
  });

  it('turns a store outage into "unavailable" for sends and checks', async () => {
    const down = () => Promise.reject(new StoreUnavailableError('Redis not ready'));
    const service = fromOtp(stubOtp(down, down));
    assert.deepEqual(await service.send(request), {
      ok: false,
      reason: 'unavailable',
      dependency: 'store',
      code: new StoreUnavailableError('x').code,
    });
    assert.equal((await service.check({ to: '13800138000', purpose: 'login', code: '1' })).status, 'unavailable');
  });

  it('reports a locked destination on check, and only while it is locked', async () => {
    const { verifications, clock } = realService();
    assert.equal((await verifications.send(request)).ok, true);
    const wrong = { to: '13800138000', purpose: 'login', code: '0000000' };
    for (let i = 0; i < 3; i++) assert.equal((await verifications.check(wrong)).status, 'rejected');
    const locked = await verifications.check(wrong);
    assert.equal(locked.status, 'locked');
    assert.equal((locked as { retryAfterSeconds: number }).retryAfterSeconds, 600);
    clock.advance(10 * 60_000 + 1);
    assert.equal((await verifications.check(wrong)).status, 'rejected');
  });

  it('logs no code, no API key and no secret, and masks numbers (log canary)', async () => {
    const { codes, verifications } = realService();
    const log = capture();
    const app = createApp({
      verifications,
      receipts: createMemoryReceiptStore(),
      apiKeys: [API_KEY],
      logger: createLogger({ level: 'debug', destination: log.stream, secrets: [API_KEY, SECRET] }),
    });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` };
    const post = (path: string, body: unknown) =>
      app.request(path, { method: 'POST', headers, body: JSON.stringify(body) });
    assert.equal((await post('/v1/verifications', { to: '+86 138 0013 8000', purpose: 'login' })).status, 201);
    const code = codes[0]!;
    assert.equal(
      (await post('/v1/verifications/check', { to: '13800138000', purpose: 'login', code: '999999x' })).status,
      400,
    );
    assert.equal((await post('/v1/verifications/check', { to: '13800138000', purpose: 'login', code })).status, 200);
    // Even a careless log call from a route is scrubbed: a code field, a number in the message, a key.
    const logger = createLogger({ destination: log.stream, secrets: [API_KEY] });
    logger.info({ code, phone: '13800138000', header: `Bearer ${API_KEY}` }, 'sent to 13800138000');
    const text = log.text();
    assert.ok(text.split('\n').filter(Boolean).length >= 4);
    assert.doesNotMatch(text, new RegExp(`(?<!\\d)${code}(?!\\d)`));
    assert.ok(!text.includes(API_KEY));
    assert.ok(!text.includes(SECRET));
    assert.ok(!text.includes('13800138000'));
    assert.ok(!text.includes('138 0013 8000'));
    assert.match(text, /138\*\*\*\*8000/);
  });
});

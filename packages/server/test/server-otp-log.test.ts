import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createMemoryOtpStore, createOtp, type OtpSender } from '@alisms/otp';
import { ManualClock, redact } from 'alisms';
import { createApp, createLogger, createMemoryReceiptStore } from '../src/index.js';
import { fromOtp } from '../src/otp-adapter.js';

const SECRET = 'otp-log-test-secret-0123456789abcdefgh';
const ACCESS_KEY_SECRET = 'canaryAccessKeySecret0123456789';

/** A provider that refuses and echoes everything it was given, as careless gateways do. */
function echoingSender(codes: string[], errorCode: string): OtpSender {
  const refuse = (to: string, code: string) => {
    codes.push(code);
    const message = `refused ${to} (${to.replace(/^\+86/, '')}) TemplateParam={"code":"${code}"} key=${ACCESS_KEY_SECRET}`;
    throw Object.assign(new Error(message), { name: 'SmsError', code: errorCode });
  };
  return {
    async sendSms(to, code) {
      refuse(to, code);
    },
    async sendEmail(to, code) {
      refuse(to, code);
    },
  };
}

function service(errorCode: string) {
  let text = '';
  const destination = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  const logger = createLogger({ destination, secrets: [ACCESS_KEY_SECRET] });
  const codes: string[] = [];
  const otp = createOtp({
    secret: SECRET,
    clock: new ManualClock(Date.UTC(2026, 0, 1)),
    store: createMemoryOtpStore(),
    sender: echoingSender(codes, errorCode),
  });
  const app = createApp({
    verifications: fromOtp(otp, { logger }),
    receipts: createMemoryReceiptStore(),
    allowAnonymous: true,
    logger,
    socketAddress: () => '203.0.113.5',
  });
  const post = (body: unknown) =>
    app.request('/v1/verifications', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  return { post, codes, log: () => text, otp };
}

describe('failed deliveries are logged through redact()', () => {
  for (const [errorCode, status] of [
    ['isv.AMOUNT_NOT_ENOUGH', 502],
    ['isv.BUSINESS_LIMIT_CONTROL', 429],
    ['isv.MOBILE_NUMBER_ILLEGAL', 400],
  ] as const) {
    it(`${errorCode}: one warn line with the provider code; no code, no secret, numbers masked`, async () => {
      const { post, codes, log } = service(errorCode);
      const res = await post({ to: '+86 138 0013 8000', purpose: 'login' });
      assert.equal(res.status, status);
      const code = codes[0];
      assert.ok(code, 'the sender was called');
      const lines = log()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const failed = lines.filter((l) => l.msg === 'verification code not delivered');
      assert.equal(failed.length, 1);
      assert.equal(failed[0]?.providerCode, errorCode);
      assert.equal(failed[0]?.level, 40);
      const detail = String(failed[0]?.detail);
      assert.match(detail, /^SmsError: refused \+86138\*\*\*\*8000 \(138\*\*\*\*8000\)/);
      const text = log();
      assert.doesNotMatch(text, new RegExp(`(?<!\\d)${code}(?!\\d)`));
      assert.ok(!text.includes(ACCESS_KEY_SECRET));
      assert.ok(!text.includes('13800138000'));
    });
  }

  it('the logger scrubs exactly as redact() does (its fast path skips only strings redact() leaves alone)', () => {
    let text = '';
    const destination = new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    });
    const secrets = [ACCESS_KEY_SECRET, 'k+y/with=specials', 'abc'];
    const logger = createLogger({ destination, secrets });
    const samples = [
      'POST',
      '/v1/verifications',
      '138****8000',
      `x${ACCESS_KEY_SECRET}y`,
      encodeURIComponent('k+y/with=specials'),
      'k+y/with=specials',
      'abc is too short to be a secret',
      'call 13800138000 or +8613800138000 or 0086138001380001',
      '1234567890 (10 digits)',
      '12345678901234567890 (20 digits)',
      '',
    ];
    for (const s of samples) logger.info({ field: s, nested: { deeper: [s] } }, s);
    const lines = text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { field: string; nested: { deeper: string[] }; msg?: string });
    assert.equal(lines.length, samples.length);
    for (const [i, s] of samples.entries()) {
      const expected = redact(s, secrets);
      assert.equal(lines[i]?.field, expected, s);
      assert.equal(lines[i]?.nested.deeper[0], expected, s);
      if (s) assert.equal(lines[i]?.msg, expected, s);
    }
  });

  it('e-mail addresses in a provider error are masked too, and the library result carries the same detail', async () => {
    const { post, log, codes, otp } = service('InvalidMailAddress.Malformed');
    assert.equal((await post({ to: 'Alice@Example.com', purpose: 'login' })).status, 502);
    assert.match(log(), /a\*\*\*@example\.com/);
    assert.ok(!log().includes('alice@example.com'));
    const result = await otp.send({ to: 'bob@example.com', channel: 'email', purpose: 'login', ip: '203.0.113.5' });
    assert.equal(result.ok, false);
    if (result.ok || result.reason !== 'delivery_failed') throw new Error('expected delivery_failed');
    assert.ok(!result.detail.includes(codes[1] ?? 'none'));
    assert.ok(!result.detail.includes('bob@example.com'));
    assert.match(result.detail, /b\*\*\*@example\.com/);
  });
});

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from 'alisms';
import {
  aliyunCaptchaVerifier,
  createMemoryOtpStore,
  createOtp,
  customVerifier,
  hcaptchaVerifier,
  recaptchaVerifier,
  turnstileVerifier,
} from '../src/index.js';
import {
  ALIYUN,
  type FakeProviders,
  HCAPTCHA,
  RECAPTCHA_SECRET,
  startFakeProviders,
  TURNSTILE,
} from './otp-captcha-fakes.js';
import { FakeSender, SECRET } from './otp-harness.js';

let fake: FakeProviders;
let deadUrl: string;
before(async () => {
  fake = await startFakeProviders();
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  deadUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 1}/`;
  await new Promise((resolve) => server.close(resolve));
});
after(() => fake.close());

const ctx = { ip: '203.0.113.7', action: 'login' };

describe('Turnstile verifier', () => {
  const endpoint = () => `${fake.url}/turnstile/v0/siteverify`;

  it('passes the dummy token once, then refuses the replay', async () => {
    const v = turnstileVerifier({ secret: TURNSTILE.pass, endpoint: endpoint() });
    const first = await v.verify(TURNSTILE.dummyToken, ctx);
    assert.equal(first.success, true);
    assert.equal(first.hostname, 'example.com');
    assert.deepEqual(fake.received['/turnstile/v0/siteverify']?.at(-1), {
      secret: TURNSTILE.pass,
      response: TURNSTILE.dummyToken,
      remoteip: '203.0.113.7',
    });
    assert.deepEqual((await v.verify(TURNSTILE.dummyToken, ctx)).errorCodes, ['timeout-or-duplicate']);
  });

  it('refuses with the provider error codes of the failing test secrets', async () => {
    const fail = await turnstileVerifier({ secret: TURNSTILE.fail, endpoint: endpoint() }).verify('x', ctx);
    assert.deepEqual([fail.success, fail.errorCodes], [false, ['invalid-input-response']]);
    const spent = await turnstileVerifier({ secret: TURNSTILE.spent, endpoint: endpoint() }).verify('x', ctx);
    assert.deepEqual([spent.success, spent.errorCodes], [false, ['timeout-or-duplicate']]);
    const bad = await turnstileVerifier({ secret: 'wrong', endpoint: endpoint() }).verify('x', ctx);
    assert.deepEqual(bad.errorCodes, ['invalid-input-secret']);
  });

  it('checks action and hostname, and refuses over-long or empty tokens without a call', async () => {
    const v = turnstileVerifier({ secret: TURNSTILE.pass, endpoint: endpoint(), expectedAction: 'context' });
    assert.equal((await v.verify('action:login', ctx)).success, true);
    assert.deepEqual((await v.verify('action:signup', ctx)).errorCodes, ['action-mismatch']);
    const host = turnstileVerifier({ secret: TURNSTILE.pass, endpoint: endpoint(), expectedHostnames: ['other.org'] });
    assert.deepEqual((await host.verify('action:x1', ctx)).errorCodes, ['hostname-mismatch']);
    const calls = fake.received['/turnstile/v0/siteverify']?.length;
    assert.deepEqual((await v.verify('a'.repeat(2049), ctx)).errorCodes, ['invalid-input-response']);
    assert.deepEqual((await v.verify('', ctx)).errorCodes, ['missing-input-response']);
    assert.equal(fake.received['/turnstile/v0/siteverify']?.length, calls);
  });
});

describe('hCaptcha verifier', () => {
  const endpoint = () => `${fake.url}/siteverify`;

  it('passes the test token once with the sitekey, refuses the replay and a wrong sitekey', async () => {
    const v = hcaptchaVerifier({ secret: HCAPTCHA.secret, sitekey: HCAPTCHA.sitekey, endpoint: endpoint() });
    assert.equal((await v.verify(HCAPTCHA.token, ctx)).success, true);
    assert.equal(fake.received['/siteverify']?.at(-1)?.sitekey, HCAPTCHA.sitekey);
    assert.deepEqual((await v.verify(HCAPTCHA.token, ctx)).errorCodes, ['invalid-or-already-seen-response']);
    const other = hcaptchaVerifier({ secret: HCAPTCHA.secret, sitekey: 'other', endpoint: endpoint() });
    assert.deepEqual((await other.verify(`${HCAPTCHA.token}#0.1`, ctx)).errorCodes, ['sitekey-secret-mismatch']);
    assert.deepEqual((await v.verify('forged', ctx)).errorCodes, ['invalid-input-response']);
  });

  it('Enterprise: refuses a risk score above maxScore', async () => {
    const v = hcaptchaVerifier({ secret: HCAPTCHA.secret, endpoint: endpoint(), maxScore: 0.5 });
    assert.equal((await v.verify(`${HCAPTCHA.token}#0.2`, ctx)).success, true);
    const risky = await v.verify(`${HCAPTCHA.token}#0.9`, ctx);
    assert.deepEqual([risky.success, risky.errorCodes, risky.score], [false, ['score-too-high'], 0.9]);
  });
});

describe('reCAPTCHA verifier', () => {
  const endpoint = () => `${fake.url}/recaptcha/api/siteverify`;

  it('v2: passes once, refuses the replay and a forged token', async () => {
    const v = recaptchaVerifier({ secret: RECAPTCHA_SECRET, endpoint: endpoint() });
    assert.equal((await v.verify('v2-ok', ctx)).success, true);
    assert.deepEqual((await v.verify('v2-ok', ctx)).errorCodes, ['timeout-or-duplicate']);
    assert.deepEqual((await v.verify('forged', ctx)).errorCodes, ['invalid-input-response']);
  });

  it('v3: applies the score threshold and the expected action', async () => {
    const v = recaptchaVerifier({ secret: RECAPTCHA_SECRET, endpoint: endpoint(), version: 'v3', minScore: 0.7 });
    assert.equal((await v.verify('v3-0.9-login', ctx)).success, true);
    const low = await v.verify('v3-0.3-login', ctx);
    assert.deepEqual([low.success, low.errorCodes, low.score], [false, ['score-too-low'], 0.3]);
    const action = recaptchaVerifier({
      secret: RECAPTCHA_SECRET,
      endpoint: endpoint(),
      version: 'v3',
      expectedAction: 'context',
    });
    assert.deepEqual((await action.verify('v3-0.9-checkout', ctx)).errorCodes, ['action-mismatch']);
    assert.deepEqual((await v.verify('v2-ok2', ctx)).errorCodes, ['score-missing']);
  });

  it('v3 refuses an answer without a score', async () => {
    const v = recaptchaVerifier({ secret: RECAPTCHA_SECRET, endpoint: endpoint(), version: 'v3' });
    assert.deepEqual((await v.verify('v2-ok-no-score', ctx)).errorCodes, ['score-missing']);
  });
});

describe('Aliyun Captcha 2.0 verifier', () => {
  const options = () => ({ ...ALIYUN, endpoint: `${fake.url}/aliyun/` });

  it('sends a signed VerifyIntelligentCaptcha that the fake verifies; passes once (T001), replay is F008', async () => {
    const v = aliyunCaptchaVerifier(options());
    assert.deepEqual(await v.verify('pass-1', ctx), { success: true, errorCodes: [], provider: 'aliyun' });
    const sent = fake.received['/aliyun/']?.at(-1);
    assert.equal(sent?.Action, 'VerifyIntelligentCaptcha');
    assert.equal(sent?.SceneId, 'scene1');
    assert.match(sent?.Timestamp ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual((await v.verify('pass-1', ctx)).errorCodes, ['F008']);
  });

  it('refuses attacks, a scene mismatch, and a wrong secret (signature refused)', async () => {
    assert.deepEqual((await aliyunCaptchaVerifier(options()).verify('attack', ctx)).errorCodes, ['F001']);
    const scene = aliyunCaptchaVerifier({ ...options(), sceneId: 'other' });
    assert.deepEqual((await scene.verify('pass-2', ctx)).errorCodes, ['F012']);
    const wrong = aliyunCaptchaVerifier({ ...options(), accessKeySecret: 'not-the-secret' });
    assert.deepEqual((await wrong.verify('pass-3', ctx)).errorCodes, ['SignatureDoesNotMatch']);
  });

  it('signs with the injected clock', async () => {
    const clock = new ManualClock(Date.UTC(2026, 4, 1, 8, 30));
    await aliyunCaptchaVerifier({ ...options(), clock }).verify('pass-4', ctx);
    assert.equal(fake.received['/aliyun/']?.at(-1)?.Timestamp, '2026-05-01T08:30:00Z');
  });
});

describe('every verifier fails closed', () => {
  const all = (endpoint: string) => [
    turnstileVerifier({ secret: TURNSTILE.pass, endpoint, timeout: '200 ms' }),
    hcaptchaVerifier({ secret: HCAPTCHA.secret, endpoint, timeout: '200 ms' }),
    recaptchaVerifier({ secret: RECAPTCHA_SECRET, endpoint, timeout: '200 ms' }),
    aliyunCaptchaVerifier({ ...ALIYUN, endpoint, timeout: '200 ms' }),
  ];

  it('on a provider that does not answer in time', async () => {
    for (const v of all(`${fake.url}/hang`)) assert.deepEqual((await v.verify('pass-t', ctx)).errorCodes, ['timeout']);
  });

  it('on an unreachable provider', async () => {
    for (const v of all(deadUrl)) assert.deepEqual((await v.verify('pass-u', ctx)).errorCodes, ['unreachable']);
  });

  it('on a non-JSON gateway page', async () => {
    for (const v of all(`${fake.url}/html`)) assert.deepEqual((await v.verify('pass-h', ctx)).errorCodes, ['http-502']);
  });

  it('custom verifier: throws, rejections and slow answers refuse', async () => {
    assert.equal((await customVerifier((t) => t === 'ok').verify('ok')).success, true);
    assert.deepEqual((await customVerifier((t) => t === 'ok').verify('no')).errorCodes, ['verification-failed']);
    const throws = customVerifier(() => {
      throw new Error('boom');
    });
    assert.deepEqual((await throws.verify('ok')).errorCodes, ['verifier-error']);
    const never = customVerifier(() => new Promise<boolean>(() => undefined), { timeout: '50 ms' });
    assert.deepEqual((await never.verify('ok')).errorCodes, ['timeout']);
  });
});

describe('captcha gate in otp.send', () => {
  const request = { to: '+8613800138000', channel: 'sms', purpose: 'login', ip: '203.0.113.7' } as const;

  it('refuses before any limit is used: missing, failed, replayed or unreachable captcha', async () => {
    const sender = new FakeSender();
    const clock = new ManualClock();
    const store = createMemoryOtpStore();
    const captcha = turnstileVerifier({ secret: TURNSTILE.pass, endpoint: `${fake.url}/turnstile/v0/siteverify` });
    const otp = createOtp({ secret: SECRET, store, sender, clock, captcha });
    assert.deepEqual(await otp.send(request), {
      ok: false,
      reason: 'captcha_failed',
      errorCodes: ['missing-input-response'],
    });
    assert.deepEqual(await otp.send({ ...request, captchaToken: 'forged' }), {
      ok: false,
      reason: 'captcha_failed',
      errorCodes: ['invalid-input-response'],
    });
    assert.equal(store.limits.size, 0, 'a refused captcha counts against no limit');
    assert.equal((await otp.send({ ...request, captchaToken: 'action:t-1' })).ok, true);
    clock.advance(61_000);
    const replay = await otp.send({ ...request, captchaToken: 'action:t-1' });
    assert.equal(!replay.ok && replay.reason, 'captcha_failed');
    const down = createOtp({
      secret: SECRET,
      store,
      sender,
      clock,
      captcha: turnstileVerifier({ secret: 'x', endpoint: deadUrl }),
    });
    assert.equal((await down.send({ ...request, captchaToken: 'action:t-2' })).ok, false);
    const broken = createOtp({
      secret: SECRET,
      store,
      sender,
      clock,
      captcha: {
        verify: () => Promise.reject(new Error('bug')),
      },
    });
    assert.deepEqual(await broken.send({ ...request, captchaToken: 'x' }), {
      ok: false,
      reason: 'captcha_failed',
      errorCodes: ['verifier-error'],
    });
    assert.equal(sender.calls, 1);
  });
});

// The Dypns provider modes against the emulator: `delivery: dypns` (alisms's code, Dypns delivers) and
// `verify: dypns` (Dypns generates and checks; alisms's attempts, one-time use and lockout stay in front).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningEmulator, startEmulator } from '@alisms/emulator';
import { DypnsClient, ManualClock } from 'alisms';
import {
  createMemoryOtpStore,
  createOtp,
  type DypnsCalls,
  dypnsCodeProvider,
  dypnsSmsSender,
  type OtpCodeProvider,
  type OtpOptions,
} from '../src/index.js';

const SECRET = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz';
const IP = '203.0.113.7';
const SIGN = { signName: '速通互联验证码', templateCode: '100001' };
const INVALID = { ok: false, reason: 'invalid_code' };
const noEmail = async () => {
  throw new Error('no e-mail in this test');
};

// One clock for the emulator, the client's signatures and the OTP service: expiry is tested without waiting.
const clock = new ManualClock(Date.now());
let running: RunningEmulator;
let dypns: DypnsClient;
before(async () => {
  running = await startEmulator({ clock, delivery: false });
  dypns = new DypnsClient({ accessKeyId: 'testid', accessKeySecret: 'testsecret', endpoint: running.url, clock });
});
after(async () => {
  dypns.close();
  await running.close();
});

let n = 0;
/** A fresh number per test: the emulator's codes and intervals are per number. */
const nextNumber = () => `+86139${String(100_000_000 + 4321 * ++n).slice(1)}`;
const stored = (to: string) => running.emulator.store.latest(to);

function otpWith(extra: Partial<OtpOptions>) {
  return createOtp({
    secret: SECRET,
    store: createMemoryOtpStore(),
    sender: { sendSms: dypnsSmsSender(dypns, SIGN), sendEmail: noEmail },
    clock,
    limits: [],
    ...extra,
  });
}

describe('delivery: dypns', () => {
  it('Dypns delivers alisms’s own code; alisms checks it', async () => {
    const otp = otpWith({});
    const to = nextNumber();
    const sent = await otp.send({ to, channel: 'sms', purpose: 'login', ip: IP });
    assert.equal(sent.ok, true);
    const message = stored(to);
    assert.equal(message?.product, 'dypns');
    assert.equal(message?.templateCode, '100001');
    assert.match(message?.code ?? '', /^\d{6}$/, 'the 6-digit code alisms generated, not a 4-digit Dypns one');
    assert.match(message?.content ?? '', /5分钟内有效/);
    assert.deepEqual(await otp.check({ to, purpose: 'login', code: message?.code ?? '' }), { ok: true });
    assert.deepEqual(await otp.check({ to, purpose: 'login', code: message?.code ?? '' }), INVALID);
  });

  it('a Dypns refusal is a delivery_failed with its code, and leaves no usable code', async () => {
    const otp = createOtp({
      secret: SECRET,
      store: createMemoryOtpStore(),
      sender: { sendSms: dypnsSmsSender(dypns, { ...SIGN, signName: '未登记' }), sendEmail: noEmail },
      clock,
      limits: [],
    });
    const to = nextNumber();
    const sent = await otp.send({ to, channel: 'sms', purpose: 'login', ip: IP });
    assert.equal(sent.ok, false);
    assert.equal(sent.ok === false && sent.reason, 'delivery_failed');
    assert.equal(sent.ok === false && sent.reason === 'delivery_failed' && sent.providerCode, 'INVALID_PARAMETERS');
  });
});

describe('verify: dypns', () => {
  it('Dypns generates the code with the configured length; a right code passes once', async () => {
    const otp = otpWith({ codeProvider: dypnsCodeProvider(dypns, SIGN), digits: 6 });
    const to = nextNumber();
    assert.equal((await otp.send({ to, channel: 'sms', purpose: 'login', ip: IP })).ok, true);
    const code = stored(to)?.code ?? '';
    assert.match(code, /^\d{6}$/);
    assert.deepEqual(await otp.check({ to, purpose: 'login', code: code === '000000' ? '111111' : '000000' }), INVALID);
    assert.deepEqual(await otp.check({ to, purpose: 'login', code }), { ok: true });
    assert.deepEqual(await otp.check({ to, purpose: 'login', code }), INVALID);
  });

  it('alisms’s attempt count stays in front: after the allowed wrong tries the right code is refused', async () => {
    const otp = otpWith({ codeProvider: dypnsCodeProvider(dypns, SIGN), digits: 6, attempts: 2 });
    const to = nextNumber();
    await otp.send({ to, channel: 'sms', purpose: 'login', ip: IP });
    const code = stored(to)?.code ?? '';
    const wrong = code === '000000' ? '111111' : '000000';
    assert.deepEqual(await otp.check({ to, purpose: 'login', code: wrong }), INVALID);
    assert.deepEqual(await otp.check({ to, purpose: 'login', code: wrong }), INVALID);
    // Dypns would still PASS this code: alisms refuses it because the code died after two wrong tries.
    assert.deepEqual(await otp.check({ to, purpose: 'login', code }), INVALID);
  });

  it('the TTL is passed on: Dypns forgets the code when alisms does', async () => {
    const otp = otpWith({ codeProvider: dypnsCodeProvider(dypns, SIGN), ttl: '2 min' });
    const to = nextNumber();
    await otp.send({ to, channel: 'sms', purpose: 'login', ip: IP });
    const code = stored(to)?.code ?? '';
    clock.advance(121_000);
    assert.deepEqual(await otp.check({ to, purpose: 'login', code }), INVALID);
  });

  it('schemes per purpose: a code sent for one purpose does not pass for another', async () => {
    const provider = dypnsCodeProvider(dypns, { ...SIGN, schemes: { login: 'login', reset: 'reset' } });
    const otp = otpWith({ codeProvider: provider });
    const to = nextNumber();
    await otp.send({ to, channel: 'sms', purpose: 'login', ip: IP });
    const loginCode = stored(to)?.code ?? '';
    await otp.send({ to, channel: 'sms', purpose: 'reset', ip: IP });
    assert.deepEqual(
      await otp.check({ to, purpose: 'reset', code: loginCode === stored(to)?.code ? 'x' : loginCode }),
      INVALID,
    );
    assert.deepEqual(await otp.check({ to, purpose: 'login', code: loginCode }), { ok: true });
  });

  it('a locked destination never reaches the provider; a provider outage refuses without spending an attempt', async () => {
    let checks = 0;
    let down = false;
    const real = dypnsCodeProvider(dypns, SIGN);
    const counting: OtpCodeProvider = {
      sendCode: (to, ctx) => real.sendCode(to, ctx),
      checkCode: async (to, code, ctx) => {
        checks++;
        if (down) throw new Error('provider unreachable');
        return real.checkCode(to, code, ctx);
      },
    };
    const otp = otpWith({ codeProvider: counting, attempts: 1, lockout: { failures: 2, window: '1 h', lock: '1 h' } });
    const to = nextNumber();
    await otp.send({ to, channel: 'sms', purpose: 'login', ip: IP });
    const code = stored(to)?.code ?? '';
    down = true;
    assert.deepEqual(await otp.check({ to, purpose: 'login', code }), INVALID, 'outage: refused');
    down = false;
    assert.deepEqual(await otp.check({ to, purpose: 'login', code }), { ok: true }, 'the attempt was not spent');
    assert.deepEqual(await otp.check({ to, purpose: 'login', code: 'zzzz' }), INVALID);
    assert.deepEqual(await otp.check({ to, purpose: 'login', code: 'zzzz' }), INVALID);
    const before = checks;
    const locked = await otp.checkWithLock?.({ to, purpose: 'login', code: 'zzzz' });
    assert.equal(checks, before, 'locked: the provider was not asked');
    assert.ok(locked && !locked.ok && 'lockedUntil' in locked && typeof locked.lockedUntil === 'number');
  });

  it('a typed code can never present the stored marker', async () => {
    const fake: DypnsCalls = {
      sendSmsVerifyCode: async () => ({ bizId: 'b', outId: undefined, verifyCode: undefined, requestId: 'r', raw: {} }),
      checkSmsVerifyCode: async () => ({
        verifyResult: 'UNKNOWN',
        passed: false,
        outId: undefined,
        requestId: 'r',
        raw: {},
      }),
    };
    // Sent under verify: dypns, checked by a service without the provider (a config change in between).
    const store = createMemoryOtpStore();
    const base = { secret: SECRET, store, sender: { sendSms: noEmail, sendEmail: noEmail }, clock, limits: [] };
    const to = nextNumber();
    await createOtp({ ...base, codeProvider: dypnsCodeProvider(fake, SIGN) }).send({
      to,
      channel: 'sms',
      purpose: 'login',
      ip: IP,
    });
    assert.deepEqual(await createOtp(base).check({ to, purpose: 'login', code: '\0provider:passed' }), INVALID);
  });
});

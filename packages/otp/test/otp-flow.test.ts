import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { OtpSendResult } from '../src/index.js';
import { cnMobile, type Harness, harnessFactories, setup, skipUnlessStore } from './otp-harness.js';

const TO = '+8613800138000';
const IP = '203.0.113.7';
const INVALID = { ok: false, reason: 'invalid_code' };

function wrongCode(code: string): string {
  return code.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
}

for (const factory of harnessFactories) {
  describe(`otp send/check (${factory.name} store)`, await skipUnlessStore(factory.name), () => {
    let harness: Harness;
    beforeEach(() => {
      harness = factory.create();
    });
    afterEach(() => harness.close());

    it('sends a 6-digit code that checks once, with any spelling of the number', async () => {
      const { otp, sender } = setup(harness);
      const sent = await otp.send({ to: '+86 138-0013-8000', channel: 'sms', purpose: 'login', ip: IP });
      assert.equal(sent.ok, true);
      assert.equal(sender.sms.length, 1);
      assert.equal(sender.sms[0]?.to, TO);
      const code = sender.lastCode(TO);
      assert.match(code, /^\d{6}$/);
      assert.deepEqual(await otp.check({ to: '１３８００１３８０００', purpose: 'login', code }), { ok: true });
      assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code }), INVALID, 'a used code is refused');
    });

    it('honours the configured length and e-mail normalisation', async () => {
      const { otp, sender } = setup(harness, { digits: 8 });
      assert.equal(
        (await otp.send({ to: ' Alice@Example.COM ', channel: 'email', purpose: 'signup', ip: IP })).ok,
        true,
      );
      const code = sender.lastCode('alice@example.com');
      assert.match(code, /^\d{8}$/);
      assert.deepEqual(await otp.check({ to: 'ALICE@example.com', purpose: 'signup', code }), { ok: true });
    });

    it('refuses expired, superseded, other-purpose and other-number codes with the same answer', async () => {
      const { otp, sender, clock } = setup(harness, { limits: [] });
      await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      const first = sender.lastCode(TO);
      await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      const second = sender.lastCode(TO);
      if (first !== second)
        assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code: first }), INVALID, 'superseded');
      assert.deepEqual(await otp.check({ to: TO, purpose: 'reset', code: second }), INVALID, 'other purpose');
      assert.deepEqual(await otp.check({ to: cnMobile(1), purpose: 'login', code: second }), INVALID, 'other number');
      assert.deepEqual(await otp.check({ to: 'not a number', purpose: 'login', code: second }), INVALID, 'garbage');
      clock.advance(5 * 60_000);
      assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code: second }), INVALID, 'expired at 5 min');
      assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code: second }), INVALID, 'never sent');
    });

    it('a code just before expiry still checks', async () => {
      const { otp, sender, clock } = setup(harness);
      await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      clock.advance(5 * 60_000 - 1);
      assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code: sender.lastCode(TO) }), { ok: true });
    });

    it('a code dies after 3 wrong attempts, even if the right one comes next', async () => {
      const { otp, sender } = setup(harness);
      await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      const code = sender.lastCode(TO);
      for (let i = 0; i < 3; i++)
        assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code: wrongCode(code) }), INVALID);
      assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code }), INVALID);
    });

    it('two wrong attempts leave the right code usable', async () => {
      const { otp, sender } = setup(harness);
      await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      const code = sender.lastCode(TO);
      for (let i = 0; i < 2; i++) await otp.check({ to: TO, purpose: 'login', code: wrongCode(code) });
      assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code }), { ok: true });
    });

    it('100 concurrent wrong checks use up the attempts and the right code is then refused', async () => {
      const { otp, sender } = setup(harness);
      await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      const code = sender.lastCode(TO);
      const results = await Promise.all(
        Array.from({ length: 100 }, () => otp.check({ to: TO, purpose: 'login', code: wrongCode(code) })),
      );
      assert.ok(results.every((r) => !r.ok));
      assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code }), INVALID);
    });

    it('two concurrent checks with the right code: exactly one succeeds', async () => {
      const { otp, sender } = setup(harness);
      await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      const code = sender.lastCode(TO);
      const results = await Promise.all([
        otp.check({ to: TO, purpose: 'login', code }),
        otp.check({ to: '008613800138000', purpose: 'login', code }),
      ]);
      assert.equal(results.filter((r) => r.ok).length, 1);
    });

    it('200 concurrent sends for one number: one delivery, 199 refusals naming the cooldown', async () => {
      const { otp, sender } = setup(harness);
      const spellings = [TO, '8613800138000', '008613800138000', '+86 138 0013 8000', '13800138000'];
      const results: OtpSendResult[] = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          otp.send({
            to: spellings[i % spellings.length] as string,
            channel: 'sms',
            purpose: 'login',
            ip: `10.0.0.${i}`,
          }),
        ),
      );
      assert.equal(sender.sms.length, 1);
      const refused = results.filter((r) => !r.ok);
      assert.equal(refused.length, 199);
      for (const r of refused) {
        assert.equal(r.reason, 'rate_limited');
        if (r.reason === 'rate_limited') {
          assert.equal(r.limit, 'cooldown');
          assert.equal(r.retryAfter, 60);
        }
      }
    });

    it('20 failed checks lock checks of the old code for 1 hour, but a new code lifts the lock', async () => {
      const { otp, sender } = setup(harness, { limits: [] });
      await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      const old = sender.lastCode(TO);
      for (let i = 0; i < 20; i++) await otp.check({ to: TO, purpose: 'login', code: '000000x' });
      const locked = await otp.checkWithLock!({ to: TO, purpose: 'login', code: old });
      assert.equal(locked.ok, false);
      if (!locked.ok && locked.reason === 'invalid_code') assert.ok(locked.lockedUntil, 'the lock is reported');
      // The owner is never locked out: a new code goes out within the ordinary limits and works.
      const again = await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      assert.equal(again.ok, true);
      assert.equal(sender.sms.length, 2);
      assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code: sender.lastCode(TO) }), { ok: true });
    });

    it('failures below the threshold do not lock, and failures older than the window are forgotten', async () => {
      const { otp, sender, clock } = setup(harness, {
        limits: [],
        lockout: { failures: 5, window: '1 h', lock: '1 h' },
      });
      for (let i = 0; i < 4; i++) await otp.check({ to: TO, purpose: 'login', code: '1' });
      clock.advance(3600_000);
      for (let i = 0; i < 4; i++) await otp.check({ to: TO, purpose: 'login', code: '1' });
      await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code: sender.lastCode(TO) }), { ok: true });
    });

    it('throws InvalidArgumentError for programming errors, before any I/O', async () => {
      const { otp, sender } = setup(harness);
      const base = { to: TO, channel: 'sms', purpose: 'login', ip: IP } as const;
      const bad = [
        { ...base, purpose: 'Log In' },
        { ...base, ip: 'localhost' },
        { ...base, channel: 'fax' as 'sms' },
      ];
      for (const request of bad) await assert.rejects(otp.send(request), { name: 'InvalidArgumentError' });
      assert.equal(sender.calls, 0);
    });

    it('a refused delivery leaves no usable code and reports the provider code', async () => {
      const { otp, sender, clock } = setup(harness, { limits: [] });
      await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      const earlier = sender.lastCode(TO);
      sender.refuseWith = 'isv.BUSINESS_LIMIT_CONTROL';
      const refused = await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      if (!refused.ok && refused.reason === 'delivery_failed')
        assert.equal(refused.providerCode, 'isv.BUSINESS_LIMIT_CONTROL');
      else assert.fail(`expected delivery_failed, got ${JSON.stringify(refused)}`);
      assert.deepEqual(
        await otp.check({ to: TO, purpose: 'login', code: earlier }),
        INVALID,
        'the earlier code was replaced',
      );
      const stored = await harness.dump(clock.now());
      assert.equal(stored.filter((k) => /(^code\|)|(:code:)/.test(k.key)).length, 0, 'no code is left behind');
    });
  });
}

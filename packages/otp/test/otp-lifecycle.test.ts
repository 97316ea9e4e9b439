import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { OtpLifecycleEvent } from '../src/index.js';
import { type Harness, harnessFactories, setup, skipUnlessStore } from './otp-harness.js';

// onLifecycle tells the server what the caller is never told: why a check failed. Each store must say the same.
const TO = '+8613800138000';
const IP = '203.0.113.7';

for (const factory of harnessFactories) {
  describe(`otp onLifecycle (${factory.name} store)`, await skipUnlessStore(factory.name), () => {
    let harness: Harness;
    beforeEach(() => {
      harness = factory.create();
    });
    afterEach(() => harness.close());

    it('reports the send and each check outcome: approved, missing, mismatch, expired, locked', async () => {
      const events: OtpLifecycleEvent[] = [];
      const { otp, sender, clock } = setup(harness, {
        onLifecycle: (e) => events.push(e),
        lockout: { failures: 4, window: '1 h', lock: '10 min' },
        ttl: '5 min',
      });
      const sent = await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      assert.ok(sent.ok);
      const code = sender.lastCode(TO);
      const wrong = code.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
      await otp.check({ to: TO, purpose: 'login', code }); // approved
      await otp.check({ to: TO, purpose: 'login', code }); // missing: used
      clock.advance(61_000);
      await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      const second = sender.lastCode(TO);
      await otp.check({ to: TO, purpose: 'login', code: second === wrong ? code : wrong }); // mismatch
      clock.advance(6 * 60_000);
      await otp.check({ to: TO, purpose: 'login', code: second }); // expired; the 3rd failure
      await otp.check({ to: TO, purpose: 'login', code: second }); // missing; the 4th locks
      const locked = await otp.check({ to: TO, purpose: 'login', code: second }); // locked
      assert.deepEqual(locked, { ok: false, reason: 'invalid_code' }, 'the caller still learns nothing');
      assert.deepEqual(
        events.map((e) => (e.type === 'sent' ? 'sent' : e.outcome)),
        ['sent', 'approved', 'missing', 'sent', 'mismatch', 'expired', 'missing', 'locked'],
      );
      const first = events[0];
      assert.ok(first?.type === 'sent' && first.sendId === sent.sendId && first.to === TO);
      const last = events.at(-1);
      assert.ok(last?.type === 'checked' && last.lockedUntil === clock.now() + 10 * 60_000);
      assert.ok(!JSON.stringify(events).includes(code), 'no event carries a code');
    });

    it('a listener that throws changes nothing', async () => {
      const { otp, sender } = setup(harness, {
        onLifecycle: () => {
          throw new Error('listener down');
        },
      });
      assert.equal((await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP })).ok, true);
      assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code: sender.lastCode(TO) }), { ok: true });
    });
  });
}

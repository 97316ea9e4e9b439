// Attacks on the verification-code service from issue 10, each reproduced against both stores.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { InvalidArgumentError } from 'alisms';
import {
  cooldown,
  createMemoryOtpStore,
  createOtp,
  globalDaily,
  type OtpAlert,
  perDestination,
  perIp,
  perPrefix,
  wrongChecksPerIp,
} from '../src/index.js';
import {
  cnMobile,
  cnMobileInRange,
  FakeSender,
  type Harness,
  harnessFactories,
  ipv4,
  SECRET,
  setup,
  skipUnlessStore,
} from './otp-harness.js';

const TO = '+8613800138000';
const IP = '203.0.113.7';

for (const factory of harnessFactories) {
  describe(`otp hardening (${factory.name} store)`, await skipUnlessStore(factory.name), () => {
    let harness: Harness;
    beforeEach(() => {
      harness = factory.create();
    });
    afterEach(() => harness.close());

    it('lockout is no weapon: after an attacker locks the number, its owner gets a code after the cooldown and uses it', async () => {
      const { otp, sender, clock } = setup(harness);
      assert.equal((await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP })).ok, true);
      // The attacker, from many addresses so the per-IP check limit does not stop it, locks the number.
      for (let i = 0; i < 20; i++) await otp.check({ to: TO, purpose: 'login', code: '999999', ip: ipv4(i) });
      clock.advance(60_000);
      const owner = await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      assert.equal(owner.ok, true, `the owner's send was refused: ${JSON.stringify(owner)}`);
      assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code: sender.lastCode(TO), ip: IP }), {
        ok: true,
      });
    });

    it('limits wrong checks to 50 per IP per hour by default: the 51st is rate_limited before the code is looked at', async () => {
      const { otp, sender, clock } = setup(harness, { limits: [] });
      await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      const attacker = '198.51.100.9';
      for (let i = 0; i < 50; i++) {
        const r = await otp.check({ to: cnMobile(i), purpose: 'login', code: '123456', ip: attacker });
        assert.deepEqual(r, { ok: false, reason: 'invalid_code' }, `check ${i}`);
      }
      const refused = await otp.check({ to: TO, purpose: 'login', code: sender.lastCode(TO), ip: attacker });
      assert.equal(refused.ok, false);
      if (refused.ok || refused.reason !== 'rate_limited')
        assert.fail(`expected rate_limited: ${JSON.stringify(refused)}`);
      assert.equal(refused.limit, 'wrong-checks-ip-50-per-1h');
      assert.ok(refused.retryAfter > 0 && refused.retryAfter <= 3600);
      // The same /64 shares the limit (IPv6), another client does not, and the code was not consumed.
      assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code: sender.lastCode(TO), ip: IP }), { ok: true });
      clock.advance(3600_000);
      assert.deepEqual(await otp.check({ to: cnMobile(1), purpose: 'login', code: '1', ip: attacker }), {
        ok: false,
        reason: 'invalid_code',
      });
    });

    it('IPv6 clients share the check limit per /64', async () => {
      const { otp } = setup(harness, { limits: [], wrongCheckLimits: [wrongChecksPerIp(3, '1 h')] });
      for (let i = 0; i < 3; i++)
        await otp.check({ to: cnMobile(i), purpose: 'login', code: '1', ip: `2001:db8:1:2::${i + 1}` });
      const r = await otp.check({ to: TO, purpose: 'login', code: '1', ip: '2001:db8:1:2:ffff::1' });
      assert.equal(!r.ok && r.reason, 'rate_limited');
    });

    it('a read timeout answers outcome_unknown: the code stays valid for its TTL and the cooldown applies', async () => {
      const { otp, sender } = setup(harness);
      let delivered = '';
      sender.sendSms = async (_to, code) => {
        delivered = code; // the SMS went out; only the answer was lost
        throw Object.assign(new Error('SendSms: outcome unknown'), {
          name: 'SendOutcomeUnknownError',
          code: 'ALISMS_SEND_OUTCOME_UNKNOWN',
        });
      };
      const r = await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      if (r.ok || r.reason !== 'outcome_unknown') assert.fail(`expected outcome_unknown: ${JSON.stringify(r)}`);
      assert.equal(r.retryAfter, 60);
      assert.ok(!r.detail.includes(delivered), 'the code is not in the detail');
      const again = await otp.send({ to: TO, channel: 'sms', purpose: 'login', ip: IP });
      assert.equal(!again.ok && again.reason, 'rate_limited');
      assert.deepEqual(await otp.check({ to: TO, purpose: 'login', code: delivered, ip: IP }), { ok: true });
    });

    it('a lone surrogate in `to` is an InvalidArgumentError before any limit is counted', async () => {
      const { otp } = setup(harness, { limits: [perIp(1, '1 d')] });
      await assert.rejects(
        otp.send({ to: '\ud800@a.bc', channel: 'email', purpose: 'login', ip: IP }),
        (e: unknown) => e instanceof InvalidArgumentError && e.field === 'to',
      );
      assert.equal((await otp.send({ to: 'ok@a.bc', channel: 'email', purpose: 'login', ip: IP })).ok, true);
    });

    it('e-mail limit keys ignore +tags, and dots at Gmail, by default', async () => {
      const { otp, sender } = setup(harness, { limits: [cooldown('60 s')] });
      assert.equal((await otp.send({ to: 'victim@gmail.com', channel: 'email', purpose: 'login', ip: IP })).ok, true);
      for (const spelling of ['victim+1@gmail.com', 'v.ictim@gmail.com', 'V.i.c.t.i.m+x@googlemail.com']) {
        const r = await otp.send({ to: spelling, channel: 'email', purpose: 'login', ip: IP });
        assert.equal(!r.ok && r.reason, 'rate_limited', spelling);
      }
      // Dots matter elsewhere; the code goes to the address as written.
      assert.equal((await otp.send({ to: 'a.b@example.com', channel: 'email', purpose: 'login', ip: IP })).ok, true);
      assert.equal((await otp.send({ to: 'ab@example.com', channel: 'email', purpose: 'login', ip: IP })).ok, true);
      const tagged = await otp.send({ to: 'ab+x@example.com', channel: 'email', purpose: 'login', ip: IP });
      assert.equal(!tagged.ok && tagged.reason, 'rate_limited');
      assert.equal(sender.email[0]?.to, 'victim@gmail.com');
    });

    it('e-mail limit keys are configurable', async () => {
      const { otp } = setup(harness, {
        limits: [perDestination(1, '1 h')],
        emailLimitKey: { ignorePlusTag: false, ignoreDotsDomains: [] },
      });
      for (const to of ['victim@gmail.com', 'victim+1@gmail.com', 'v.ictim@gmail.com'])
        assert.equal((await otp.send({ to, channel: 'email', purpose: 'login', ip: IP })).ok, true, to);
    });

    it('alerts once per trip when the global fuse blows and when a prefix hits its cap', async () => {
      const alerts: OtpAlert[] = [];
      const { otp } = setup(harness, {
        limits: [perPrefix(2, '1 h'), globalDaily(3)],
        onAlert: (a) => {
          alerts.push(a);
        },
      });
      for (let i = 0; i < 3; i++) await otp.send({ to: cnMobileInRange(i), channel: 'sms', purpose: 'login', ip: IP });
      assert.deepEqual(
        alerts.map((a) => a.type),
        ['prefix.capped'],
      );
      const first = alerts[0];
      assert.equal(first?.type === 'prefix.capped' && first.prefix, '+861380000');
      for (let i = 0; i < 3; i++) await otp.send({ to: cnMobile(i), channel: 'sms', purpose: 'login', ip: IP });
      assert.deepEqual(
        alerts.map((a) => a.type),
        ['prefix.capped', 'fuse.tripped'],
        'each trip alerts once; later refusals do not',
      );
    });
  });
}

describe('otp hardening (memory bounds)', () => {
  it('wrong checks for many numbers keep at most maxFailureRecords records', async () => {
    const store = createMemoryOtpStore({ maxFailureRecords: 100 });
    const now = Date.UTC(2026, 0, 1);
    const otp = createOtp({
      secret: SECRET,
      store,
      sender: new FakeSender(),
      clock: { now: () => now },
      wrongCheckLimits: [],
    });
    for (let i = 0; i < 1000; i++) await otp.check({ to: cnMobile(i), purpose: 'login', code: '123456' });
    assert.ok(store.codes.size(now) <= 100, `records: ${store.codes.size(now)}`);
  });
});

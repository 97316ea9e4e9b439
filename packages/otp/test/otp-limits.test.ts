import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  cooldown,
  globalDaily,
  type OtpLimit,
  type OtpSendResult,
  perDestination,
  perIp,
  perPrefix,
} from '../src/index.js';
import {
  cnMobile,
  cnMobileInRange,
  type Harness,
  harnessFactories,
  ipv4,
  SECRET,
  setup,
  skipUnlessStore,
} from './otp-harness.js';

const IP = '203.0.113.7';

function refusedBy(results: OtpSendResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) {
    const key = r.ok ? 'sent' : r.reason === 'rate_limited' ? r.limit : r.reason;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

for (const factory of harnessFactories) {
  describe(`otp send limits (${factory.name} store)`, await skipUnlessStore(factory.name), () => {
    let harness: Harness;
    beforeEach(() => {
      harness = factory.create();
    });
    afterEach(() => harness.close());

    it('1,000 IPs on one number hold the cooldown, then the hourly and daily caps', async () => {
      const { otp, sender, clock } = setup(harness);
      const to = cnMobile(1);
      let ip = 0;
      const burst = () =>
        Promise.all(
          Array.from({ length: 100 }, () => otp.send({ to, channel: 'sms', purpose: 'login', ip: ipv4(ip++) })),
        );
      for (let minute = 0; minute < 10; minute++) {
        assert.equal(refusedBy(await burst()).sent, minute < 5 ? 1 : undefined, `minute ${minute}`);
        clock.advance(61_000);
      }
      assert.equal(sender.sms.length, 5, '5 per hour');
      const hourly = (await otp.send({ to, channel: 'sms', purpose: 'login', ip: ipv4(ip++) })) as OtpSendResult;
      assert.equal(!hourly.ok && hourly.reason === 'rate_limited' && hourly.limit, 'destination-5-per-1h');
      clock.advance(3600_000);
      for (let i = 0; i < 10; i++) {
        await burst();
        clock.advance(61_000);
      }
      assert.equal(sender.sms.length, 10, '10 per day');
      const daily = await otp.send({ to, channel: 'sms', purpose: 'login', ip: ipv4(ip++) });
      assert.equal(!daily.ok && daily.reason === 'rate_limited' && daily.limit, 'destination-10-per-1d');
    });

    it('one IP on 1,000 numbers sends 10 per day', async () => {
      const { otp, sender, clock } = setup(harness);
      const results = await Promise.all(
        Array.from({ length: 1000 }, (_, i) => otp.send({ to: cnMobile(i), channel: 'sms', purpose: 'login', ip: IP })),
      );
      assert.deepEqual(refusedBy(results), { sent: 10, 'ip-10-per-1d': 990 });
      const refused = results.find((r) => !r.ok);
      assert.equal(!refused?.ok && refused?.reason === 'rate_limited' && refused.retryAfter, 86_400);
      clock.advance(86_400_000 - 1);
      assert.equal((await otp.send({ to: cnMobile(2000), channel: 'sms', purpose: 'login', ip: IP })).ok, false);
      clock.advance(1);
      assert.equal((await otp.send({ to: cnMobile(2001), channel: 'sms', purpose: 'login', ip: IP })).ok, true);
      assert.equal(sender.sms.length, 11);
    });

    it('IPv6 clients count per /64', async () => {
      const { otp } = setup(harness, { limits: [perIp(2, '1 d')] });
      const ips = ['2001:db8:1:2::1', '2001:db8:1:2:ffff::9', '2001:0db8:0001:0002:abcd::1', '2001:db8:1:3::1'];
      const results = [];
      for (const [i, ip] of ips.entries())
        results.push(await otp.send({ to: cnMobile(i), channel: 'sms', purpose: 'login', ip }));
      assert.deepEqual(
        results.map((r) => r.ok),
        [true, true, false, true],
      );
    });

    it('the prefix cap holds across many numbers of one range', async () => {
      const { otp, clock } = setup(harness, { limits: [perPrefix(20, '1 h')] });
      const results = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          otp.send({ to: cnMobileInRange(i), channel: 'sms', purpose: 'login', ip: ipv4(i) }),
        ),
      );
      assert.deepEqual(refusedBy(results), { sent: 20, 'prefix-20-per-1h': 280 });
      assert.equal(
        (await otp.send({ to: cnMobile(7), channel: 'sms', purpose: 'login', ip: IP })).ok,
        true,
        'another range',
      );
      clock.advance(3600_000);
      assert.equal((await otp.send({ to: cnMobileInRange(500), channel: 'sms', purpose: 'login', ip: IP })).ok, true);
    });

    it('the global fuse stops at exactly its limit, alerts once, and reopens the next UTC day', async () => {
      const alerts: { limit: string; count: number }[] = [];
      const { otp, sender, clock } = setup(harness, {
        limits: [globalDaily(50)],
        onFuse: (info) => {
          alerts.push({ limit: info.limit, count: info.count });
        },
      });
      const results = await Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          otp.send({ to: cnMobile(i), channel: 'sms', purpose: 'login', ip: ipv4(i) }),
        ),
      );
      assert.deepEqual(refusedBy(results), { sent: 50, 'global-daily': 70 });
      assert.equal(sender.sms.length, 50);
      assert.deepEqual(alerts, [{ limit: 'global-daily', count: 50 }]);
      // The clock starts at 12:00 UTC: the fuse stays blown until 00:00 UTC.
      const refused = results.find((r) => !r.ok);
      assert.equal(!refused?.ok && refused?.reason === 'rate_limited' && refused.retryAfter, 12 * 3600);
      clock.advance(12 * 3600_000 - 1);
      assert.equal((await otp.send({ to: cnMobile(500), channel: 'sms', purpose: 'login', ip: IP })).ok, false);
      clock.advance(1);
      assert.equal((await otp.send({ to: cnMobile(501), channel: 'sms', purpose: 'login', ip: IP })).ok, true);
      assert.equal(alerts.length, 1);
    });

    it('the day of the fuse can start at 00:00 UTC+8', async () => {
      const { otp, clock } = setup(harness, { limits: [globalDaily(1, { utcOffsetMinutes: 480 })] });
      clock.set(Date.UTC(2026, 0, 1, 15, 0)); // 23:00 in Beijing
      assert.equal((await otp.send({ to: cnMobile(1), channel: 'sms', purpose: 'login', ip: IP })).ok, true);
      const refused = await otp.send({ to: cnMobile(2), channel: 'sms', purpose: 'login', ip: IP });
      assert.equal(!refused.ok && refused.reason === 'rate_limited' && refused.retryAfter, 3600);
      clock.advance(3600_000);
      assert.equal((await otp.send({ to: cnMobile(3), channel: 'sms', purpose: 'login', ip: IP })).ok, true);
    });

    it('a refused send consumes no other limit (all or nothing)', async () => {
      const limits: OtpLimit[] = [cooldown('60 s'), perIp(3, '1 d'), perPrefix(3, '1 h'), globalDaily(3)];
      const { otp, clock } = setup(harness, { limits });
      const to = cnMobileInRange(1);
      assert.equal((await otp.send({ to, channel: 'sms', purpose: 'login', ip: IP })).ok, true);
      // 50 sends refused by the cooldown must not have used the IP, prefix or global allowance.
      for (let i = 0; i < 50; i++) await otp.send({ to, channel: 'sms', purpose: 'login', ip: IP });
      assert.equal((await otp.send({ to: cnMobileInRange(2), channel: 'sms', purpose: 'login', ip: IP })).ok, true);
      assert.equal((await otp.send({ to: cnMobileInRange(3), channel: 'sms', purpose: 'login', ip: IP })).ok, true);
      const fourth = await otp.send({ to: cnMobileInRange(4), channel: 'sms', purpose: 'login', ip: IP });
      assert.equal(fourth.ok, false);
      // The refused fourth send did not start that destination's cooldown either.
      const cooldownOnly = setup(harness, { limits: [cooldown('60 s')] });
      cooldownOnly.clock.set(clock.now());
      const again = await cooldownOnly.otp.send({ to: cnMobileInRange(4), channel: 'sms', purpose: 'login', ip: IP });
      assert.equal(again.ok, true);
    });

    it('spellings of one number share one set of limits', async () => {
      const { otp, sender, clock } = setup(harness, { limits: [perDestination(3, '1 h')] });
      const spellings = [
        '+86 138-0013-8000',
        '8613800138000',
        '008613800138000',
        '１３８００１３８０００',
        '13800138000',
      ];
      const results = [];
      for (const to of spellings) {
        results.push(await otp.send({ to, channel: 'sms', purpose: 'login', ip: IP }));
        clock.advance(1000);
      }
      assert.deepEqual(
        results.map((r) => r.ok),
        [true, true, true, false, false],
      );
      assert.ok(sender.sms.every((m) => m.to === '+8613800138000'));
      const mails = [];
      for (const to of ['Bob@Example.com', ' bob@example.com', 'BOB@EXAMPLE.COM ', 'bob@example.com'])
        mails.push((await otp.send({ to, channel: 'email', purpose: 'login', ip: IP })).ok);
      assert.deepEqual(mails, [true, true, true, false]);
    });

    it('refuses numbers outside the allow-list and premium-rate, shared-cost or fixed-line numbers', async () => {
      const { otp, sender } = setup(harness, { limits: [] });
      for (const to of ['+44 7911 123456', '+1 900 555 0123', '+86 400 123 4567', '+86 10 6552 9988']) {
        const r = await otp.send({ to, channel: 'sms', purpose: 'login', ip: IP });
        assert.deepEqual(r, { ok: false, reason: 'destination_not_allowed' }, to);
      }
      assert.deepEqual(await otp.send({ to: '12345', channel: 'sms', purpose: 'login', ip: IP }), {
        ok: false,
        reason: 'invalid_destination',
      });
      const uk = setup(harness, { limits: [], phone: { allowedCountries: ['CN', 'GB'] } });
      assert.equal((await uk.otp.send({ to: '+44 7400 123456', channel: 'sms', purpose: 'login', ip: IP })).ok, true);
      assert.equal(sender.sms.length, 0);
    });

    it('stores no plaintext code or number, and every key has a TTL', async () => {
      const { otp, sender, clock } = setup(harness, { lockout: { failures: 2 } });
      for (let i = 0; i < 5; i++)
        await otp.send({ to: cnMobileInRange(i), channel: 'sms', purpose: 'login', ip: ipv4(i) });
      await otp.send({ to: 'carol@example.com', channel: 'email', purpose: 'login', ip: IP });
      await otp.check({ to: cnMobileInRange(0), purpose: 'login', code: 'wrong' });
      for (let i = 0; i < 2; i++) await otp.check({ to: cnMobileInRange(1), purpose: 'login', code: 'wrong' });
      const stored = await harness.dump(clock.now());
      // codes, failure counters, a lock, sliding logs and a fixed-window counter
      assert.ok(stored.length >= 5 + 1 + 1 + 1 + 6, `only ${stored.length} keys`);
      if (harness.name === 'redis')
        for (const kind of [':code:', ':fail:', ':lock:', ':lim:cooldown:', ':lim:global-daily:'])
          assert.ok(
            stored.some((k) => k.key.includes(kind)),
            `no ${kind} key`,
          );
      const secrets = [...sender.sms.map((m) => m.code), ...sender.email.map((m) => m.code)];
      const numbers = ['13800000000', '13800000001', 'carol', SECRET];
      for (const { key, ttlMs, values } of stored) {
        assert.ok(ttlMs > 0, `${key} has no TTL (${ttlMs})`);
        const text = `${key} ${values.join(' ')}`;
        for (const s of [...secrets, ...numbers]) assert.ok(!text.includes(s), `${key} holds a code or a number`);
      }
    });
  });
}

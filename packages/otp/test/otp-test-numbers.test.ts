import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { InvalidArgumentError } from 'alisms';
import { globalDaily, type OtpTestNumberUse, perDestination } from '../src/index.js';
import { cnMobile, type Harness, harnessFactories, setup, skipUnlessStore } from './otp-harness.js';

const TEST_NUMBER = '+8613800000000';
const FIXED = '246810';
const IP = '203.0.113.7';

for (const factory of harnessFactories) {
  describe(`otp test numbers and namespaces (${factory.name} store)`, await skipUnlessStore(factory.name), () => {
    let harness: Harness;
    beforeEach(() => {
      harness = factory.create();
    });
    afterEach(() => harness.close());

    it('stores the fixed code of a test number, sends nothing, and reports every use', async () => {
      const uses: OtpTestNumberUse[] = [];
      const { otp, sender } = setup(harness, {
        testNumbers: { [TEST_NUMBER]: FIXED },
        onTestNumber: (use) => uses.push(use),
      });
      const sent = await otp.send({ to: '138 0000 0000', channel: 'sms', purpose: 'login', ip: IP });
      assert.equal(sent.ok, true);
      assert.equal(sent.ok && sent.testNumber, true);
      assert.equal(sender.calls, 0, 'no SMS for a test number');
      assert.deepEqual(await otp.check({ to: TEST_NUMBER, purpose: 'login', code: '000000' }), {
        ok: false,
        reason: 'invalid_code',
      });
      assert.deepEqual(await otp.check({ to: TEST_NUMBER, purpose: 'login', code: FIXED }), { ok: true });
      assert.deepEqual(await otp.check({ to: TEST_NUMBER, purpose: 'login', code: FIXED }), {
        ok: false,
        reason: 'invalid_code',
      });
      assert.deepEqual(
        uses.map((u) => [u.action, u.to, u.ok]),
        [
          ['send', TEST_NUMBER, true],
          ['check', TEST_NUMBER, false],
          ['check', TEST_NUMBER, true],
          ['check', TEST_NUMBER, false],
        ],
      );
      // Other numbers are untouched.
      assert.equal((await otp.send({ to: cnMobile(1), channel: 'sms', purpose: 'login', ip: IP })).ok, true);
      assert.equal(sender.calls, 1);
    });

    it('applies the limits to test numbers (the cooldown refuses the second send)', async () => {
      const { otp, clock } = setup(harness, { testNumbers: { [TEST_NUMBER]: FIXED } });
      assert.equal((await otp.send({ to: TEST_NUMBER, channel: 'sms', purpose: 'login', ip: IP })).ok, true);
      const again = await otp.send({ to: TEST_NUMBER, channel: 'sms', purpose: 'login', ip: IP });
      assert.equal(again.ok === false && again.reason, 'rate_limited');
      clock.advance(61_000);
      assert.equal((await otp.send({ to: TEST_NUMBER, channel: 'sms', purpose: 'login', ip: IP })).ok, true);
    });

    it('refuses a test number the phone rules refuse, or a code that is not 4 to 10 digits', () => {
      assert.throws(
        () => setup(harness, { testNumbers: { '+14155550100': FIXED } }),
        (e: unknown) => e instanceof InvalidArgumentError && /testNumbers/.test(e.message),
      );
      assert.throws(() => setup(harness, { testNumbers: { [TEST_NUMBER]: '12ab' } }), /4 to 10 digits/);
    });

    it('keeps namespaces apart: codes and limits count per namespace, the fuse as configured', async () => {
      const limits = [perDestination(1, '1 h'), globalDaily(3)];
      const a = setup(harness, { namespace: 'shop', limits });
      const b = setup(harness, { namespace: 'blog', limits });
      const to = cnMobile(7);
      assert.equal((await a.otp.send({ to, channel: 'sms', purpose: 'login', ip: IP })).ok, true);
      assert.equal((await b.otp.send({ to, channel: 'sms', purpose: 'login', ip: IP })).ok, true, 'own limits');
      const codeA = a.sender.lastCode(to);
      const codeB = b.sender.lastCode(to);
      if (codeA !== codeB)
        assert.deepEqual(await b.otp.check({ to, purpose: 'login', code: codeA }), {
          ok: false,
          reason: 'invalid_code',
        });
      assert.deepEqual(await a.otp.check({ to, purpose: 'login', code: codeA }), { ok: true });
      // Shared fuse (the default): 3 sends in all, whichever namespace.
      assert.equal((await a.otp.send({ to: cnMobile(8), channel: 'sms', purpose: 'login', ip: IP })).ok, true);
      const fused = await b.otp.send({ to: cnMobile(9), channel: 'sms', purpose: 'login', ip: IP });
      assert.equal(fused.ok === false && fused.reason === 'rate_limited' && fused.limit, 'global-daily');
      // A fuse per namespace counts apart.
      const c = setup(harness, { namespace: 'news', limits, globalScope: 'namespace' });
      for (let i = 0; i < 3; i++)
        assert.equal((await c.otp.send({ to: cnMobile(20 + i), channel: 'sms', purpose: 'login', ip: IP })).ok, true);
      const own = await c.otp.send({ to: cnMobile(30), channel: 'sms', purpose: 'login', ip: IP });
      assert.equal(own.ok === false && own.reason === 'rate_limited' && own.limit, 'global-daily');
    });

    it('refuses a namespace that cannot be part of a key', () => {
      assert.throws(() => setup(harness, { namespace: 'Shop One' }), /namespace/);
    });
  });
}

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startService } from '../src/compose.js';
import { ConfigError, parseServeConfig } from '../src/index.js';
import { OTP_SECRET, startHarness } from './service-harness.js';

// Test numbers with fixed codes, through the HTTP API: nothing reaches the emulator, the limits still apply,
// each use is logged with the number masked and counted in /metrics, and production start-up refuses them.
const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const close of closers) await close();
});

const TEST_NUMBER = '+8613800000000';
const FIXED = '246810';

describe('test numbers (HTTP API)', () => {
  it('answers 201 without sending, approves the fixed code once, logs masked and counts every use', async () => {
    const h = await startHarness({ otp: { testNumbers: { [TEST_NUMBER]: FIXED } } });
    closers.push(() => h.service.close());
    const sent = await h.post('/v1/verifications', { to: '13800000000', purpose: 'login' });
    assert.equal(sent.status, 201);
    assert.equal(((await sent.json()) as { to: string }).to.includes('13800000000'), false, 'masked in the answer');
    assert.equal((await h.inbox()).length, 0, 'no SMS for a test number');
    const wrong = await h.post('/v1/verifications/check', { to: TEST_NUMBER, purpose: 'login', code: '111111' });
    assert.equal(wrong.status, 400);
    const right = await h.post('/v1/verifications/check', { to: TEST_NUMBER, purpose: 'login', code: FIXED });
    assert.equal(right.status, 200);
    const again = await h.post('/v1/verifications/check', { to: TEST_NUMBER, purpose: 'login', code: FIXED });
    assert.equal(again.status, 400, 'one-time, like any code');

    const metrics = await h.metrics();
    for (const [action, outcome, n] of [
      ['send', 'stored', 1],
      ['check', 'rejected', 2],
      ['check', 'approved', 1],
    ] as const)
      assert.match(
        metrics,
        new RegExp(
          `alisms_otp_test_number_uses_total\\{service="default",action="${action}",outcome="${outcome}"\\} ${n}\\b`,
        ),
      );
    assert.doesNotMatch(metrics, /alisms_otp_sends_total\{/, 'a test number is not a send to the provider');
    const lines = h
      .log()
      .split('\n')
      .filter((l) => l.includes('test number used'));
    assert.equal(lines.length, 4);
    for (const line of lines) {
      assert.doesNotMatch(line, /13800000000/, 'the full number never reaches the log');
      assert.doesNotMatch(line, new RegExp(FIXED), 'nor the fixed code');
    }

    // Other numbers still go out.
    assert.equal((await h.post('/v1/verifications', { to: '13800138000' })).status, 201);
    assert.equal((await h.inbox()).length, 1);
  });

  it('keeps the limits: a second send inside the cooldown is refused with 429', async () => {
    const h = await startHarness({ otp: { testNumbers: { [TEST_NUMBER]: FIXED } } });
    closers.push(() => h.service.close());
    assert.equal((await h.post('/v1/verifications', { to: TEST_NUMBER })).status, 201);
    const refused = await h.post('/v1/verifications', { to: TEST_NUMBER });
    assert.equal(refused.status, 429);
    assert.equal(((await refused.json()) as { error: { limit: string } }).error.limit, 'cooldown');
  });

  it('refuses test numbers at start-up against the real Aliyun unless allowTestNumbersInProduction', async () => {
    const base = {
      server: { port: 0, apiKeys: ['prod-key-0123456789abcdef'] },
      sms: { signName: 'S', templateCode: 'T' },
    };
    const start = (otp: Record<string, unknown>, sms: Record<string, unknown> = {}) =>
      startService(parseServeConfig({ ...base, sms: { ...base.sms, ...sms }, otp: { secret: OTP_SECRET, ...otp } }));
    await assert.rejects(start({ testNumbers: { [TEST_NUMBER]: FIXED } }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /otp\.testNumbers: .*real Aliyun.*allowTestNumbersInProduction/);
      return true;
    });
    await assert.rejects(
      start({ testNumbers: { [TEST_NUMBER]: FIXED } }, { endpoint: 'https://dysmsapi.aliyuncs.com' }),
      ConfigError,
    );
    const allowed = await start({ testNumbers: { [TEST_NUMBER]: FIXED }, allowTestNumbersInProduction: true });
    await allowed.close();
    const local = await start({ testNumbers: { [TEST_NUMBER]: FIXED } }, { endpoint: '127.0.0.1:8787' });
    await local.close();
  });

  it('applies the same rule on reload (SIGHUP): adding test numbers in production is refused, the old config kept', async () => {
    const input = {
      server: { port: 0, apiKeys: ['prod-key-0123456789abcdef'] },
      sms: { signName: 'S', templateCode: 'T' },
      otp: { secret: OTP_SECRET },
    };
    const service = await startService(parseServeConfig(input));
    closers.push(() => service.close());
    await assert.rejects(
      service.reload(parseServeConfig({ ...input, otp: { ...input.otp, testNumbers: { [TEST_NUMBER]: FIXED } } })),
      /testNumbers/,
    );
    assert.deepEqual(service.services[0]?.testNumbers, {});
    await service.reload(
      parseServeConfig({
        ...input,
        otp: { ...input.otp, testNumbers: { [TEST_NUMBER]: FIXED }, allowTestNumbersInProduction: true },
      }),
    );
    assert.deepEqual(service.services[0]?.testNumbers, { [TEST_NUMBER]: FIXED });
  });

  it('names a test number the phone rules refuse', async () => {
    await assert.rejects(
      startService(
        parseServeConfig({
          emulator: true,
          server: { port: 0 },
          otp: { secret: OTP_SECRET, testNumbers: { '+447400123456': FIXED } },
        }),
      ),
      (error: unknown) => error instanceof ConfigError && /testNumbers.*\+447400123456/.test(error.message),
    );
  });
});

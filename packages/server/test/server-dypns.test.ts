// `alisms serve` with the Dypns provider modes, end to end in --emulator mode: the config keys
// otp.delivery / otp.verify, the emulator's Dypns answering on the same port, and config errors.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { type RunningService, smsDeliveryOf, startService } from '../src/compose.js';
import { ConfigError, parseServeConfig, type ServeConfigInput } from '../src/index.js';

const SECRET = 'service-test-otp-secret-0123456789abcdef';
const running: RunningService[] = [];
after(async () => {
  for (const r of running) await r.close();
});

async function start(input: ServeConfigInput) {
  const config = parseServeConfig({
    emulator: true,
    ...input,
    server: { port: 0 },
    otp: { secret: SECRET, limits: { cooldown: '1 s' }, ...input.otp },
  });
  const logDestination = new Writable({ write: (_c, _e, done) => done() });
  const service = await startService(config, { logDestination });
  running.push(service);
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${service.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const latest = async (to: string) =>
    (await (await fetch(`${service.url}/_emulator/api/messages/latest?to=${to}`)).json()) as {
      product: string;
      code: string;
      templateCode: string;
    };
  return { post, latest };
}

describe('alisms serve with Dypns', () => {
  it('otp.delivery: dypns sends alisms’s code through Dypns; alisms checks it', async () => {
    const { post, latest } = await start({ otp: { delivery: 'dypns' } });
    assert.equal((await post('/v1/verifications', { to: '13800138101' })).status, 201);
    const message = await latest('13800138101');
    assert.equal(message.product, 'dypns');
    assert.equal(message.templateCode, '100001');
    assert.match(message.code, /^\d{6}$/);
    assert.equal((await post('/v1/verifications/check', { to: '13800138101', code: message.code })).status, 200);
  });

  it('otp.verify: dypns lets Dypns generate and check; a wrong code is refused and the right one passes once', async () => {
    const { post, latest } = await start({ otp: { verify: 'dypns', digits: 6 }, dypns: { templateCode: '100003' } });
    assert.equal((await post('/v1/verifications', { to: '13800138102' })).status, 201);
    const message = await latest('13800138102');
    assert.equal(message.product, 'dypns');
    assert.equal(message.templateCode, '100003');
    const wrong = message.code === '000000' ? '111111' : '000000';
    assert.notEqual((await post('/v1/verifications/check', { to: '13800138102', code: wrong })).status, 200);
    assert.equal((await post('/v1/verifications/check', { to: '13800138102', code: message.code })).status, 200);
    assert.notEqual((await post('/v1/verifications/check', { to: '13800138102', code: message.code })).status, 200);
  });

  it('refuses verify: dypns with delivery: sms, and more than 8 digits', () => {
    assert.equal(smsDeliveryOf(parseServeConfig({}).otp), 'sms');
    assert.equal(smsDeliveryOf(parseServeConfig({ otp: { delivery: 'dypns' } }).otp), 'dypns-delivery');
    assert.equal(smsDeliveryOf(parseServeConfig({ otp: { verify: 'dypns' } }).otp), 'dypns-verify');
    assert.throws(
      () => smsDeliveryOf(parseServeConfig({ otp: { verify: 'dypns', delivery: 'sms' } }).otp),
      (e: unknown) => e instanceof ConfigError && /otp\.delivery/.test(e.message),
    );
    assert.throws(
      () => smsDeliveryOf(parseServeConfig({ otp: { verify: 'dypns', digits: 10 } }).otp),
      (e: unknown) => e instanceof ConfigError && /otp\.digits/.test(e.message),
    );
    assert.throws(() => parseServeConfig({ otp: { verify: 'twilio' } }), /otp\.verify/);
  });
});

// Attacks on the verification endpoints from issue 10, through the HTTP API.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { createMemoryOtpStore, createOtp, type OtpAlert, type OtpOptions, perIp } from '@alisms/otp';
import { ManualClock } from 'alisms';
import { createAlertHook, createApp, createLogger, createMemoryReceiptStore, parseServeConfig } from '../src/index.js';
import { fromOtp } from '../src/otp-adapter.js';
import { captchaFrom } from '../src/wiring.js';

const SECRET = 'otp-hardening-test-secret-0123456789abcdef';
const servers: Server[] = [];
after(async () => {
  for (const s of servers) await new Promise((done) => s.close(done));
});

function app(options: Partial<OtpOptions> = {}, clientIp = '198.51.100.7') {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const codes: string[] = [];
  const otp = createOtp({
    secret: SECRET,
    clock,
    store: createMemoryOtpStore(),
    sender: {
      async sendSms(_to, code) {
        codes.push(code);
      },
      async sendEmail(_to, code) {
        codes.push(code);
      },
    },
    ...options,
  });
  const hono = createApp({
    verifications: fromOtp(otp, { clock }),
    receipts: createMemoryReceiptStore(),
    allowAnonymous: true,
    logger: createLogger({ level: 'silent' }),
    clock,
    socketAddress: () => clientIp,
  });
  const post = (path: string, body: unknown, type = 'application/json') =>
    hono.request(path, { method: 'POST', headers: { 'content-type': type }, body: JSON.stringify(body) });
  return { post, codes };
}

/** A loopback HTTP server answering every POST with `answer(body)` as JSON; records the bodies. */
async function jsonServer(answer: (body: string) => unknown) {
  const bodies: string[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += String(chunk);
    bodies.push(body);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(body)));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies };
}

describe('verification endpoints under attack', () => {
  it('refuse a text/plain body (a cross-site form post) with 415', async () => {
    const { post, codes } = app();
    const body = { to: '13800138000', channel: 'sms' };
    assert.equal((await post('/v1/verifications', body, 'text/plain')).status, 415);
    assert.equal((await post('/v1/verifications/check', { ...body, code: '1' }, 'text/plain')).status, 415);
    assert.equal(codes.length, 0);
    assert.equal((await post('/v1/verifications', body, 'application/json; charset=utf-8')).status, 201);
  });

  it('answer 429 with Retry-After to the 51st check from one IP in an hour', async () => {
    const { post } = app({ limits: [] });
    for (let i = 0; i < 50; i++) {
      const res = await post('/v1/verifications/check', { to: `1380013${String(i).padStart(4, '0')}`, code: '123456' });
      assert.equal(res.status, 400, `check ${i}`);
    }
    const res = await post('/v1/verifications/check', { to: '13800138000', code: '123456' });
    assert.equal(res.status, 429);
    assert.ok(Number(res.headers.get('retry-after')) > 0);
    const body = (await res.json()) as { status: string; error: { code: string } };
    assert.equal(body.status, 'rejected');
    assert.equal(body.error.code, 'rate_limited');
  });

  it('answer a provider read timeout with provider_outcome_unknown, and the code still works', async () => {
    const codes: string[] = [];
    const { post } = app({
      sender: {
        async sendSms(_to, code) {
          codes.push(code);
          throw Object.assign(new Error('no answer'), { name: 'SendOutcomeUnknownError' });
        },
        async sendEmail() {},
      },
    });
    const res = await post('/v1/verifications', { to: '13800138000' });
    assert.equal(res.status, 504);
    assert.equal(res.headers.get('retry-after'), '60');
    const body = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'provider_outcome_unknown');
    assert.doesNotMatch(body.error.message, /nothing was sent/);
    assert.equal((await post('/v1/verifications', { to: '13800138000' })).status, 429, 'the cooldown applies');
    const check = await post('/v1/verifications/check', { to: '13800138000', code: codes[0] });
    assert.equal(check.status, 200);
  });

  it('answer a lone surrogate in `to` with 400 before any limit is counted', async () => {
    const { post } = app({ limits: [perIp(1, '1 d')] });
    const res = await post('/v1/verifications', { to: '\ud800@a.bc', channel: 'email' });
    assert.equal(res.status, 400);
    assert.equal((await post('/v1/verifications', { to: 'ok@a.bc', channel: 'email' })).status, 201);
  });
});

describe('captcha settings of serve', () => {
  it('refuse a token solved on another site or for another action; the timeout is configurable', async () => {
    const provider = await jsonServer(() => ({ success: true, hostname: 'evil.example', action: 'signup' }));
    const config = (captcha: Record<string, unknown>) =>
      parseServeConfig({
        emulator: true,
        captcha: { provider: 'turnstile', secret: 's', endpoint: provider.url, ...captcha },
      }).captcha;
    const plain = captchaFrom(config({}))!;
    assert.equal((await plain.verify('t', { ip: '203.0.113.1' })).success, true, 'no expectation set: passes');
    const host = captchaFrom(config({ expectedHostname: 'example.com' }))!;
    assert.deepEqual((await host.verify('t', { ip: '203.0.113.1' })).errorCodes, ['hostname-mismatch']);
    const action = captchaFrom(config({ expectedAction: 'context' }))!;
    assert.deepEqual((await action.verify('t', { ip: '203.0.113.1', action: 'login' })).errorCodes, [
      'action-mismatch',
    ]);
    for (const provider of ['hcaptcha', 'recaptcha'])
      assert.deepEqual(
        (await captchaFrom(config({ provider, expectedHostname: ['example.com'] }))!.verify('t', { ip: '1.2.3.4' }))
          .errorCodes,
        ['hostname-mismatch'],
        provider,
      );
    assert.equal(parseServeConfig({ emulator: true }).captcha.timeout, '2 s');
  });
});

describe('alert hook of serve', () => {
  it('logs one structured warn line per alert and posts it to alerts.webhookUrl and other listeners', async () => {
    const hook = await jsonServer(() => ({}));
    let log = '';
    const destination = new Writable({
      write(chunk, _enc, done) {
        log += String(chunk);
        done();
      },
    });
    const heard: OtpAlert[] = [];
    const onAlert = createAlertHook({
      logger: createLogger({ level: 'info', destination }),
      webhookUrl: hook.url,
      listeners: [
        (a) => {
          heard.push(a);
        },
        () => {
          throw new Error('a broken listener does not stop the others');
        },
      ],
    });
    await onAlert({ type: 'prefix.capped', limit: 'prefix-20-per-1h', prefix: '+861380013', count: 20, resetAt: 0 });
    const line = JSON.parse(log.split('\n')[0]!) as Record<string, unknown>;
    assert.equal(line.level, 40, 'warn');
    assert.equal(line.alert, 'prefix.capped');
    assert.equal(line.limit, 'prefix-20-per-1h');
    assert.equal(hook.bodies.length, 1);
    assert.equal((JSON.parse(hook.bodies[0]!) as OtpAlert).type, 'prefix.capped');
    assert.equal(heard.length, 1);
  });
});

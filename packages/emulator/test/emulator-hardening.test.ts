// Issue 10's findings against the emulator: header limits, parameter caps, CSRF and DNS rebinding.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { MAX_PARAMS, type RunningEmulator, startEmulator } from '../src/index.js';
import { callAliyun } from '../src/testing/signed-request.js';

/** A raw request, so Host and Content-Type are exactly what a browser or an attacker would send. */
function raw(
  base: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; text: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

let running: RunningEmulator;
let rebindable: RunningEmulator;
before(async () => {
  running = await startEmulator({ delivery: false });
  rebindable = await startEmulator({ delivery: false, config: { allowedHosts: ['emulator.internal'] } });
});
after(async () => {
  await running.close();
  await rebindable.close();
});

describe('emulator request limits', () => {
  it('accepts a signed SendSms to 1,000 +86 numbers in the query string (~19 KB), as the official clients send it', async () => {
    for (const [n, scheme] of (['v3', 'rpc'] as const).entries()) {
      // Other numbers per scheme, so the emulator's per-number flow control stays out of the way.
      const numbers = Array.from({ length: 1000 }, (_, i) => `+86${13800000000 + n * 10_000 + i}`).join(',');
      const res = await callAliyun(running.url, {
        scheme,
        action: 'SendSms',
        params: {
          PhoneNumbers: numbers,
          SignName: '阿里云短信测试',
          TemplateCode: 'SMS_154950909',
          TemplateParam: '{"code":"1234"}',
        },
      });
      assert.equal(res.status, 200, `${scheme}: ${res.text.slice(0, 200)}`);
      assert.equal(res.json.Code, 'OK');
    }
  });

  it('answers headers over the limit with an Aliyun-shaped JSON error, never an empty body', async () => {
    const res = await raw(running.url, { path: `/?Action=SendSms&x=${'a'.repeat(70 * 1024)}` });
    assert.equal(res.status, 431);
    const body = JSON.parse(res.text) as { Code: string; Message: string };
    assert.equal(body.Code, 'RequestHeaderFieldsTooLarge');
  });

  it('refuses a form with a million parameters before parsing it, with a small answer', async () => {
    const body = Array.from({ length: 1_000_000 }, (_, i) => `p${i}=1`).join('&');
    const res = await raw(running.url, {
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    assert.equal(res.status, 400);
    assert.equal((JSON.parse(res.text) as { Code: string }).Code, 'InvalidParameter');
    assert.match(res.text, new RegExp(`more than ${MAX_PARAMS} parameters`));
    assert.ok(res.text.length < 1000, `answer of ${res.text.length} chars`);
  });

  it('truncates the string-to-sign it echoes in SignatureDoesNotMatch', async () => {
    const res = await callAliyun(running.url, {
      scheme: 'rpc',
      action: 'SendSms',
      accessKeySecret: 'wrong-secret',
      placement: 'form',
      params: { PhoneNumbers: '13800138000', SignName: 'x'.repeat(200_000), TemplateCode: 'SMS_154950909' },
    });
    assert.equal(res.json.Code, 'SignatureDoesNotMatch');
    assert.ok(res.text.length < 40_000, `answer of ${res.text.length} chars`);
    assert.match(res.json.Message, /more characters\]$/);
  });
});

describe('emulator inspection API and inbox: CSRF and DNS rebinding', () => {
  it('refuses a text/plain or form POST (what a web page can send cross-site) with 415', async () => {
    const fault = JSON.stringify({ action: 'SendSms', kind: 'http5xx' });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await raw(running.url, {
        method: 'POST',
        path: '/_emulator/api/faults',
        headers: { 'content-type': type },
        body: fault,
      });
      assert.equal(res.status, 415, type);
    }
    assert.equal(running.emulator.faults.list().length, 0);
    const ok = await raw(running.url, {
      method: 'POST',
      path: '/_emulator/api/faults',
      headers: { 'content-type': 'application/json' },
      body: fault,
    });
    assert.equal(ok.status, 201);
    running.emulator.faults.clear();
  });

  it('answers only a loopback Host or one from allowedHosts (403 otherwise), on the API and the page', async () => {
    for (const path of ['/_emulator/api/messages', '/_emulator/', '/_emulator/api/some-future-route']) {
      const evil = await raw(running.url, { path, headers: { host: 'attacker.example:8787' } });
      assert.equal(evil.status, 403, path);
      assert.match(evil.text, /--allowed-hosts/);
    }
    for (const host of ['localhost:1', '127.0.0.1', '[::1]:80', 'app.localhost'])
      assert.equal((await raw(running.url, { path: '/_emulator/api/messages', headers: { host } })).status, 200, host);
    assert.equal(
      (await raw(rebindable.url, { path: '/_emulator/api/messages', headers: { host: 'emulator.internal:8787' } }))
        .status,
      200,
    );
    // The Aliyun API itself is not a browser surface: any Host may call it.
    const api = await raw(running.url, { path: '/?Action=SendSms', headers: { host: 'dysmsapi.aliyuncs.com' } });
    assert.notEqual(api.status, 403);
  });

  it('answers a malformed percent-escape in a path with 400, not 500', async () => {
    const res = await raw(running.url, { path: '/_emulator/api/messages/%E0%A4%A' });
    assert.equal(res.status, 400);
    assert.match(res.text, /percent-encoding/);
  });
});

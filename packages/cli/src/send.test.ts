import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type RunningEmulator, startEmulator } from '@alisms/emulator';
import { run } from './run.js';
import { captureIo } from './shared/capture-io.js';

const SECRET = 'testsecret';
let running: RunningEmulator;
let home: string;

/** The command's whole environment: the emulator's key, an empty home, no ECS probing. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    HOME: home,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'testid',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: SECRET,
    ...extra,
  };
}

async function send(args: string[], extraEnv: Record<string, string> = {}, withEndpoint = true) {
  const captured = captureIo(env(extraEnv), home);
  const argv = ['send', ...(withEndpoint ? ['--endpoint', running.url] : []), ...args];
  const code = await run(argv, captured.io);
  return { code, out: captured.stdout(), err: captured.stderr() };
}

const BASE = ['--sign', '阿里云短信测试', '--template', 'SMS_154950909'];

before(async () => {
  running = await startEmulator({ port: 0, delivery: false, config: { flowControl: { enabled: false } } });
  home = mkdtempSync(join(tmpdir(), 'alisms-cli-send-'));
});
after(async () => {
  await running.close();
  rmSync(home, { recursive: true, force: true });
});

describe('alisms send', () => {
  it('sends, prints the masked number, BizId and RequestId, exit 0', async () => {
    const r = await send(['--to', '13800138000', ...BASE, '--param', 'code=1234']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^sent to 138\*\*\*\*8000\n {2}BizId: {5}\S+\n {2}OutId: {5}\S+\n {2}RequestId: \S+\n$/);
    assert.ok(!r.out.includes('13800138000'));
    assert.equal(running.emulator.store.latest('13800138000')?.code, '1234');
  });

  it('merges --params JSON with --param (the flag wins), takes --out-id and prints --json', async () => {
    const args = [
      '--to',
      '13800138001,13800138002',
      ...BASE,
      '--params',
      '{"code":"1111","x":"y"}',
      '--param',
      'code=2222',
    ];
    const r = await send([...args, '--out-id', 'order-42', '--json', '--signature-version', 'v1']);
    assert.equal(r.code, 0, r.err);
    const result = JSON.parse(r.out) as { bizId: string; outId: string; requestId: string; to: string[] };
    assert.equal(result.outId, 'order-42');
    assert.deepEqual(result.to, ['138****8001', '138****8002']);
    const stored = running.emulator.store.latest('13800138002');
    assert.equal(stored?.params?.code, '2222');
    assert.equal(stored?.bizId, result.bizId);
  });

  it('reports an Aliyun business error with code, request id and what to do, exit 1', async () => {
    const r = await send([
      '--to',
      '13800138003',
      '--sign',
      '阿里云短信测试',
      '--template',
      'SMS_000000000',
      '--param',
      'code=1',
    ]);
    assert.equal(r.code, 1);
    assert.match(r.err, /^alisms: SendSms failed: isv\.SMS_TEMPLATE_ILLEGAL: /);
    assert.match(r.err, /\n {2}request id: [\w-]+/);
    assert.match(r.err, /\n {2}what to do: use a template code \(--template\)/);
  });

  it('names the flags, not the Aliyun parameters, in what to do (from the SDK table of codes)', async () => {
    const unsigned = await send(['--to', '13800138003', '--sign', 'NoSuchSign', '--template', 'SMS_154950909']);
    assert.equal(unsigned.code, 1);
    assert.match(unsigned.err, /what to do: use a signature \(--sign\) that is approved/);
    assert.doesNotMatch(unsigned.err, /SignName\)/);
  });

  it('explains SignatureDoesNotMatch without printing the secret', async () => {
    const wrong = 'wrong-secret-canary-123';
    const r = await send(['--to', '13800138004', ...BASE, '--param', 'code=1'], {
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: wrong,
    });
    assert.equal(r.code, 1);
    assert.match(r.err, /SignatureDoesNotMatch/);
    assert.match(r.err, /alisms sign/);
    assert.ok(!r.err.includes(wrong) && !r.out.includes(wrong) && !r.err.includes(SECRET));
  });

  it('is a usage error (exit 2) for missing credentials, a missing flag or a bad number', async () => {
    const noKeys = captureIo({ HOME: home, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' }, home);
    assert.equal(await run(['send', '--endpoint', running.url, '--to', '13800138000', ...BASE], noKeys.io), 2);
    assert.match(noKeys.stderr(), /no Aliyun credentials found/);
    // A CLI user is told about environment variables, and a local endpoint gets the emulator's test key.
    assert.match(noKeys.stderr(), /ALIBABA_CLOUD_ACCESS_KEY_ID=testid ALIBABA_CLOUD_ACCESS_KEY_SECRET=testsecret/);
    assert.doesNotMatch(noKeys.stderr(), /client|accessKeyId option/);
    const remote = captureIo({ HOME: home, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' }, home);
    assert.equal(
      await run(['send', '--endpoint', 'https://dysmsapi.aliyuncs.com', '--to', '13800138000', ...BASE], remote.io),
      2,
    );
    assert.match(remote.stderr(), /export ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/);
    assert.doesNotMatch(remote.stderr(), /testsecret/);
    const missing = await send(['--to', '13800138000', '--template', 'SMS_154950909']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /required option '--sign <name>' not specified/);
    const badNumber = await send(['--to', '12', ...BASE]);
    assert.equal(badNumber.code, 2);
    assert.match(badNumber.err, /^alisms: invalid phoneNumbers/);
    const badJson = await send(['--to', '13800138000', ...BASE, '--params', '{nope']);
    assert.equal(badJson.code, 2);
    assert.match(badJson.err, /--params is not valid JSON/);
  });

  it('says the endpoint cannot be reached, exit 1', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const captured = captureIo(env(), home);
    const code = await run(
      ['send', '--endpoint', `http://127.0.0.1:${port}`, '--to', '13800138000', ...BASE],
      captured.io,
    );
    assert.equal(code, 1);
    assert.match(captured.stderr(), /could not reach the endpoint/);
  });

  it('tells a gateway page from Aliyun, and an unknown send outcome from a failure', async () => {
    // One loopback server: a proxy's HTML 502 for the first request, a hang-up after reading the second.
    let calls = 0;
    const odd = createServer((req, res) => {
      calls++;
      req.resume();
      req.on('end', () => {
        if (calls === 1) {
          res.writeHead(502, { 'content-type': 'text/html' });
          res.end('<html><body>502 Bad Gateway</body></html>');
        } else req.socket.destroy();
      });
    });
    await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(odd.address() as AddressInfo).port}`;
    try {
      const args = ['send', '--endpoint', url, '--to', '13800138000', ...BASE, '--param', 'code=1'];
      const gateway = captureIo(env(), home);
      assert.equal(await run(args, gateway.io), 1);
      // A send answered by a gateway page may have gone through it: outcome unknown, with the endpoint hint.
      assert.match(gateway.stderr(), /outcome unknown/);
      assert.match(gateway.stderr(), /did not answer like Aliyun: check --endpoint/);
      calls = 1;
      const unknown = captureIo(env(), home);
      assert.equal(await run([...args, '--out-id', 'order-9'], unknown.io), 1);
      assert.match(unknown.stderr(), /outcome unknown/);
      assert.match(unknown.stderr(), /order-9/);
      assert.match(unknown.stderr(), /check with `alisms query --phone <number>` first/);
      assert.equal(calls, 2, 'a send that may have gone out is not retried');
    } finally {
      await new Promise<void>((resolve) => odd.close(() => resolve()));
    }
  });
});

describe('SignatureDoesNotMatch advice', () => {
  it('does not ask to compare a string to sign it does not print', async () => {
    const { AliyunApiError } = await import('alisms');
    const { reportError } = await import('./shared/errors.js');
    const captured = captureIo();
    const error = new AliyunApiError('SignatureDoesNotMatch: x', 'server string to sign is: [omitted]', {
      code: 'SignatureDoesNotMatch',
      httpStatus: 400,
    });
    reportError(error, captured.io, 'send');
    assert.match(captured.stderr(), /not printed/);
    assert.match(captured.stderr(), /alisms sign/);
  });
});

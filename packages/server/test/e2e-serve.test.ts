import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

// `npm start` as a child process: `alisms serve --emulator --port 0`, then the whole flow over HTTP.
const root = fileURLToPath(new URL('../../..', import.meta.url));
const OTP_SECRET = 'canary-otp-secret-0123456789abcdefghijklmnop';
const PHONE = '13800138000';

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('ALISMS_')) env[k] = v;
  return { ...env, ALISMS_OTP_SECRET: OTP_SECRET, NO_COLOR: '1' };
}

/** Starts `alisms serve` as a child and resolves once it prints its URL. */
async function startChild(args: string[]) {
  const child = spawn(process.execPath, ['packages/cli/bin/alisms.js', 'serve', ...args], {
    cwd: root,
    env: childEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const state = { child, url: '', stdout: '' };
  child.stdout!.setEncoding('utf8');
  child.stderr!.resume();
  state.url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve exited early with ${code}: ${state.stdout}`)));
    child.stdout!.on('data', (chunk: string) => {
      state.stdout += chunk;
      // The banner is one write: the URL line and the API/inbox lines arrive together.
      const match = /listening on (http:\/\/\S+)\n {2}API /.exec(state.stdout);
      if (match) resolve(match[1]!);
    });
  });
  return state;
}

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
}

describe('alisms serve --emulator (child process)', () => {
  let child: ChildProcess | undefined;
  let url = '';
  let stdout = '';

  before(async () => {
    const started = await startChild(['--emulator', '--port', '0']);
    child = started.child;
    url = started.url;
    child.stdout!.on('data', (chunk: string) => (stdout += chunk));
    stdout = started.stdout;
  });

  after(() => stopChild(child));

  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  let code = '';

  it('prints the API and inbox URLs', () => {
    assert.match(stdout, /API\s+http:\/\/127\.0\.0\.1:\d+\/v1\/verifications/);
    assert.match(stdout, /inbox\s+http:\/\/127\.0\.0\.1:\d+\/_emulator\//);
  });

  it('sends a code that lands in the emulator on the same port', async () => {
    const res = await post('/v1/verifications', { to: PHONE });
    assert.equal(res.status, 201);
    const body = (await res.json()) as Record<string, string>;
    assert.equal(body.status, 'pending');
    assert.equal(body.to, '+86138****8000');
    assert.ok(Date.parse(body.expiresAt!) > Date.parse(body.resendAfter!));
    const latest = await fetch(`${url}/_emulator/api/messages/latest?to=${PHONE}`);
    assert.equal(latest.status, 200);
    const message = (await latest.json()) as {
      code?: string;
      signName?: string;
      templateCode?: string;
      outId?: string;
    };
    assert.equal(message.signName, '阿里云短信测试');
    assert.equal(message.templateCode, 'SMS_154950909');
    assert.equal(message.outId, body.id);
    assert.match(message.code ?? '', /^\d{6}$/);
    code = message.code!;
  });

  it('approves the code once, then refuses it', async () => {
    const wrong = code === '000000' ? '111111' : '000000';
    const bad = await post('/v1/verifications/check', { to: PHONE, code: wrong });
    assert.equal(bad.status, 400);
    const ok = await post('/v1/verifications/check', { to: `+86${PHONE}`, code });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { status: 'approved' });
    const again = await post('/v1/verifications/check', { to: PHONE, code });
    assert.equal(again.status, 400);
    assert.deepEqual(await again.json(), { status: 'rejected' });
  });

  it('refuses a second code inside the cooldown with 429 and Retry-After', async () => {
    const res = await post('/v1/verifications', { to: PHONE });
    assert.equal(res.status, 429);
    const retryAfter = Number(res.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, String(retryAfter));
    const body = (await res.json()) as { error: { code: string; limit: string; retryAfter: number } };
    assert.equal(body.error.code, 'rate_limited');
    assert.equal(body.error.limit, 'cooldown');
    assert.equal(body.error.retryAfter, retryAfter);
  });

  it('counts sends, refusals and checks in /metrics', async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    assert.match(text, /alisms_otp_sends_total\{channel="sms",purpose="default"\} 1\n/);
    assert.match(text, /alisms_otp_refusals_total\{reason="rate_limited",limit="cooldown"\} 1\n/);
    assert.match(text, /alisms_otp_checks_total\{outcome="approved"\} 1\n/);
    assert.match(text, /alisms_otp_checks_total\{outcome="rejected"\} 2\n/);
    assert.match(
      text,
      /alisms_http_request_duration_seconds_count\{route="\/v1\/verifications",method="POST",status="201"\} 1\n/,
    );
  });

  it('logs JSON lines with the number masked and never the code or the secret', async () => {
    const logs = stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = logs.filter((l) => l.msg === 'request');
    assert.ok(requests.length >= 5, `only ${requests.length} request lines`);
    assert.ok(requests.some((l) => l.to === '138****8000' || l.to === '+86138****8000'));
    assert.doesNotMatch(stdout, new RegExp(`(?<!\\d)${code}(?!\\d)`));
    assert.ok(!stdout.includes(OTP_SECRET));
    assert.ok(!stdout.includes(PHONE), 'an unmasked phone number reached the log');
    assert.ok(!stdout.includes('testsecret'));
  });
});

describe('alisms serve --emulator --redis <closed port> (child process)', () => {
  let child: ChildProcess | undefined;
  after(() => stopChild(child));

  it('answers 503 and sends no SMS when Redis cannot be reached', async () => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const port = (probe.address() as { port: number }).port;
    await new Promise((done) => probe.close(done));
    const started = await startChild(['--emulator', '--port', '0', '--redis', `redis://127.0.0.1:${port}`]);
    child = started.child;
    const res = await fetch(`${started.url}/v1/verifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: PHONE }),
    });
    assert.equal(res.status, 503);
    const inbox = (await (await fetch(`${started.url}/_emulator/api/messages`)).json()) as { messages: unknown[] };
    assert.deepEqual(inbox.messages, []);
    assert.equal((await fetch(`${started.url}/readyz`)).status, 503);
    assert.equal((await fetch(`${started.url}/healthz`)).status, 200);
  });
});

describe('alisms serve: SIGTERM', () => {
  it('drains a request in flight, then exits 0', async () => {
    const { child, url } = await startChild(['--emulator', '--port', '0']);
    try {
      const fault = await fetch(`${url}/_emulator/api/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'SendSms', kind: 'latency', ms: 1500, count: 1 }),
      });
      assert.equal(fault.status, 201);
      const inFlight = fetch(`${url}/v1/verifications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ to: PHONE }),
      });
      // The fault is used up once the send reached the emulator: the request is in flight now.
      for (;;) {
        const { faults } = (await (await fetch(`${url}/_emulator/api/faults`)).json()) as { faults: unknown[] };
        if (faults.length === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const res = await inFlight;
      assert.equal(res.status, 201, 'the request in flight was cut instead of finished');
      const [code] = await exited;
      assert.equal(code, 0);
    } finally {
      await stopChild(child);
    }
  });
});

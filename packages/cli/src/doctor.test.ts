import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type RunningEmulator, startEmulator } from '@alisms/emulator';
import { run } from './run.js';
import { captureIo } from './shared/capture-io.js';

let running: RunningEmulator;
let home: string;
let skewed: Server;
let skewedUrl: string;
/** How far behind ours the skewed endpoint's clock is, in ms. */
let behindMs = 3_600_000;

const KEYS = { ALIBABA_CLOUD_ACCESS_KEY_ID: 'testid', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'testsecret' };

async function doctor(args: string[], keys: Record<string, string> = KEYS) {
  const captured = captureIo({ HOME: home, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', ...keys }, home);
  const code = await run(['doctor', ...args], captured.io);
  return { code, out: captured.stdout(), err: captured.stderr() };
}

before(async () => {
  running = await startEmulator({ port: 0, delivery: false });
  home = mkdtempSync(join(tmpdir(), 'alisms-cli-doctor-'));
  // An endpoint whose clock is an hour behind ours.
  skewed = createServer((_req, res) => {
    res.writeHead(400, { date: new Date(Date.now() - behindMs).toUTCString(), 'content-type': 'application/json' });
    res.end('{"Code":"MissingAction","RequestId":"R-skewed"}');
  });
  await new Promise<void>((resolve) => skewed.listen(0, '127.0.0.1', resolve));
  skewedUrl = `http://127.0.0.1:${(skewed.address() as AddressInfo).port}`;
});
after(async () => {
  await running.close();
  await new Promise<void>((resolve) => skewed.close(() => resolve()));
  rmSync(home, { recursive: true, force: true });
});

describe('alisms doctor', () => {
  it('passes every check against a healthy endpoint and shows the source with the key masked', async () => {
    const r = await doctor(['--endpoint', running.url]);
    assert.equal(r.code, 0, r.out + r.err);
    const lines = r.out.trimEnd().split('\n');
    assert.match(lines[0] ?? '', /^ok {4}credentials {2}env: AccessKey ID \*\*\*\*, no STS token$/);
    assert.match(
      lines[1] ?? '',
      new RegExp(
        `^ok {4}endpoint {5}${running.url} is reachable in \\d+ ms \\(an unsigned probe gets \\w+, as from Aliyun\\)$`,
      ),
    );
    assert.match(lines[2] ?? '', /^ok {4}clock {8}within a second of the endpoint$/);
    assert.match(lines[3] ?? '', /^ok {4}signed call {2}QuerySendDetails accepted \(RequestId \S+\)$/);
    assert.equal(lines[4], 'all checks passed');
    assert.ok(!r.out.includes('testsecret'));
  });

  it('fails on a clock more than 15 minutes off the endpoint’s', async () => {
    const r = await doctor(['--endpoint', skewedUrl, '--no-signed-call']);
    assert.equal(r.code, 1);
    assert.match(r.out, /\nFAIL {2}clock {8}(3599|3600|3601) s ahead of the endpoint: Aliyun rejects/);
    assert.match(r.out, /1 check\(s\) failed\n$/);
  });

  it('warns, but passes, on a clock a few minutes off', async () => {
    behindMs = 180_000;
    const r = await doctor(['--endpoint', skewedUrl, '--no-signed-call']);
    behindMs = 3_600_000;
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /\nwarn {2}clock {8}(179|180|181) s ahead of the endpoint; within Aliyun's 15 min/);
    assert.match(r.out, /no check failed, 1 warning\(s\)\n$/);
  });

  it('shows that an STS token is in use, never the token', async () => {
    const token = 'CAIS-doctor-canary-token-987';
    const r = await doctor(['--endpoint', skewedUrl, '--no-signed-call'], {
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'STS.NUvuAbCdEf1234',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'testsecret',
      ALIBABA_CLOUD_SECURITY_TOKEN: token,
    });
    assert.match(r.out, /^ok {4}credentials {2}env: AccessKey ID STS\.\*\*\*\*1234, STS token/);
    assert.ok(!r.out.includes(token) && !r.out.includes('testsecret'));
  });

  it('fails when no credentials are found, listing where it looked', async () => {
    const r = await doctor(['--endpoint', running.url], {});
    assert.equal(r.code, 1);
    assert.match(r.out, /^FAIL {2}credentials {2}No Aliyun credentials found\. Places tried, in order:\n {6}/);
    assert.match(r.out, /\nok {4}endpoint/);
    assert.doesNotMatch(r.out, /signed call/, 'no signed call without credentials');
  });

  it('fails when the secret is wrong (signed call refused) without printing it', async () => {
    const wrong = 'wrong-secret-canary-456';
    const r = await doctor(['--endpoint', running.url], { ...KEYS, ALIBABA_CLOUD_ACCESS_KEY_SECRET: wrong });
    assert.equal(r.code, 1);
    assert.match(r.out, /\nFAIL {2}signed call {2}refused: SignatureDoesNotMatch \(RequestId \S+\)/);
    assert.ok(!r.out.includes(wrong) && !r.err.includes(wrong));
  });

  it('does not call an endpoint ok when what answers is not Aliyun (a proxy page, a server error)', async () => {
    let status = 400;
    const other = createServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'text/html' });
      res.end('<html>Bad Request</html>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    try {
      const html = await doctor(['--endpoint', url, '--no-signed-call']);
      assert.match(
        html.out,
        /\nwarn {2}endpoint {5}\S+ answered HTTP 400 \(text\/html\) in \d+ ms, but not like Aliyun/,
      );
      status = 502;
      const broken = await doctor(['--endpoint', url, '--no-signed-call', '--json']);
      assert.equal(broken.code, 1);
      const report = JSON.parse(broken.out) as {
        ok: boolean;
        checks: { verdict: string; name: string; detail: string }[];
      };
      assert.equal(report.ok, false);
      assert.deepEqual(
        report.checks.find((c) => c.name === 'endpoint'),
        { verdict: 'FAIL', name: 'endpoint', detail: report.checks[1]?.detail },
      );
      assert.match(JSON.stringify(report.checks[1]), /answered HTTP 502/);
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('prints one JSON object with --json', async () => {
    const r = await doctor(['--endpoint', running.url, '--json']);
    assert.equal(r.code, 0, r.out + r.err);
    const report = JSON.parse(r.out) as { ok: boolean; checks: { verdict: string; name: string; detail: string }[] };
    assert.equal(report.ok, true);
    assert.deepEqual(
      report.checks.map((c) => [c.name, c.verdict]),
      [
        ['credentials', 'ok'],
        ['endpoint', 'ok'],
        ['clock', 'ok'],
        ['signed call', 'ok'],
      ],
    );
    assert.ok(!r.out.includes('testsecret'));
  });

  it('fails when the endpoint cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const r = await doctor(['--endpoint', `http://127.0.0.1:${port}`]);
    assert.equal(r.code, 1);
    assert.match(r.out, /\nFAIL {2}endpoint {5}not reachable: connect ECONNREFUSED/);
  });
});

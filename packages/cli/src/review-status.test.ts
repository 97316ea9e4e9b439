import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type RunningEmulator, startEmulator } from '@alisms/emulator';
import { run } from './run.js';
import { captureIo } from './shared/capture-io.js';

let running: RunningEmulator;
let home: string;

async function cli(args: string[]) {
  const captured = captureIo(
    {
      HOME: home,
      ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
      ALIBABA_CLOUD_ACCESS_KEY_ID: 'testid',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'testsecret',
    },
    home,
  );
  const code = await run([...args, '--endpoint', running.url], captured.io);
  return { code, out: captured.stdout(), err: captured.stderr() };
}

before(async () => {
  running = await startEmulator({
    delivery: false,
    config: {
      signs: [{ name: '阿里云短信测试', type: 'verification' }],
      templates: [
        { code: 'SMS_154950909', type: 'verification', content: '验证码${code}' },
        { code: 'SMS_900000001', type: 'notification', content: '通知${x}', status: 'rejected' },
      ],
    },
  });
  home = mkdtempSync(join(tmpdir(), 'alisms-cli-review-'));
  await fetch(`${running.url}/_emulator/api/templates/SMS_900000001/review`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'rejected', reason: '变量含义不明' }),
  });
});
after(async () => {
  await running.close();
  rmSync(home, { recursive: true, force: true });
});

describe('alisms sign-status / template-status', () => {
  it('an approved sign: a table and exit 0', async () => {
    const { code, out } = await cli(['sign-status', '阿里云短信测试']);
    assert.equal(code, 0);
    assert.match(out, /state\s+approved/);
    assert.match(out, /approved: ready to send/);
  });

  it('a rejected template: the reason, what to do, exit 1; --json carries the same', async () => {
    const table = await cli(['template-status', 'SMS_900000001']);
    assert.equal(table.code, 1);
    assert.match(table.out, /reason\s+变量含义不明/);
    assert.match(table.out, /rejected: fix it and resubmit/);
    const json = await cli(['template-status', 'SMS_900000001', '--json']);
    const parsed = JSON.parse(json.out) as { state: string; rejectInfo: string };
    assert.deepEqual([parsed.state, parsed.rejectInfo], ['rejected', '变量含义不明']);
  });

  it('an unknown sign is Aliyun’s error, exit 1', async () => {
    const { code, err } = await cli(['sign-status', '不存在的签名']);
    assert.equal(code, 1);
    assert.match(err, /isv\.SMS_SIGNATURE_ILLEGAL/);
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type RunningEmulator, startEmulator } from '@alisms/emulator';
import { SmsClient } from 'alisms';
import { run } from './run.js';
import { captureIo } from './shared/capture-io.js';

let running: RunningEmulator;
let home: string;
let bizId: string;

function env(): NodeJS.ProcessEnv {
  return {
    HOME: home,
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
    ALIBABA_CLOUD_ACCESS_KEY_ID: 'testid',
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'testsecret',
  };
}

async function query(args: string[]) {
  const captured = captureIo(env(), home);
  const code = await run(['query', '--endpoint', running.url, ...args], captured.io);
  return { code, out: captured.stdout(), err: captured.stderr() };
}

before(async () => {
  running = await startEmulator({ port: 0, delivery: false });
  home = mkdtempSync(join(tmpdir(), 'alisms-cli-query-'));
  const sms = new SmsClient({ accessKeyId: 'testid', accessKeySecret: 'testsecret', endpoint: running.url });
  try {
    const sent = await sms.sendSms({
      phoneNumbers: '13900139000',
      signName: '阿里云短信测试',
      templateCode: 'SMS_154950909',
      templateParam: { code: '4321' },
      outId: 'ref-7',
    });
    bizId = sent.bizId;
  } finally {
    sms.close();
  }
});
after(async () => {
  await running.close();
  rmSync(home, { recursive: true, force: true });
});

describe('alisms query', () => {
  it('prints today’s records as a table with the number masked and no message content', async () => {
    const r = await query(['--phone', '13900139000']);
    assert.equal(r.code, 0, r.err);
    const [head, rule, row, ...rest] = r.out.split('\n');
    assert.match(head ?? '', /^phone +status +code +template +sent \(UTC\+8\) +received \(UTC\+8\) +out id$/);
    assert.match(rule ?? '', /^-+ +-+/);
    assert.match(row ?? '', /^139\*\*\*\*9000 +waiting +SMS_154950909 +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +ref-7$/);
    assert.match(rest.join('\n'), /^1 of 1 record\(s\), page 1; RequestId \S+\n$/);
    assert.ok(!r.out.includes('4321'), 'the verification code stays out of the table');
  });

  it('prints JSON with --json, narrowed by --biz-id', async () => {
    const r = await query(['--phone', '13900139000', '--biz-id', bizId, '--json']);
    assert.equal(r.code, 0, r.err);
    const result = JSON.parse(r.out) as { totalCount: number; details: { outId: string; content: string }[] };
    assert.equal(result.totalCount, 1);
    assert.equal(result.details[0]?.outId, 'ref-7');
    assert.match(result.details[0]?.content ?? '', /4321/);
    const other = await query(['--phone', '13900139000', '--biz-id', 'no-such-biz-id', '--json']);
    assert.equal((JSON.parse(other.out) as { totalCount: number }).totalCount, 0);
  });

  it('says so when there are no records', async () => {
    const r = await query(['--phone', '13700137000']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^no records for this number on that day\n0 of 0 record\(s\)/);
  });

  it('rejects a malformed --date or --page-size with exit 2', async () => {
    const date = await query(['--phone', '13900139000', '--date', '2026-11-22']);
    assert.equal(date.code, 2);
    assert.match(date.err, /--date must be yyyyMMdd/);
    const size = await query(['--phone', '13900139000', '--page-size', '0']);
    assert.equal(size.code, 2);
    assert.match(size.err, /--page-size must be a positive integer/);
  });
});

import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  assertSentOnce,
  bulkSendArgs,
  cliEnv,
  messagesReach,
  phoneOf,
  readResults,
  SIGN,
  TEMPLATE,
  TEMPLATE_TEXT,
  useBulkEmulator,
  writeRecipients,
} from '../../../test/helpers/bulk.js';
import { run } from '../../cli/src/run.js';
import { captureIo } from '../../cli/src/shared/capture-io.js';
import { applyReceipts } from '../src/index.js';

const fx = useBulkEmulator();

describe('alisms bulk send against the emulator', () => {
  it('sends 5,000 rows exactly once, reports invalid rows, and resumes as a no-op', async () => {
    const input = join(fx.dir, 'recipients.csv');
    const valid = await writeRecipients(input, 5000, 250);
    const args = bulkSendArgs('recipients.csv', { qps: 400, out: 'results.csv' });
    const first = await fx.cli(args);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /4980 submitted, 0 failed, 20 invalid, 0 pending/);
    assert.match(first.stderr, /^invalid row 250: bad number$/m);
    assertSentOnce(fx.emulator, valid);

    const results = await readResults(join(fx.dir, 'results.csv'));
    assert.equal(results.length, 5000);
    assert.equal(results.filter((r) => r[2] === 'submitted').length, 4980);
    const invalid = results.filter((r) => r[2] === 'invalid');
    assert.equal(invalid.length, 20);
    assert.equal(invalid[0]?.[0], '250');
    assert.equal(invalid[0]?.[6], 'bad number');
    // (OutId, phone) traces each row to what the emulator holds.
    const stored = new Map(fx.emulator.emulator.store.list({ limit: 100_000 }).map((m) => [m.to, m]));
    for (const r of results.filter((x) => x[2] === 'submitted').slice(0, 200)) {
      assert.equal(stored.get(r[1] as string)?.outId, r[4]);
      assert.equal(stored.get(r[1] as string)?.bizId, r[3]);
    }

    const again = await fx.cli(args);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /0 calls/);
    assert.equal(fx.emulator.emulator.store.list({ limit: 100_000 }).length, 4980);
    const status = await fx.cli(['bulk', 'status', '--journal', 'recipients.csv.journal']);
    assert.equal(status.code, 0);
    assert.match(status.stdout, /50 batches submitted, 0 failed, 0 with an unknown outcome/);
  });

  it('applies delivery receipts to the results file and keeps them when the results are rebuilt', async () => {
    const input = join(fx.dir, 'small.csv');
    await writeRecipients(input, 30);
    const args = bulkSendArgs('small.csv', { qps: 200, out: 'small.out.csv' });
    assert.equal((await fx.cli(args)).code, 0);
    const out = join(fx.dir, 'small.out.csv');
    const rows = await readResults(out);
    const [a, b] = rows;
    const changed = await applyReceipts(out, [
      { biz_id: a?.[3], phone_number: a?.[1] as string, success: true, err_code: 'DELIVERED' },
      { biz_id: b?.[3], phone_number: `+86${b?.[1]}`, success: false, err_code: 'MOBILE_NOT_ON_SERVICE' },
      { biz_id: 'unknown', phone_number: '13900000000', success: true, err_code: 'DELIVERED' },
    ]);
    assert.equal(changed, 2);
    const after = await readResults(out);
    assert.deepEqual(after[0]?.slice(2, 3), ['delivered']);
    assert.deepEqual([after[1]?.[2], after[1]?.[5]], ['undelivered', 'MOBILE_NOT_ON_SERVICE']);
    assert.equal(after.filter((r) => r[2] === 'submitted').length, 28);
    assert.equal((await fx.cli(args)).code, 0);
    const rebuilt = await readResults(out);
    assert.equal(rebuilt[0]?.[2], 'delivered');
    assert.equal(rebuilt[1]?.[2], 'undelivered');
  });

  it('rides out throttling, 503s and dropped connections without failing or repeating a row', async () => {
    await fx.emulator.emulator.store.clear();
    const input = join(fx.dir, 'faults.csv');
    const valid = await writeRecipients(input, 1500);
    const faults = fx.emulator.emulator.faults;
    faults.add({ action: 'SendBatchSms', kind: 'throttling', count: 3 });
    faults.add({ action: 'SendBatchSms', kind: 'http5xx', status: 503, count: 1 });
    faults.add({ action: 'SendBatchSms', kind: 'drop', count: 1 });
    try {
      // The dropped call never reached Aliyun: unseen at its deadline, it is resent only on request.
      const more = ['--unknown-deadline', '3 s', '--resend-unknown'];
      const { code, stdout, stderr } = await fx.cli(
        bulkSendArgs('faults.csv', { qps: 200, out: 'faults.out.csv', more }),
      );
      assert.equal(code, 0, stderr);
      assert.match(stdout, /1500 submitted, 0 failed/);
      assert.match(stdout, /throttled 3 times/);
      assert.match(stdout, /calls reconciled/);
    } finally {
      faults.clear();
    }
    assertSentOnce(fx.emulator, valid);
  });

  it('packs rows with identical variables into SendSms calls of up to 1000 numbers', async () => {
    await fx.emulator.emulator.store.clear();
    const lines = ['phone,name', ...Array.from({ length: 2500 }, (_, i) => `${phoneOf(i)},everyone`)];
    await writeFile(join(fx.dir, 'same.csv'), `${lines.join('\n')}\n`);
    const { code, stdout } = await fx.cli(bulkSendArgs('same.csv', { qps: 100 }));
    assert.equal(code, 0);
    assert.match(stdout, /2500 submitted.*3 calls/);
    const stored = fx.emulator.emulator.store.list({ limit: 100_000 });
    assert.equal(stored.length, 2500);
    assert.ok(stored.every((m) => m.action === 'SendSms' && m.params?.name === 'everyone'));
    const perCall = new Map<string, number>();
    for (const m of stored) perCall.set(m.bizId as string, (perCall.get(m.bizId as string) ?? 0) + 1);
    assert.deepEqual(
      [...perCall.values()].sort((a, b) => a - b),
      [500, 1000, 1000],
    );
  });

  it('stops cleanly on SIGINT and resumes where it stopped', async () => {
    await fx.emulator.emulator.store.clear();
    const input = join(fx.dir, 'stop.csv');
    const valid = await writeRecipients(input, 3000);
    const args = bulkSendArgs('stop.csv', { qps: 50, out: 'stop.out.csv' });
    const stop = new AbortController();
    const captured = captureIo(cliEnv(fx.emulator.url), fx.dir);
    const stopped = run(args, { ...captured.io, stopSignal: stop.signal });
    await messagesReach(fx.emulator, 500);
    stop.abort('SIGINT');
    assert.equal(await stopped, 1);
    assert.match(captured.stderr(), /stopped before the end; re-run the same command to resume/);
    const partial = await readResults(join(fx.dir, 'stop.out.csv'));
    assert.equal(partial.length, 3000);
    assert.ok(partial.some((r) => r[2] === 'pending'));
    const resumed = await fx.cli(args);
    assert.equal(resumed.code, 0, resumed.stderr);
    assertSentOnce(fx.emulator, valid);
  });

  it('--dry-run validates and counts without sending', async () => {
    const input = join(fx.dir, 'dry.csv');
    await writeRecipients(input, 1000, 100);
    const before = fx.emulator.emulator.store.list({ limit: 100_000 }).length;
    const { code, stdout } = await fx.cli(
      bulkSendArgs('dry.csv', { more: ['--template-text', TEMPLATE_TEXT, '--dry-run'] }),
    );
    assert.equal(code, 0);
    assert.match(stdout, /invalid row 100: bad number/);
    assert.match(stdout, /rows 1000, valid 990, invalid 10/);
    assert.match(stdout, /calls 10 \(SendSms 0, SendBatchSms 10\)/);
    assert.match(stdout, /segments 990/);
    assert.match(stdout, /estimated billed messages 990/);
    assert.equal(fx.emulator.emulator.store.list({ limit: 100_000 }).length, before);
  });

  it('exits 2 on usage errors and 1 when the account refuses the template', async () => {
    assert.equal((await fx.cli(['bulk', 'send', 'dry.csv', '--template', TEMPLATE])).code, 2);
    const refused = await fx.cli([
      'bulk',
      'send',
      'dry.csv',
      '--sign',
      SIGN,
      '--template',
      'SMS_404',
      '--journal',
      'x.journal',
    ]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /stopped: isv\.SMS_TEMPLATE_ILLEGAL/);
  });
});

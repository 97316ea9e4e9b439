import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fakeBulkJob, fakePhone } from '../../../test/helpers/bulk-fake.js';
import { type FakeBulkPort, fakeApiError } from './fake-port.js';
import { Journal } from './journal.js';
import { JournalMismatchError } from './journal-mismatch-error.js';
import { planJob } from './plan.js';
import { fingerprintOf, runBulkJob } from './runner.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alisms-bulk-run-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fixture(rows: number, invalidEvery = 0) {
  const lines = Array.from({ length: rows }, (_, i) => {
    const phone = invalidEvery && i % invalidEvery === invalidEvery - 1 ? 'nope' : fakePhone(i);
    return `${phone},${i % 7 === 0 ? 'same' : `n${i}`}`;
  });
  return fakeBulkJob(dir, lines);
}

async function resultsOf(path: string) {
  const lines = (await readFile(path, 'utf8')).trim().split('\n').slice(1);
  return lines.map((l) => l.split(','));
}

function assertEachOnce(port: FakeBulkPort, expected: number) {
  const phones = port.sent.map((s) => s.phone);
  assert.equal(new Set(phones).size, phones.length, 'a number was sent twice');
  assert.equal(phones.length, expected);
}

describe('runBulkJob', () => {
  it('sends every valid row once and accounts for every row in the results', async () => {
    const { port, options } = await fixture(1234, 100);
    const summary = await runBulkJob(options);
    assert.equal(summary.outcome, 'done');
    assert.equal(summary.rows, 1234);
    assert.equal(summary.invalid, 12);
    assert.equal(summary.submitted, 1222);
    assertEachOnce(port, 1222);
    const results = await resultsOf(options.resultsPath as string);
    assert.equal(results.length, 1234);
    assert.deepEqual(
      [...new Set(results.map((r) => Number(r[0])))].sort((a, b) => a - b),
      Array.from({ length: 1234 }, (_, i) => i + 1),
    );
    assert.equal(results.filter((r) => r[2] === 'invalid').length, 12);
    // Every sent row is traceable: its OutId and number are in the results.
    const byPhone = new Map(results.map((r) => [r[1], r]));
    for (const s of port.sent) assert.equal(byPhone.get(s.phone)?.[4], s.outId);
  });

  it('backs off on throttling instead of failing rows', async () => {
    const { port, options, clock } = await fixture(500);
    port.script = (call) => (call === 2 || call === 3 ? fakeApiError('ThrottlingError', 'Throttling.User') : 'ok');
    const start = clock.now();
    const summary = await runBulkJob(options);
    assert.equal(summary.throttled, 2);
    assert.equal(summary.failed, 0);
    assertEachOnce(port, 500);
    assert.ok(clock.now() - start >= 125, 'the job paused after throttling');
  });

  it('looks up a call whose answer was lost instead of sending it again', async () => {
    const { port, options } = await fixture(300);
    port.script = (call) => (call === 2 ? 'lost' : 'ok');
    const summary = await runBulkJob(options);
    assert.equal(summary.reconciled, 1);
    assert.ok(port.queryCalls >= 1);
    assertEachOnce(port, 300);
    assert.equal(summary.submitted, 300);
  });

  it('with resendUnknown, resends a lost call that Aliyun never listed by its deadline, and fails rows Aliyun rejects', async () => {
    const { port, options: base } = await fixture(300);
    const options = { ...base, resendUnknown: true };
    port.script = (call) =>
      call === 2
        ? fakeApiError('SendOutcomeUnknownError', 'ALISMS_OUTCOME_UNKNOWN')
        : call === 3
          ? // A refusal of the whole call (a row-specific one would split the batch: see split.test.ts).
            fakeApiError('AliyunApiError', 'isv.MOBILE_COUNT_OVER_LIMIT')
          : 'ok';
    const summary = await runBulkJob(options);
    assert.ok(summary.failed > 0);
    assert.equal(summary.submitted + summary.failed, 300);
    assertEachOnce(port, summary.submitted);
    const results = await resultsOf(options.resultsPath as string);
    assert.equal(
      results.filter((r) => r[2] === 'failed' && r[5] === 'isv.MOBILE_COUNT_OVER_LIMIT').length,
      summary.failed,
    );
  });

  it('stops on an account-wide error and resumes later without resending', async () => {
    const { port, options } = await fixture(600);
    port.script = (call) => (call >= 3 ? fakeApiError('AliyunApiError', 'isv.AMOUNT_NOT_ENOUGH') : 'ok');
    const first = await runBulkJob({ ...options, concurrency: 1 });
    assert.equal(first.outcome, 'fatal');
    assert.equal(first.error?.code, 'isv.AMOUNT_NOT_ENOUGH');
    assert.ok(first.pending > 0);
    const results = await resultsOf(options.resultsPath as string);
    assert.equal(results.filter((r) => r[2] === 'pending').length, first.pending);
    port.script = () => 'ok';
    const second = await runBulkJob(options);
    assert.equal(second.outcome, 'done');
    assert.ok(second.resumed > 0);
    assertEachOnce(port, 600);
  });

  it('after a crash, reconciles calls that were journaled as sending before anything is resent', async () => {
    const { port, options, clock, input } = await fixture(250);
    const journal = await Journal.open(`${input}.journal`, await fingerprintOf(options));
    const batches = [];
    for await (const item of planJob(options)) if (item.kind === 'batch') batches.push(item.batch);
    // The crash: batch 0 reached Aliyun, batch 1 did not; neither outcome made it to the journal.
    await journal.appendDurable({ t: 'send', b: 0, at: clock.now() });
    await journal.appendDurable({ t: 'send', b: 1, at: clock.now() });
    await journal.close();
    await port.sendBatchSms({
      templateCode: 'SMS_1',
      messages: (batches[0]?.rows ?? []).map((r) => ({
        phoneNumber: r.phone,
        signName: 'Acme',
        templateParam: r.params,
      })),
      outId: `${journal.jobId}-0`,
    });
    const summary = await runBulkJob(options);
    // Batch 0 is found; batch 1 is never listed, so it stays unknown (resent only on request).
    assert.ok(summary.reconciled >= 2);
    assert.equal(summary.unknown, batches[1]?.rows.length);
    assertEachOnce(port, 250 - summary.unknown);
    const resent = await runBulkJob({ ...options, resendUnknown: true });
    assert.equal(resent.unknown, 0);
    assertEachOnce(port, 250);
  });

  it('refuses to resume a journal written for another template', async () => {
    const { options } = await fixture(10);
    await runBulkJob(options);
    await assert.rejects(runBulkJob({ ...options, templateCode: 'SMS_2' }), JournalMismatchError);
  });
});

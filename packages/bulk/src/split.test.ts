import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fakeBulkJob, fakePhone } from '../../../test/helpers/bulk-fake.js';
import { seededRandom } from '../../../test/helpers/seeded.js';
import type { BulkSmsPort } from './port.js';
import { runBulkJob } from './runner.js';
import { halvesOf, numberLimitRetryAt, partKey } from './split.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'alisms-bulk-split-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

function refusal(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { name: 'AliyunApiError', code });
}

async function resultsOf(path: string) {
  return (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
}

describe('split parts', () => {
  it('halves cover the range, in order, down to single rows', () => {
    const rng = seededRandom();
    for (let n = 0; n < 50; n++) {
      const size = 2 + Math.floor(rng.next() * 999);
      const [a, b] = halvesOf({ start: 0, end: size });
      assert.equal(a.end, b.start, `seed ${rng.seed}`);
      assert.equal(b.end, size);
      assert.ok(a.end - a.start >= 1 && b.end - b.start >= 1);
    }
    assert.equal(partKey({ start: 3, end: 7 }), '3-7');
  });

  it('a refused number may be retried when the natural minute or hour turns; a day window is not waited for', () => {
    const now = Date.UTC(2026, 5, 1, 4, 3, 20, 500);
    assert.equal(numberLimitRetryAt('minute', now), Date.UTC(2026, 5, 1, 4, 4, 1));
    assert.equal(numberLimitRetryAt('hour', now), Date.UTC(2026, 5, 1, 5, 0, 1));
    assert.equal(numberLimitRetryAt('day', now), undefined);
  });
});

describe('runBulkJob: a batch refused for one row', () => {
  it('finds the refused number by halving: it fails with the reason, every other row is sent once', async () => {
    const bad = fakePhone(37);
    const lines = Array.from({ length: 100 }, (_, i) => `${fakePhone(i)},n${i}`);
    const { port, options } = await fakeBulkJob(dir, lines);
    const inner = port.sendBatchSms.bind(port);
    port.sendBatchSms = async (request) => {
      if (request.messages.some((m) => m.phoneNumber === bad)) throw refusal('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
      return inner(request);
    };
    const summary = await runBulkJob(options);
    assert.equal(summary.submitted, 99);
    assert.equal(summary.failed, 1);
    assert.equal(new Set(port.sent.map((s) => s.phone)).size, 99);
    // Halving 100 rows down to one: two calls per level, 7 levels, plus the first call.
    assert.ok(summary.calls <= 1 + 2 * 7, `${summary.calls} calls`);
    const results = await resultsOf(options.resultsPath as string);
    const failed = results.filter((r) => r[2] === 'failed');
    assert.deepEqual(
      failed.map((r) => [r[0], r[5]]),
      [['38', 'isv.MOBILE_NUMBER_ILLEGAL']],
    );
    // Each row's OutId is the one its number was sent with.
    const byPhone = new Map(results.map((r) => [r[1], r[4]]));
    for (const s of port.sent) assert.equal(byPhone.get(s.phone), s.outId);
  });

  it('a refusal of the whole call (too many numbers) is not split', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => `${fakePhone(i)},n${i}`);
    const { port, options } = await fakeBulkJob(dir, lines);
    port.script = () => refusal('isv.MOBILE_COUNT_OVER_LIMIT', 'too many');
    const summary = await runBulkJob(options);
    assert.equal(summary.failed, 100);
    assert.equal(summary.calls, 1);
  });

  it('resumes a split batch after a stop: parts already sent are not sent again', async () => {
    const bad = fakePhone(90);
    const lines = Array.from({ length: 100 }, (_, i) => `${fakePhone(i)},n${i}`);
    const { port, options } = await fakeBulkJob(dir, lines);
    const stop = new AbortController();
    const inner = port.sendBatchSms.bind(port);
    port.sendBatchSms = async (request) => {
      if (request.messages.some((m) => m.phoneNumber === bad)) throw refusal('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
      const answer = await inner(request);
      // Stopped right after the first part went through (rows 0-49).
      stop.abort();
      return answer;
    };
    const first = await runBulkJob({ ...options, signal: stop.signal });
    assert.equal(first.outcome, 'stopped');
    assert.equal(first.submitted, 50);
    const second = await runBulkJob(options);
    assert.equal(second.outcome, 'done');
    assert.equal(second.resumed, 50);
    assert.equal(second.submitted, 99);
    assert.equal(second.failed, 1);
    const phones = port.sent.map((s) => s.phone);
    assert.equal(new Set(phones).size, phones.length, 'a number was sent twice');
    assert.equal(phones.length, 99);
  });

  it('spaces a number refused by a minute window: tried again when the minute turns, not failed', async () => {
    // Row 0 and row 150 share a number: a verification-like per-minute limit of 1 refuses the second.
    const lines = Array.from({ length: 200 }, (_, i) => `${fakePhone(i === 150 ? 0 : i)},n${i}`);
    const { port, clock, options } = await fakeBulkJob(dir, lines, { concurrency: 1 });
    const lastSend = new Map<string, number>();
    const inner = port.sendBatchSms.bind(port);
    port.sendBatchSms = async (request: Parameters<BulkSmsPort['sendBatchSms']>[0]) => {
      const minute = Math.floor(clock.now() / 60_000);
      if (request.messages.some((m) => lastSend.get(m.phoneNumber) === minute))
        throw refusal('isv.BUSINESS_LIMIT_CONTROL', '触发分钟级流控Permits:1');
      for (const m of request.messages) lastSend.set(m.phoneNumber, minute);
      return inner(request);
    };
    const started = clock.now();
    const summary = await runBulkJob(options);
    assert.equal(summary.failed, 0);
    assert.equal(summary.submitted, 200);
    assert.equal(summary.spaced, 1);
    const twice = port.sent.filter((s) => s.phone === fakePhone(0)).map((s) => s.visibleAt);
    assert.equal(twice.length, 2);
    assert.ok(Math.floor((twice[1] as number) / 60_000) > Math.floor(started / 60_000), 'sent in a later minute');
  });

  it('fails a number refused by the day window at once', async () => {
    const lines = Array.from({ length: 20 }, (_, i) => `${fakePhone(i)},n${i}`);
    const { port, options } = await fakeBulkJob(dir, lines);
    const inner = port.sendBatchSms.bind(port);
    port.sendBatchSms = async (request) => {
      if (request.messages.some((m) => m.phoneNumber === fakePhone(5)))
        throw refusal('isv.BUSINESS_LIMIT_CONTROL', '触发天级流控Permits:50');
      return inner(request);
    };
    const summary = await runBulkJob(options);
    assert.equal(summary.failed, 1);
    assert.equal(summary.spaced, 0);
    assert.equal(summary.submitted, 19);
  });
});

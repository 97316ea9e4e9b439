// Issue 11, case 10: one row's problem must not fail its neighbours. Against the emulator, whose
// per-number flow control (notifications: 50 per number, sign and template per rolling 24 h) and
// 500-character message cap are Aliyun's (docs/aliyun-api.md 4.8, copied in test/fixtures/bulk/limits.md).
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { SmsClient } from 'alisms';
import {
  bulkSendArgs,
  cliEnv,
  phoneOf,
  readResults,
  SIGN,
  sentPerPhone,
  TEMPLATE,
  useBulkEmulator,
} from '../../../test/helpers/bulk.js';
import { dropBulkQueues } from '../../../test/helpers/bulk-queue.js';
import { pollUntil, REDIS_URL, redisReachable, redisSuiteOptions, testPrefix } from '../../../test/helpers/redis.js';
import { bulkJobStatus, enqueueBulkJob, startBulkWorker, writeQueuedResults } from '../src/queue/index.js';

const fx = useBulkEmulator();
const reachable = await redisReachable();
const prefix = testPrefix();
after(async () => {
  if (reachable) await dropBulkQueues([prefix]);
});

/** 6,000 rows: one number 60 times (every 100th row, each with its own name), one value too long. */
async function writeCase(path: string, REPEATED: string): Promise<{ long: number }> {
  const lines = ['phone,name'];
  const long = 3333;
  for (let i = 0; i < 6000; i++) {
    if (i % 100 === 50) lines.push(`${REPEATED},r${i}`);
    // Under the 500-character cap alone, over it once rendered in the template (a row only the
    // emulator can refuse: no --template-text here).
    else if (i === long) lines.push(`${phoneOf(i)},${'x'.repeat(470)}`);
    else lines.push(`${phoneOf(i)},n${i}`);
  }
  await writeFile(path, `${lines.join('\n')}\n`);
  return { long: long + 1 };
}

describe('bulk send: a batch refused for one row is split, the others are resent', () => {
  it('one number 60 times among 6,000 rows fails 10 rows, not 1,000; a value too long fails its row only', async (t) => {
    const REPEATED = phoneOf(9_999_999);
    const { long } = await writeCase(join(fx.dir, 'repeat.csv'), REPEATED);
    const run = await fx.cli(bulkSendArgs('repeat.csv', { qps: 500, out: 'repeat.results.csv' }));
    assert.equal(run.code, 1, `${run.stdout}\n${run.stderr}`);
    const results = await readResults(join(fx.dir, 'repeat.results.csv'));
    assert.equal(results.length, 6000);
    const failed = results.filter((r) => r[2] === 'failed');
    t.diagnostic(`failed rows: ${failed.map((r) => `${r[0]} ${r[5]}`).join('; ')}`);
    assert.equal(failed.length, 11);
    assert.equal(failed.filter((r) => r[5] === 'isv.BUSINESS_LIMIT_CONTROL').length, 10);
    assert.deepEqual(
      failed.filter((r) => r[5] === 'isv.PARAM_LENGTH_LIMIT').map((r) => Number(r[0])),
      [long],
    );
    assert.equal(results.filter((r) => r[2] === 'submitted').length, 5989);
    const sent = sentPerPhone(fx.emulator);
    assert.equal(sent.get(REPEATED), 50);
    assert.equal(sent.size, 6000 - 60 + 1 - 1, 'every other number once');
    assert.equal(run.stdout.includes('submitted'), true);
    for (const [phone, n] of sent) if (phone !== REPEATED) assert.equal(n, 1, `${phone} sent ${n} times`);
    // Each submitted row carries the OutId of the call that sent it (a part's own, after a split).
    const byOutId = new Map<string, number>();
    for (const r of results)
      if (r[2] === 'submitted') byOutId.set(r[4] as string, (byOutId.get(r[4] as string) ?? 0) + 1);
    assert.ok(
      [...byOutId.keys()].some((id) => /-\d+\.\d+-\d+$/.test(id)),
      'parts have OutIds of their own',
    );
  });

  it(
    'the same through the queue: workers split the batch, the results file names the culprits',
    redisSuiteOptions(reachable),
    async () => {
      await fx.emulator.emulator.store.clear();
      // Another number (the first test used up the day's 50 for its own).
      const REPEATED = phoneOf(9_999_998);
      const input = join(fx.dir, 'queued-repeat.csv');
      const { long } = await writeCase(input, REPEATED);
      const spec = { input, signName: SIGN, templateCode: TEMPLATE };
      const queued = await enqueueBulkJob({ redisUrl: REDIS_URL, prefix, spec, qps: 500 });
      const port = new SmsClient({ env: cliEnv(fx.emulator.url), retries: 0, endpoint: fx.emulator.url });
      const workers = await Promise.all(
        [0, 1].map(() => startBulkWorker({ redisUrl: REDIS_URL, prefix, port, concurrency: 4 })),
      );
      try {
        await pollUntil(async () => {
          const s = await bulkJobStatus({ redisUrl: REDIS_URL, prefix, jobId: queued.jobId });
          return s?.batchesDone === queued.batches;
        });
      } finally {
        await Promise.all(workers.map((w) => w.close()));
      }
      const status = await bulkJobStatus({ redisUrl: REDIS_URL, prefix, jobId: queued.jobId });
      assert.equal(status?.failed, 11);
      assert.equal(status?.submitted, 5989);
      const sent = sentPerPhone(fx.emulator);
      assert.equal(sent.get(REPEATED), 50);
      for (const [phone, n] of sent) if (phone !== REPEATED) assert.equal(n, 1, `${phone} sent ${n} times`);
      const out = join(fx.dir, 'queued-repeat.results.csv');
      await writeQueuedResults({ redisUrl: REDIS_URL, prefix, jobId: queued.jobId }, out);
      const results = await readResults(out);
      assert.equal(results.length, 6000);
      const failed = results.filter((r) => r[2] === 'failed');
      assert.equal(failed.filter((r) => r[5] === 'isv.BUSINESS_LIMIT_CONTROL').length, 10);
      assert.deepEqual(
        failed.filter((r) => r[5] === 'isv.PARAM_LENGTH_LIMIT').map((r) => Number(r[0])),
        [long],
      );
      // Each submitted row names the call that sent it: the emulator has a message with that OutId.
      const outIds = new Set(fx.emulator.emulator.store.list({ limit: 100_000 }).map((m) => m.outId));
      for (const r of results) if (r[2] === 'submitted') assert.ok(outIds.has(r[4]), `row ${r[0]}: ${r[4]}`);
    },
  );
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { readResults, SIGN, TEMPLATE, useTempDir, writeRecipients } from '../../../test/helpers/bulk.js';
import { dropBulkQueues } from '../../../test/helpers/bulk-queue.js';
import { pollUntil, REDIS_URL, redisReachable, redisSuiteOptions, testPrefix } from '../../../test/helpers/redis.js';
import { FakeBulkPort, fakeApiError, planJob } from '../src/index.js';
import {
  bulkJobStatus,
  bulkKeys,
  enqueueBulkJob,
  type RunningBulkWorker,
  startBulkWorker,
  writeQueuedResults,
} from '../src/queue/index.js';

const reachable = await redisReachable();
const prefix = testPrefix();
const temp = useTempDir();
let redis: Redis;

before(() => {
  if (reachable) redis = new Redis(REDIS_URL);
});
after(async () => {
  if (!reachable) return;
  await redis.quit();
  await dropBulkQueues([prefix]);
});

describe('bulk worker recovery', redisSuiteOptions(reachable), () => {
  it('reconciles a batch left "sending" by a dead worker, and parks account-wide failures in the failed set', async () => {
    const input = join(temp.dir, 'recover.csv');
    const valid = await writeRecipients(input, 400);
    const spec = { input, signName: SIGN, templateCode: TEMPLATE };
    const enqueued = await enqueueBulkJob({ redisUrl: REDIS_URL, prefix, spec, qps: 1000, attempts: 2 });
    assert.equal(enqueued.batches, 4);
    const port = new FakeBulkPort();
    // A worker died after batch 0's call reached Aliyun and before it recorded the outcome.
    const batches = [];
    for await (const item of planJob(spec)) if (item.kind === 'batch') batches.push(item.batch);
    await port.sendBatchSms({
      templateCode: TEMPLATE,
      messages: (batches[0]?.rows ?? []).map((r) => ({
        phoneNumber: r.phone,
        signName: SIGN,
        templateParam: r.params,
      })),
      outId: `${enqueued.jobId}-0`,
    });
    await redis.hset(bulkKeys(prefix, enqueued.jobId).sending, '0', Date.now());
    // Call 1 is throttled (retried without failing), batch 3's first call hits an empty balance.
    port.script = (call) =>
      call === 2
        ? fakeApiError('ThrottlingError', 'Throttling.User')
        : call === 4
          ? fakeApiError('AliyunApiError', 'isv.AMOUNT_NOT_ENOUGH')
          : 'ok';

    let worker: RunningBulkWorker | undefined;
    try {
      worker = await startBulkWorker({ redisUrl: REDIS_URL, prefix, port, concurrency: 1 });
      await pollUntil(async () => {
        const s = await bulkJobStatus({ redisUrl: REDIS_URL, prefix, jobId: enqueued.jobId });
        return (s?.batchesDone ?? 0) + (s?.failedBatches.length ?? 0) >= 4;
      });
    } finally {
      await worker?.close();
    }
    const phones = port.sent.map((s) => s.phone);
    assert.equal(new Set(phones).size, phones.length, 'a number was sent twice');
    assert.equal(phones.length, 300);
    assert.ok(port.queryCalls >= 1, 'the sending batch was looked up');
    const status = await bulkJobStatus({ redisUrl: REDIS_URL, prefix, jobId: enqueued.jobId });
    assert.equal(status?.submitted, 300);
    assert.equal(status?.failedBatches.length, 1);
    assert.match(status?.failedBatches[0]?.reason ?? '', /isv\.AMOUNT_NOT_ENOUGH/);
    const out = join(temp.dir, 'recover.results.csv');
    assert.equal(await writeQueuedResults({ redisUrl: REDIS_URL, prefix, jobId: enqueued.jobId }, out), valid.size);
    const results = await readResults(out);
    assert.equal(results.filter((r) => r[2] === 'submitted').length, 300);
    assert.equal(results.filter((r) => r[2] === 'failed' && r[5] === 'ALISMS_BATCH_FAILED').length, 100);
  });
});

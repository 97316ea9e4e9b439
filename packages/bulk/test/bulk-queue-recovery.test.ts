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

  // The CI hang of bulk-queue.test.ts: a worker SIGKILLed after it marked a batch `sending` and before
  // its request left. Aliyun never lists that call, so at its deadline the batch was recorded
  // `unknown` and never sent: the test waited forever for its rows. Such a batch is now resent when
  // the job asks for it (`--resend-unknown`, at enqueue or on the worker), or by enqueueing it again.
  it('resends a batch whose worker died before its call left, only when the job asks for it', async () => {
    const input = join(temp.dir, 'never-left.csv');
    const valid = await writeRecipients(input, 200);
    const spec = { input, signName: SIGN, templateCode: TEMPLATE };
    // A zero deadline: the one look-up at the deadline settles it, with no waiting in the test.
    const enqueue = (resendUnknown: boolean) =>
      enqueueBulkJob({ redisUrl: REDIS_URL, prefix, spec, qps: 1000, unknownDeadlineMs: 0, resendUnknown });
    const first = await enqueue(false);
    assert.equal(first.batches, 2);
    const keys = bulkKeys(prefix, first.jobId);
    // The dead worker's mark on batch 0; nothing reached the fake.
    await redis.hset(keys.sending, '0', Date.now() - 1000);
    const port = new FakeBulkPort();
    const drain = async () => {
      const worker = await startBulkWorker({ redisUrl: REDIS_URL, prefix, port, concurrency: 2 });
      try {
        await pollUntil(async () => {
          const s = await bulkJobStatus({ redisUrl: REDIS_URL, prefix, jobId: first.jobId });
          return s?.batchesDone === 2;
        });
      } finally {
        await worker.close();
      }
      return bulkJobStatus({ redisUrl: REDIS_URL, prefix, jobId: first.jobId });
    };
    let status = await drain();
    assert.equal(status?.unknown, 100, 'unseen at its deadline, not resent without --resend-unknown');
    assert.equal(port.sent.length, 100);

    // Enqueueing again with --resend-unknown queues the unknown batch again; the worker sends it once.
    const again = await enqueue(true);
    assert.equal(again.jobId, first.jobId);
    assert.equal(again.requeued, 1);
    status = await drain();
    assert.equal(status?.unknown, 0);
    assert.equal(status?.submitted, 200);
    const phones = port.sent.map((m) => m.phone);
    assert.equal(new Set(phones).size, phones.length, 'a number was sent twice');
    assert.deepEqual(new Set(phones), valid);
  });

  it('resends at the deadline when the job was enqueued with resendUnknown, and a call that did land is not resent', async () => {
    const input = join(temp.dir, 'resend.csv');
    const valid = await writeRecipients(input, 300);
    const spec = { input, signName: SIGN, templateCode: TEMPLATE };
    const queued = await enqueueBulkJob({
      redisUrl: REDIS_URL,
      prefix,
      spec,
      qps: 1000,
      unknownDeadlineMs: 0,
      resendUnknown: true,
    });
    const keys = bulkKeys(prefix, queued.jobId);
    const port = new FakeBulkPort();
    const batches = [];
    for await (const item of planJob(spec)) if (item.kind === 'batch') batches.push(item.batch);
    // Batch 0: the dead worker's call landed. Batch 1: it never left. Both marked `sending`.
    await port.sendBatchSms({
      templateCode: TEMPLATE,
      messages: (batches[0]?.rows ?? []).map((r) => ({
        phoneNumber: r.phone,
        signName: SIGN,
        templateParam: r.params,
      })),
      outId: `${queued.jobId}-0`,
    });
    await redis.hset(keys.sending, '0', Date.now() - 1000, '1', Date.now() - 1000);
    const worker = await startBulkWorker({ redisUrl: REDIS_URL, prefix, port, concurrency: 3 });
    try {
      await pollUntil(async () => {
        const s = await bulkJobStatus({ redisUrl: REDIS_URL, prefix, jobId: queued.jobId });
        return s?.batchesDone === 3;
      });
    } finally {
      await worker.close();
    }
    const phones = port.sent.map((m) => m.phone);
    assert.equal(new Set(phones).size, phones.length, 'a number was sent twice');
    assert.deepEqual(new Set(phones), valid);
    const status = await bulkJobStatus({ redisUrl: REDIS_URL, prefix, jobId: queued.jobId });
    assert.equal(status?.submitted, 300);
    assert.equal(status?.sending, 0);
  });

  it('waits an outage out with backoff up to --max-wait, saying why, then parks the batch in the failed set', async () => {
    const input = join(temp.dir, 'outage.csv');
    await writeRecipients(input, 200);
    const spec = { input, signName: SIGN, templateCode: TEMPLATE };
    const queued = await enqueueBulkJob({
      redisUrl: REDIS_URL,
      prefix,
      spec,
      qps: 1000,
      maxWaitMs: 60_000,
      attempts: 1,
    });
    // A manual clock moved by the worker's sleeps: backoff without waiting in the test.
    let now = Date.now();
    const sleeps: number[] = [];
    const sleep = async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    };
    const port = new FakeBulkPort();
    const refused = () => fakeApiError('TransportError', 'ECONNREFUSED');
    // Batch 0 (calls 1-4): refused three times, then through. Batch 1: refused for good.
    let batch0Calls = 0;
    port.script = () => 'ok';
    const reasons: Array<string | undefined> = [];
    const original = port.sendBatchSms.bind(port);
    port.sendBatchSms = async (request) => {
      if (request.outId?.endsWith('-0') && ++batch0Calls <= 3) throw refused();
      if (request.outId?.endsWith('-1')) throw refused();
      return original(request);
    };
    const worker = await startBulkWorker({
      redisUrl: REDIS_URL,
      prefix,
      port,
      concurrency: 1,
      clock: { now: () => now },
      sleep,
      onWait: (reason) => reasons.push(reason),
    });
    try {
      await pollUntil(async () => {
        const s = await bulkJobStatus({ redisUrl: REDIS_URL, prefix, jobId: queued.jobId });
        return (s?.batchesDone ?? 0) + (s?.failedBatches.length ?? 0) === 2;
      });
    } finally {
      await worker.close();
    }
    const status = await bulkJobStatus({ redisUrl: REDIS_URL, prefix, jobId: queued.jobId });
    assert.equal(status?.submitted, 100, 'batch 0 went through after the outage, with its one attempt');
    assert.equal(status?.failedBatches.length, 1);
    assert.match(status?.failedBatches[0]?.reason ?? '', /ECONNREFUSED.*still failing after waiting 60 s/);
    assert.ok(
      reasons.some((r) => r && /ECONNREFUSED.*retrying in \d+ s/.test(r)),
      reasons.join('\n'),
    );
    assert.equal(reasons.at(-1)?.includes('ECONNREFUSED'), true);
    // Backoff grows, and the waits of the batch that never got through add up to --max-wait.
    assert.ok(sleeps.length >= 5, `${sleeps.length} waits`);
    assert.equal(status?.sending, 0);
  });
});

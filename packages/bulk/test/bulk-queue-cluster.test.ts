// Issue 13: the bulk queue and the worker on a real Redis Cluster (three masters with a replica each)
// and behind Sentinel, started by test/helpers/redis-topology.ts, pointed at them with the same flags as
// `alisms serve`.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  assertSentOnce,
  bulkSendArgs,
  cliEnv,
  messagesReach,
  spawnCli,
  useBulkEmulator,
  writeRecipients,
} from '../../../test/helpers/bulk.js';
import { pollUntil } from '../../../test/helpers/redis.js';
import {
  startCluster,
  startSentinel,
  type TestCluster,
  type TestSentinel,
  topologySuiteOptions,
} from '../../../test/helpers/redis-topology.js';
import { bulkJobStatus, queuePrefixOf } from '../src/queue/index.js';

const fx = useBulkEmulator();

describe('bulk send --queue and alisms worker on a Redis Cluster', topologySuiteOptions(), () => {
  let cluster: TestCluster;
  before(async () => {
    cluster = await startCluster();
  });
  after(() => cluster?.stop());

  it('enqueues with --redis-cluster, two workers send every row once, status and results read back', async () => {
    const nodes = cluster.addresses.slice(0, 2).join(',');
    const prefix = `bc${Math.random().toString(36).slice(2, 8)}`;
    const input = join(fx.dir, 'cluster.csv');
    const valid = await writeRecipients(input, 2000, 200);
    const topology = ['--redis-cluster', nodes, '--prefix', prefix];
    const enqueued = await fx.cli(bulkSendArgs('cluster.csv', { qps: 200, more: ['--queue', ...topology] }));
    assert.equal(enqueued.code, 0, enqueued.stderr);
    const jobId = /job (bq[0-9a-f]+)/.exec(enqueued.stdout)?.[1] as string;
    assert.match(enqueued.stdout, new RegExp(`alisms bulk status ${jobId} --redis-cluster ${nodes}`));

    const workers = [0, 1].map(() => spawnCli(['worker', ...topology, '--concurrency', '4'], cliEnv(fx.emulator.url)));
    const ref = { redis: { cluster: cluster.addresses }, prefix, jobId };
    try {
      await messagesReach(fx.emulator, valid.size);
      await pollUntil(async () => (await bulkJobStatus(ref))?.batchesDone === 20);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${workers.map((w) => w.output()).join('\n')}`);
    } finally {
      for (const w of workers) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.exit));
    }
    assertSentOnce(fx.emulator, valid);
    // Every key of the queue shares one hash tag, so BullMQ's and the job's scripts run on one slot.
    assert.equal(queuePrefixOf({ redis: { cluster: cluster.addresses }, prefix }), `{${prefix}}`);
    const shown = await fx.cli(['bulk', 'status', jobId, ...topology, '--out', 'cluster.results.csv']);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, new RegExp(`rows 2000: ${valid.size} submitted, 0 failed, 10 invalid, 0 pending`));
    assert.match(shown.stdout, /results: 2000 rows written/);
  });
});

describe('bulk send --queue and alisms worker behind Redis Sentinel', topologySuiteOptions(), () => {
  let sentinel: TestSentinel;
  before(async () => {
    sentinel = await startSentinel('bulkmaster');
  });
  after(() => sentinel?.stop());

  it('enqueues with --redis-sentinel --redis-master, a worker sends every row once', async () => {
    await fx.emulator.emulator.store.clear();
    const prefix = `bs${Math.random().toString(36).slice(2, 8)}`;
    const input = join(fx.dir, 'sentinel.csv');
    const valid = await writeRecipients(input, 500);
    const topology = [
      '--redis-sentinel',
      sentinel.sentinels.join(','),
      '--redis-master',
      'bulkmaster',
      '--prefix',
      prefix,
    ];
    const enqueued = await fx.cli(bulkSendArgs('sentinel.csv', { qps: 200, more: ['--queue', ...topology] }));
    assert.equal(enqueued.code, 0, enqueued.stderr);
    const jobId = /job (bq[0-9a-f]+)/.exec(enqueued.stdout)?.[1] as string;
    const worker = spawnCli(['worker', ...topology], cliEnv(fx.emulator.url));
    try {
      await messagesReach(fx.emulator, valid.size);
      await pollUntil(
        async () =>
          (
            await bulkJobStatus({
              redis: { sentinels: sentinel.sentinels, masterName: 'bulkmaster' },
              prefix,
              jobId,
            })
          )?.batchesDone === 5,
      );
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exit;
    }
    assertSentOnce(fx.emulator, valid);
    const usage = await fx.cli(bulkSendArgs('sentinel.csv', { more: ['--queue', '--redis-sentinel', 'x:1'] }));
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--redis-master/);
  });
});

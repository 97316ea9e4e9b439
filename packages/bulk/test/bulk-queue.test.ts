import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import {
  assertSentOnce,
  bulkSendArgs,
  cliEnv,
  messagesReach,
  readResults,
  spawnCli,
  useBulkEmulator,
  writeRecipients,
} from '../../../test/helpers/bulk.js';
import { dropBulkQueues, queueDrained } from '../../../test/helpers/bulk-queue.js';
import { REDIS_URL, redisReachable, redisSuiteOptions, testPrefix } from '../../../test/helpers/redis.js';
import { seededRandom } from '../../../test/helpers/seeded.js';
import { bulkJobStatus } from '../src/queue/index.js';

const reachable = await redisReachable();
const prefix = testPrefix();
// The second test has a queue of its own: BullMQ's stalled-check key keeps the interval of the
// workers that set it, and the first test's workers use the default one.
const prefix2 = `${prefix}b`;
const fx = useBulkEmulator();
after(async () => {
  if (reachable) await dropBulkQueues([prefix, prefix2]);
});

describe('bulk send --queue with three workers', redisSuiteOptions(reachable), () => {
  it('sends every valid row once across workers, idempotent re-enqueue', async (t) => {
    const qps = 15;
    const input = join(fx.dir, 'queued.csv');
    const valid = await writeRecipients(input, 6000, 300);
    const send = bulkSendArgs('queued.csv', { qps, more: ['--queue', REDIS_URL, '--prefix', prefix] });
    const enqueued = await fx.cli(send);
    assert.equal(enqueued.code, 0, enqueued.stderr);
    const jobId = /job (bq[0-9a-f]+)/.exec(enqueued.stdout)?.[1] as string;
    assert.ok(jobId, enqueued.stdout);

    const env = cliEnv(fx.emulator.url);
    const workers = [0, 1, 2].map(() =>
      spawnCli(['worker', '--redis', REDIS_URL, '--prefix', prefix, '--concurrency', '8'], env),
    );
    try {
      await messagesReach(fx.emulator, valid.size);
      await queueDrained(prefix);
      // Enqueueing the same file again adds nothing that gets sent.
      assert.equal((await fx.cli(send)).code, 0);
      await queueDrained(prefix);
    } finally {
      for (const w of workers) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.exit));
    }
    assert.ok(
      workers.every((w) => /worker stopped: \d+ batches done/.test(w.output())),
      workers.map((w) => w.output()).join('\n'),
    );
    const busy = workers.filter((w) => !/worker stopped: 0 batches done/.test(w.output())).length;
    assert.ok(busy >= 2, `only ${busy} worker(s) took batches`);

    assertSentOnce(fx.emulator, valid);

    // Rates are not asserted here (a busy CI machine would fail them): the shared limiter is tested
    // with an injected clock in src/queue/rate-limit.test.ts, and measured in bench/bulk.ts.
    assert.equal(
      new Set(fx.emulator.emulator.store.list({ limit: 100_000 }).map((m) => m.bizId)).size,
      60,
      'one call per batch',
    );
    t.diagnostic(`${busy} workers busy`);

    const status = await bulkJobStatus({ redisUrl: REDIS_URL, prefix, jobId });
    assert.equal(status?.submitted, valid.size);
    assert.equal(status?.batchesDone, 60);
    assert.equal(status?.sending, 0);
    const shown = await fx.cli([
      'bulk',
      'status',
      jobId,
      '--redis',
      REDIS_URL,
      '--prefix',
      prefix,
      '--out',
      'queued.results.csv',
    ]);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, new RegExp(`rows 6000: ${valid.size} submitted, 0 failed, 20 invalid, 0 pending`));
    const results = await readResults(join(fx.dir, 'queued.results.csv'));
    assert.equal(results.length, 6000);
    assert.equal(new Set(results.map((r) => r[0])).size, 6000);
    const overview = await fx.cli(['bulk', 'status', '--redis', REDIS_URL, '--prefix', prefix]);
    assert.match(overview.stdout, new RegExp(`job ${jobId}: ${valid.size}/${valid.size} rows done`));
  });

  it('loses nothing and sends nothing twice when a worker is killed with SIGKILL mid-run', async (t) => {
    await fx.emulator.emulator.store.clear();
    const input = join(fx.dir, 'killed.csv');
    const valid = await writeRecipients(input, 5000, 500);
    // A kill can land after a worker marked a batch `sending` and before its request left: Aliyun
    // never lists that call, and without --resend-unknown its rows end `unknown` (see
    // bulk-queue-recovery.test.ts). The emulator lists an accepted call at once, so a short deadline is safe.
    const send = bulkSendArgs('killed.csv', {
      qps: 30,
      more: ['--queue', REDIS_URL, '--prefix', prefix2, '--unknown-deadline', '3 s', '--resend-unknown'],
    });
    const enqueued = await fx.cli(send);
    assert.equal(enqueued.code, 0, enqueued.stderr);
    const jobId = /job (bq[0-9a-f]+)/.exec(enqueued.stdout)?.[1] as string;
    const env = cliEnv(fx.emulator.url);
    const args = ['worker', '--redis', REDIS_URL, '--prefix', prefix2, '--concurrency', '4', '--stall-timeout', '3000'];
    const workers = [0, 1, 2].map(() => spawnCli(args, env));
    const rng = seededRandom();
    const killAt = 500 + Math.floor(rng.next() * 2000);
    try {
      await messagesReach(fx.emulator, killAt);
      workers[0]?.child.kill('SIGKILL');
      await messagesReach(fx.emulator, valid.size);
      await queueDrained(prefix2);
    } catch (error) {
      // What the queue holds says which batch got stuck and how: printed with the seed to replay it.
      const status = await bulkJobStatus({ redisUrl: REDIS_URL, prefix: prefix2, jobId });
      const outputs = workers.map((w, i) => `worker ${i}: ${w.output()}`).join('\n');
      throw new Error(
        `seed ${rng.seed}, killed at ${killAt}: ${(error as Error).message}\n${JSON.stringify(status)}\n${outputs}`,
      );
    } finally {
      for (const w of workers.slice(1)) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.exit));
    }
    assertSentOnce(fx.emulator, valid);
    const status = await bulkJobStatus({ redisUrl: REDIS_URL, prefix: prefix2, jobId });
    t.diagnostic(
      `seed ${rng.seed}: killed a worker at ${killAt} messages; ${status?.calls} calls for ${status?.batches} batches`,
    );
    assert.equal(status?.submitted, valid.size);
    assert.equal(status?.failedBatches.length, 0);
    assert.equal(status?.sending, 0);
  });
});

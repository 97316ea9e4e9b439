import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { run } from '../src/cli/run.js';
import { captureIo } from '../src/cli/shared/capture-io.js';
import type { RunningEmulator } from '../src/emulator/index.js';
import { bulkJobStatus, openQueue, rateWindow } from '../src/queue/index.js';
import {
  cliEnv,
  messagesReach,
  readResults,
  SIGN,
  sentPerPhone,
  spawnCli,
  startBulkEmulator,
  TEMPLATE,
  tempDir,
  writeRecipients,
} from './bulk-harness.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch (error) {
    if (process.env.CI === 'true')
      throw new Error(`Redis unreachable at ${REDIS_URL} (CI must not skip)`, { cause: error });
    return false;
  } finally {
    probe.disconnect();
  }
}

const reachable = await redisReachable();
const prefix = `alismstest${randomBytes(4).toString('hex')}`;
let emulator: RunningEmulator;
let temp: Awaited<ReturnType<typeof tempDir>>;

before(async () => {
  emulator = await startBulkEmulator();
  temp = await tempDir();
});
after(async () => {
  await emulator.close();
  await temp.cleanup();
  if (!reachable) return;
  const queue = openQueue({ redisUrl: REDIS_URL, prefix });
  await queue.obliterate({ force: true });
  await queue.close();
  const redis = new Redis(REDIS_URL);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
});

async function cli(args: string[]) {
  const captured = captureIo(cliEnv(emulator.url), temp.dir);
  const code = await run(args, captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}

async function drained(): Promise<void> {
  const queue = openQueue({ redisUrl: REDIS_URL, prefix });
  try {
    for (;;) {
      const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (Object.values(c).every((n) => n === 0)) return;
      await new Promise((resolve) => setTimeout(resolve, 100)); // polling a condition, not timing an assertion
    }
  } finally {
    await queue.close();
  }
}

describe('bulk send --queue with three workers', {
  skip: reachable ? false : `Redis unreachable at ${REDIS_URL}`,
}, () => {
  it('sends every valid row once across workers, within 10% of the global QPS, idempotent re-enqueue', async (t) => {
    const qps = 15;
    const input = join(temp.dir, 'queued.csv');
    const valid = await writeRecipients(input, 6000, 300);
    const send = [
      'bulk',
      'send',
      'queued.csv',
      '--sign',
      SIGN,
      '--template',
      TEMPLATE,
      '--qps',
      String(qps),
      '--queue',
      REDIS_URL,
      '--prefix',
      prefix,
    ];
    const enqueued = await cli(send);
    assert.equal(enqueued.code, 0, enqueued.stderr);
    const jobId = /job (bq[0-9a-f]+)/.exec(enqueued.stdout)?.[1] as string;
    assert.ok(jobId, enqueued.stdout);

    const env = cliEnv(emulator.url);
    const workers = [0, 1, 2].map(() =>
      spawnCli(['worker', '--redis', REDIS_URL, '--prefix', prefix, '--concurrency', '4'], env),
    );
    try {
      await messagesReach(emulator, valid.size);
      await drained();
      // Enqueueing the same file again adds nothing that gets sent.
      assert.equal((await cli(send)).code, 0);
      await drained();
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

    const sent = sentPerPhone(emulator);
    assert.deepEqual(
      [...sent].filter(([, n]) => n > 1),
      [],
    );
    assert.equal(sent.size, valid.size);

    // The global rate, count-based: BullMQ lets `max` calls through at the start of each window, so
    // the calls after the first window, over the span from the first call to the last.
    const calls = new Map<string, number>();
    for (const m of emulator.emulator.store.list({ limit: 100_000 }))
      calls.set(m.bizId as string, Date.parse(m.sentAt));
    const times = [...calls.values()].sort((a, b) => a - b);
    const { max } = rateWindow(qps);
    const rate = ((times.length - max) * 1000) / ((times.at(-1) as number) - (times[0] as number));
    assert.equal(times.length, 60);
    t.diagnostic(`${busy} workers busy; achieved ${rate.toFixed(2)} calls/s for --qps ${qps}`);
    assert.ok(rate >= 0.9 * qps && rate <= 1.1 * qps, `achieved ${rate.toFixed(2)} calls/s for --qps ${qps}`);

    const status = await bulkJobStatus({ redisUrl: REDIS_URL, prefix, jobId });
    assert.equal(status?.submitted, valid.size);
    assert.equal(status?.batchesDone, 60);
    assert.equal(status?.sending, 0);
    const shown = await cli([
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
    const results = await readResults(join(temp.dir, 'queued.results.csv'));
    assert.equal(results.length, 6000);
    assert.equal(new Set(results.map((r) => r[0])).size, 6000);
    const overview = await cli(['bulk', 'status', '--redis', REDIS_URL, '--prefix', prefix]);
    assert.match(overview.stdout, new RegExp(`job ${jobId}: ${valid.size}/${valid.size} rows done`));
  });
});

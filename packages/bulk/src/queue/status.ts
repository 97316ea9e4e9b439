import { Queue } from 'bullmq';
import type { BatchJobData } from './batch-job.js';
import { type BulkRedis, type BulkRedisTarget, bullConnection, openRedis, prefixOf, targetOf } from './connection.js';
import { BULK_QUEUE_NAME, bulkJobsKey, bulkKeys } from './keys.js';

/** Where the bulk queue lives: the Redis URL and the key prefix. */
export interface QueueRef {
  /** `redis://host:6379`: one Redis server (or give `redis`). */
  redisUrl?: string | undefined;
  /** Where Redis is when it is not one server by URL: a Cluster, or Sentinels and a master name. */
  redis?: BulkRedisTarget | undefined;
  /** @default 'alisms' */
  prefix?: string | undefined;
}

/** A batch that failed for good (attempts used up), with the reason. */
export interface FailedBatch {
  bulk: string;
  seq: number;
  rows: number;
  reason: string;
  attempts: number;
}

/** The progress of one queued bulk job, as {@link bulkJobStatus} reads it from Redis. */
export interface BulkJobStatus {
  jobId: string;
  sign: string;
  template: string;
  input: string;
  rows: number;
  valid: number;
  invalid: number;
  batches: number;
  batchesDone: number;
  submitted: number;
  failed: number;
  /** Rows of calls whose answer was lost and that Aliyun did not list by the deadline (not resent). */
  unknown: number;
  calls: number;
  /** Batches whose call outcome is not recorded yet (in flight, or to be reconciled). */
  sending: number;
  /** Batches that used up their attempts and sit in the failed set. */
  failedBatches: FailedBatch[];
  createdAt: string;
  /** Set while a worker waits out an outage for this job's batches: why, and when it tries again. */
  waiting?: string | undefined;
}

/** What {@link queueOverview} returns: BullMQ's job counts, every bulk job, and the failed batches. */
export interface QueueOverview {
  counts: Record<string, number>;
  jobs: BulkJobStatus[];
  failedBatches: FailedBatch[];
}

/** Opens the BullMQ queue of bulk batches; close it when done. */
export function openQueue(ref: QueueRef): Queue<BatchJobData> {
  const { connection, close } = bullConnection(targetOf(ref));
  const queue = new Queue<BatchJobData>(BULK_QUEUE_NAME, { connection, prefix: prefixOf(ref) });
  // A Cluster client handed to BullMQ is not closed by it: closing the queue closes it too.
  const closeQueue = queue.close.bind(queue);
  queue.close = async () => {
    await closeQueue();
    await close();
  };
  return queue;
}

async function failedBatches(queue: Queue<BatchJobData>, bulk?: string): Promise<FailedBatch[]> {
  const out: FailedBatch[] = [];
  const total = await queue.getFailedCount();
  for (let start = 0; start < total; start += 500) {
    for (const job of await queue.getFailed(start, start + 499)) {
      if (!job?.data || (bulk && job.data.bulk !== bulk)) continue;
      out.push({
        bulk: job.data.bulk,
        seq: job.data.seq,
        rows: job.data.rows.length,
        reason: job.failedReason,
        attempts: job.attemptsMade,
      });
    }
  }
  return out.sort((a, b) => a.seq - b.seq);
}

async function statusWith(
  queue: Queue<BatchJobData>,
  redis: BulkRedis,
  prefix: string,
  jobId: string,
): Promise<BulkJobStatus | undefined> {
  const keys = bulkKeys(prefix, jobId);
  const meta = await redis.hgetall(keys.meta);
  if (!meta.batches) return undefined;
  const n = (k: string) => Number(meta[k] ?? 0);
  return {
    jobId,
    sign: meta.sign ?? '',
    template: meta.template ?? '',
    input: meta.input ?? '',
    rows: n('rows'),
    valid: n('valid'),
    invalid: n('invalid'),
    batches: n('batches'),
    batchesDone: n('batchesDone'),
    submitted: n('submitted'),
    failed: n('failed'),
    unknown: n('unknown'),
    calls: n('calls'),
    sending: await redis.hlen(keys.sending),
    failedBatches: await failedBatches(queue, jobId),
    createdAt: meta.createdAt ?? '',
    ...(meta.waiting ? { waiting: meta.waiting } : {}),
  };
}

/** Progress of one bulk job across every worker; `undefined` when the queue does not know it. */
export async function bulkJobStatus(ref: QueueRef & { jobId: string }): Promise<BulkJobStatus | undefined> {
  const queue = openQueue(ref);
  const redis = await openRedis(targetOf(ref));
  try {
    return await statusWith(queue, redis, prefixOf(ref), ref.jobId);
  } finally {
    await queue.close();
    await redis.quit();
  }
}

/** Queue counts, every bulk job's progress, and the failed set. */
export async function queueOverview(ref: QueueRef): Promise<QueueOverview> {
  const queue = openQueue(ref);
  const prefix = prefixOf(ref);
  const redis = await openRedis(targetOf(ref));
  try {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed');
    const jobs: BulkJobStatus[] = [];
    for (const id of (await redis.smembers(bulkJobsKey(prefix))).sort()) {
      const status = await statusWith(queue, redis, prefix, id);
      if (status) jobs.push(status);
    }
    return { counts, jobs, failedBatches: await failedBatches(queue) };
  } finally {
    await queue.close();
    await redis.quit();
  }
}

/** A few human-readable lines for one job's status, as `alisms bulk status <job>` prints them. */
export function formatJobStatus(s: BulkJobStatus): string {
  const done = s.submitted + s.failed + s.unknown;
  const lines = [
    `job ${s.jobId} (${s.input}, sign ${s.sign}, template ${s.template}, created ${s.createdAt})`,
    `rows ${s.rows}: ${s.submitted} submitted, ${s.failed} failed, ${s.invalid} invalid, ${s.valid - done} pending` +
      (s.unknown ? `, ${s.unknown} unknown (answer lost, not listed by Aliyun by the deadline)` : ''),
    `batches ${s.batchesDone}/${s.batches} done, ${s.sending} in flight or to reconcile, ${s.failedBatches.length} in the failed set; ${s.calls} calls`,
  ];
  if (s.waiting) lines.push(`waiting: ${s.waiting}`);
  for (const f of s.failedBatches.slice(0, 20))
    lines.push(`  failed batch ${f.seq} (${f.rows} rows, ${f.attempts} attempts): ${f.reason}`);
  return `${lines.join('\n')}\n`;
}

/** Human-readable lines for the whole queue: job counts, each job, failed batches. */
export function formatOverview(o: QueueOverview): string {
  const counts = Object.entries(o.counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const lines = [`queue ${BULK_QUEUE_NAME}: ${counts}`];
  for (const s of o.jobs)
    lines.push(
      `job ${s.jobId}: ${s.submitted + s.failed}/${s.valid} rows done (${s.failed} failed), ${s.batchesDone}/${s.batches} batches`,
    );
  if (o.failedBatches.length) lines.push(`failed set (${o.failedBatches.length}):`);
  for (const f of o.failedBatches.slice(0, 20)) lines.push(`  ${f.bulk} batch ${f.seq} (${f.rows} rows): ${f.reason}`);
  return `${lines.join('\n')}\n`;
}

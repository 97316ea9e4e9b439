import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Queue } from 'bullmq';
import { type BulkJobSpec, fingerprintOf, planJob } from '../index.js';
import { toJobData } from './batch-job.js';
import { openRedis, rateWindow, redisOptionsFromUrl } from './connection.js';
import { BULK_KEY_TTL_SECONDS, BULK_QUEUE_NAME, batchJobId, bulkJobsKey, bulkKeys } from './keys.js';

/** Options of {@link enqueueBulkJob}. */
export interface EnqueueOptions {
  /** `redis://host:6379`. */
  redisUrl: string;
  /** Redis key prefix of the queue. @default 'alisms' */
  prefix?: string | undefined;
  spec: BulkJobSpec;
  /** Global API calls per second for every worker of the queue (BullMQ's global rate limit). */
  qps: number;
  /** Attempts per batch before it lands in the failed set. @default 8 */
  attempts?: number | undefined;
}

/** What {@link enqueueBulkJob} returns: the job id and the counts of rows and batches added. */
export interface EnqueueResult {
  /** Derived from the input and options: enqueueing the same file again gives the same id and adds nothing twice. */
  jobId: string;
  rows: number;
  valid: number;
  invalid: number;
  batches: number;
}

/** Hash of the job's options and the input bytes: the same job from any machine has the same id. */
export async function bulkJobIdOf(spec: BulkJobSpec): Promise<string> {
  const hash = createHash('sha256');
  const { size: _size, ...fingerprint } = await fingerprintOf(spec);
  hash.update(JSON.stringify(fingerprint));
  for await (const chunk of createReadStream(spec.input)) hash.update(chunk as Buffer);
  return `bq${hash.digest('hex').slice(0, 12)}`;
}

const ADD_CHUNK = 100;

/**
 * Enqueues every batch of a job as a BullMQ job with id `<job>-<seq>`, so re-enqueueing is
 * idempotent; workers (`alisms worker`) send them. Invalid rows are recorded for the results file.
 *
 * @example
 * ```ts
 * import { enqueueBulkJob } from '@alisms/bulk/queue';
 * const { jobId, valid } = await enqueueBulkJob({
 *   redisUrl: 'redis://127.0.0.1:6379',
 *   spec: { input: 'recipients.csv', signName: 'Acme', templateCode: 'SMS_123456789' },
 *   qps: 100, // across every worker
 * });
 * ```
 */
export async function enqueueBulkJob(options: EnqueueOptions): Promise<EnqueueResult> {
  const prefix = options.prefix ?? 'alisms';
  const jobId = await bulkJobIdOf(options.spec);
  const keys = bulkKeys(prefix, jobId);
  const queue = new Queue(BULK_QUEUE_NAME, { connection: redisOptionsFromUrl(options.redisUrl), prefix });
  const redis = await openRedis(options.redisUrl);
  try {
    const { max, duration } = rateWindow(options.qps);
    await queue.setGlobalRateLimit(max, duration);
    const result: EnqueueResult = { jobId, rows: 0, valid: 0, invalid: 0, batches: 0 };
    await redis.del(keys.invalid);
    let jobs: Parameters<Queue['addBulk']>[0] = [];
    let invalid: string[] = [];
    const flush = async () => {
      if (jobs.length) await queue.addBulk(jobs);
      if (invalid.length) await redis.rpush(keys.invalid, ...invalid);
      jobs = [];
      invalid = [];
    };
    for await (const item of planJob(options.spec)) {
      if (item.kind === 'invalid') {
        result.rows += 1;
        result.invalid += 1;
        invalid.push(JSON.stringify(item.invalid));
      } else {
        const batch = item.batch;
        result.rows += batch.rows.length;
        result.valid += batch.rows.length;
        result.batches += 1;
        jobs.push({
          name: 'batch',
          data: toJobData(jobId, batch, options.spec.signName, options.spec.templateCode),
          opts: {
            jobId: batchJobId(jobId, batch.seq),
            attempts: options.attempts ?? 8,
            backoff: { type: 'exponential', delay: 1000 },
            removeOnComplete: { count: 1000 },
            removeOnFail: false,
          },
        });
      }
      if (jobs.length >= ADD_CHUNK || invalid.length >= ADD_CHUNK * 10) await flush();
    }
    await flush();
    await redis
      .multi()
      .hset(keys.meta, {
        sign: options.spec.signName,
        template: options.spec.templateCode,
        input: options.spec.input.split('/').pop() ?? '',
        rows: result.rows,
        valid: result.valid,
        invalid: result.invalid,
        batches: result.batches,
        qps: options.qps,
      })
      .hsetnx(keys.meta, 'createdAt', new Date().toISOString())
      .expire(keys.meta, BULK_KEY_TTL_SECONDS)
      .expire(keys.invalid, BULK_KEY_TTL_SECONDS)
      .sadd(bulkJobsKey(prefix), jobId)
      .expire(bulkJobsKey(prefix), BULK_KEY_TTL_SECONDS)
      .exec();
    return result;
  } finally {
    await queue.close();
    await redis.quit();
  }
}

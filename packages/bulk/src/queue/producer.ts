import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import { type BulkJobSpec, fingerprintOf, planJob, preflight } from '../index.js';
import { toJobData } from './batch-job.js';
import { type BulkRedisTarget, bullConnection, closeTarget, openRedis, prefixOf, targetOf } from './connection.js';
import { BULK_KEY_TTL_SECONDS, BULK_QUEUE_NAME, batchJobId, bulkJobsKey, bulkKeys } from './keys.js';

/** Options of {@link enqueueBulkJob}. */
export interface EnqueueOptions {
  /** `redis://host:6379`: one Redis server (or give `redis`). */
  redisUrl?: string | undefined;
  /** Where Redis is when it is not one server by URL: a Cluster, or Sentinels and a master name. */
  redis?: BulkRedisTarget | undefined;
  /** Redis key prefix of the queue. @default 'alisms' */
  prefix?: string | undefined;
  spec: BulkJobSpec;
  /**
   * API calls per second for this job across every worker of the queue (sends, retries, look-ups),
   * enforced by the workers' shared limiter: no sliding second over 110% of it.
   */
  qps: number;
  /** Attempts per batch before it lands in the failed set. @default 8 */
  attempts?: number | undefined;
  /**
   * How long after a call started a call whose answer was lost is looked up before its rows are
   * recorded `unknown` (the workers' default when omitted: 70 s, the read timeout + 60 s).
   */
  unknownDeadlineMs?: number | undefined;
  /**
   * Resend calls still unseen at their deadline instead of recording them `unknown`; enqueueing a job
   * again with it also re-queues the batches already recorded `unknown`. A recipient may get a message
   * twice. @default false
   */
  resendUnknown?: boolean | undefined;
  /** How long workers retry a batch through an outage before it goes to the failed set. @default 600000 ms */
  maxWaitMs?: number | undefined;
}

/** What {@link enqueueBulkJob} returns: the job id and the counts of rows and batches added. */
export interface EnqueueResult {
  /** Derived from the input and options: enqueueing the same file again gives the same id and adds nothing twice. */
  jobId: string;
  rows: number;
  valid: number;
  invalid: number;
  /** Exact repeats of an earlier row, not enqueued. */
  duplicate: number;
  batches: number;
  /** Batches recorded `unknown` by an earlier run and queued again (with `resendUnknown`). */
  requeued: number;
}

/** Hash of the job's options and the input bytes: the same job from any machine has the same id. */
export async function bulkJobIdOf(spec: BulkJobSpec): Promise<string> {
  const hash = createHash('sha256');
  // The fingerprint holds the SHA-256 of the input's bytes, so the same file gives the same id.
  hash.update(JSON.stringify(await fingerprintOf(spec)));
  return `bq${hash.digest('hex').slice(0, 12)}`;
}

const ADD_CHUNK = 100;

// Forgets a batch's `unknown` outcome so it can be sent again, atomically with its counters.
// KEYS: outcomes, meta. ARGV: seq. Returns 1 when the batch was `unknown` (and is forgotten), else 0.
const FORGET_UNKNOWN = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return 0 end
local outcome = cjson.decode(raw)
if outcome.s ~= 'unknown' then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HINCRBY', KEYS[2], 'unknown', -#outcome.rows)
redis.call('HINCRBY', KEYS[2], 'batchesDone', -1)
return 1`;

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
  const target = targetOf(options);
  const prefix = prefixOf(options);
  const spec = { ...options.spec, encoding: await preflight(options.spec) };
  const jobId = await bulkJobIdOf(spec);
  const keys = bulkKeys(prefix, jobId);
  const bull = bullConnection(target);
  const queue = new Queue(BULK_QUEUE_NAME, { connection: bull.connection, prefix });
  const redis = await openRedis(target);
  try {
    // The rate is enforced by the workers' shared GCRA limiter (rate-limit.ts), per API call; a
    // BullMQ window limit left by an older version would admit batches in bursts: drop it.
    await queue.removeGlobalRateLimit();
    const result: EnqueueResult = { jobId, rows: 0, valid: 0, invalid: 0, duplicate: 0, batches: 0, requeued: 0 };
    await redis.del(keys.invalid);
    // How the job is sent, written before its first batch is queued: a worker reads it with the
    // first batch it takes and keeps it for the job.
    await redis
      .multi()
      .hdel(keys.meta, 'unknownDeadlineMs', 'maxWaitMs')
      .hset(keys.meta, {
        qps: options.qps,
        resendUnknown: options.resendUnknown ? '1' : '0',
        ...(options.unknownDeadlineMs === undefined ? {} : { unknownDeadlineMs: options.unknownDeadlineMs }),
        ...(options.maxWaitMs === undefined ? {} : { maxWaitMs: options.maxWaitMs }),
      })
      .expire(keys.meta, BULK_KEY_TTL_SECONDS)
      .exec();
    let jobs: Parameters<Queue['addBulk']>[0] = [];
    let invalid: string[] = [];
    const flush = async () => {
      if (jobs.length) await queue.addBulk(jobs);
      if (invalid.length) await redis.rpush(keys.invalid, ...invalid);
      jobs = [];
      invalid = [];
    };
    for await (const item of planJob(spec)) {
      if (item.kind === 'conflict') continue;
      if (item.kind === 'duplicate') {
        // Kept with the invalid rows (never sent), marked so the results file says `duplicate`.
        result.rows += 1;
        result.duplicate += 1;
        invalid.push(JSON.stringify({ row: item.row, phone: item.phone, reason: '', status: 'duplicate' }));
      } else if (item.kind === 'invalid') {
        result.rows += 1;
        result.invalid += 1;
        invalid.push(JSON.stringify(item.invalid));
      } else {
        const batch = item.batch;
        result.rows += batch.rows.length;
        result.valid += batch.rows.length;
        result.batches += 1;
        if (options.resendUnknown) {
          const forgotten = await redis.eval(FORGET_UNKNOWN, 2, keys.outcomes, keys.meta, String(batch.seq));
          if (Number(forgotten) === 1) {
            // Its BullMQ job is complete: removed, so that the add below queues it again.
            await queue.remove(batchJobId(jobId, batch.seq));
            result.requeued += 1;
          }
        }
        jobs.push({
          name: 'batch',
          data: toJobData(jobId, batch, spec.signName, spec.templateCode),
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
        input: spec.input.split('/').pop() ?? '',
        rows: result.rows,
        valid: result.valid,
        invalid: result.invalid,
        duplicate: result.duplicate,
        batches: result.batches,
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
    await bull.close();
    await closeTarget(redis);
  }
}

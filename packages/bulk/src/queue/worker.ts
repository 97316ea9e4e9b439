import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { type BulkSmsPort, backoffDelay, callBatch, classifySendError, outIdFor, reconcileBatch } from '../index.js';
import { type BatchJobData, type BatchOutcome, toBatch } from './batch-job.js';
import { openRedis, redisOptionsFromUrl } from './connection.js';
import { BULK_KEY_TTL_SECONDS, BULK_QUEUE_NAME, bulkKeys } from './keys.js';

/** Options of {@link startBulkWorker}. */
export interface BulkWorkerOptions {
  redisUrl: string;
  /** @default 'alisms' */
  prefix?: string | undefined;
  /** Batches processed at once by this worker. @default 8 */
  concurrency?: number | undefined;
  /** The SMS client (an `SmsClient`). */
  port: BulkSmsPort;
  /** Wait before looking up a call whose answer was lost. @default 2000 ms */
  reconcileDelayMs?: number | undefined;
  /**
   * How long a batch stays with a worker that stopped answering (crashed, frozen) before another
   * worker takes it over (BullMQ's lock duration and stalled-job check interval).
   * @default 30000 ms
   */
  stallTimeoutMs?: number | undefined;
}

/** What {@link startBulkWorker} returns: the BullMQ worker and `close()`. */
export interface RunningBulkWorker {
  worker: Worker<BatchJobData>;
  /** Finishes the batches in hand and disconnects. */
  close(): Promise<void>;
}

// Records a batch outcome once (a retried or re-delivered job cannot count its rows twice) and
// clears the "sending" mark. KEYS: outcomes, meta, sending. ARGV: seq, outcome JSON, counter, rows, ttl.
const RECORD_OUTCOME = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  redis.call('HINCRBY', KEYS[2], ARGV[3], ARGV[4])
  redis.call('HINCRBY', KEYS[2], 'batchesDone', 1)
  redis.call('EXPIRE', KEYS[1], ARGV[5])
end
redis.call('HDEL', KEYS[3], ARGV[1])
return 1`;

// Claims a batch for sending, atomically, so two workers holding the same job (a lock lost to a
// frozen process) cannot both send it. KEYS: outcomes, sending, meta. ARGV: seq, now, ttl.
// Returns 'done' (outcome recorded), 'claimed' (marked sending now), or the epoch ms of an older mark.
const CLAIM = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 'done' end
local since = redis.call('HGET', KEYS[2], ARGV[1])
if since then return since end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[3])
redis.call('HINCRBY', KEYS[3], 'calls', 1)
return 'claimed'`;

// Drops a sending mark only if it is still the one we looked up. KEYS: sending. ARGV: seq, mark.
const RELEASE = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then redis.call('HDEL', KEYS[1], ARGV[1]) end
return 1`;

/**
 * Starts a worker that sends queued batches. The same guarantees as a local job hold: a batch is
 * marked `sending` in Redis before its call, and a job that finds that mark (its previous worker
 * died, or the answer was lost) looks the batch up with QuerySendDetails before sending again.
 *
 * @example
 * ```ts
 * import { SmsClient } from 'alisms';
 * import { startBulkWorker } from '@alisms/bulk/queue';
 * const worker = await startBulkWorker({ redisUrl: 'redis://127.0.0.1:6379', port: new SmsClient() });
 * process.once('SIGTERM', () => worker.close());
 * ```
 */
export async function startBulkWorker(options: BulkWorkerOptions): Promise<RunningBulkWorker> {
  const prefix = options.prefix ?? 'alisms';
  const connection = redisOptionsFromUrl(options.redisUrl);
  const queue = new Queue(BULK_QUEUE_NAME, { connection, prefix });
  const redis = await openRedis(options.redisUrl);
  let throttleStreak = 0;

  const processor = async (job: Job<BatchJobData>) => {
    const data = job.data;
    const keys = bulkKeys(prefix, data.bulk);
    const field = String(data.seq);
    const batch = toBatch(data);
    const outId = outIdFor(data.bulk, data.seq);
    const record = async (outcome: BatchOutcome) => {
      const counter = outcome.s === 'ok' ? 'submitted' : 'failed';
      await redis.eval(
        RECORD_OUTCOME,
        3,
        keys.outcomes,
        keys.meta,
        keys.sending,
        field,
        JSON.stringify(outcome),
        counter,
        batch.rows.length,
        BULK_KEY_TTL_SECONDS,
      );
    };
    const rows = data.rows.map(([row, phone]) => [row, phone] as [number, string]);
    const claim = async () =>
      String(
        await redis.eval(CLAIM, 3, keys.outcomes, keys.sending, keys.meta, field, Date.now(), BULK_KEY_TTL_SECONDS),
      );
    let state = await claim();
    if (state === 'done') return 'already done';
    if (state !== 'claimed') {
      // Marked by a worker that died or lost the answer. Its call may still be landing: look it up
      // only once it has had time to.
      const since = Number(state);
      const grace = since + (options.reconcileDelayMs ?? 2000) - Date.now();
      if (grace > 0) await new Promise((resolve) => setTimeout(resolve, grace));
      await redis.hincrby(keys.meta, 'calls', 1);
      const found = await reconcileBatch(options.port, batch, outId, since);
      if (found.found) {
        await record({ s: 'ok', biz: found.bizId, rows });
        return 'reconciled';
      }
      await redis.eval(RELEASE, 1, keys.sending, field, state);
      state = await claim();
      if (state === 'done') return 'already done';
      if (state !== 'claimed') throw new Error(`batch ${data.seq} is being sent by another worker; will look again`);
    }
    try {
      const answer = await callBatch(options.port, batch, { signName: data.sign, templateCode: data.template, outId });
      throttleStreak = 0;
      await record({ s: 'ok', biz: answer.bizId, rows });
      return 'sent';
    } catch (error) {
      const failure = classifySendError(error);
      if (failure.kind === 'rejected') {
        await record({ s: 'fail', code: failure.code, msg: failure.message, rows });
        return 'rejected';
      }
      // Keep the mark: the retry (after BullMQ's backoff) reconciles before sending again.
      if (failure.kind === 'unknown') throw error;
      await redis.hdel(keys.sending, field);
      if (failure.kind === 'throttled') {
        // Flow control: hold every worker back (the queue's rate limit), without using up an attempt.
        await queue.rateLimit(backoffDelay(throttleStreak++));
        throw Worker.RateLimitError();
      }
      if (failure.kind === 'fatal') throw new UnrecoverableError(`${failure.code}: ${failure.message}`);
      throw error;
    }
  };

  const worker = new Worker<BatchJobData>(BULK_QUEUE_NAME, processor, {
    connection,
    prefix,
    concurrency: options.concurrency ?? 8,
    ...(options.stallTimeoutMs
      ? { lockDuration: options.stallTimeoutMs, stalledInterval: options.stallTimeoutMs }
      : {}),
  });
  // Errors are reported through job failures; an unhandled 'error' event would crash the process.
  worker.on('error', () => undefined);
  return {
    worker,
    async close() {
      await worker.close();
      await queue.close();
      await redis.quit();
    },
  };
}

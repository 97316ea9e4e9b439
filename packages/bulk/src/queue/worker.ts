import type { Clock } from 'alisms';
import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import {
  type BulkSmsPort,
  backoffDelay,
  callBatch,
  classifySendError,
  halvesOf,
  isRowSpecific,
  numberLimitRetryAt,
  numberLimitWindow,
  OutageTooLongError,
  OutageWait,
  outIdFor,
  type PartRange,
  partBatch,
  partKey,
  partOutId,
  reconcileBatch,
  resolveUnknown,
} from '../index.js';
import { realSleep, type Sleep } from '../token-bucket.js';
import { type BatchJobData, type BatchOutcome, toBatch } from './batch-job.js';
import { claimBatch, markSplit, recordOutcome, unitField } from './claims.js';
import { type BulkRedisTarget, bullConnection, closeTarget, openRedis, prefixOf, targetOf } from './connection.js';
import { type JobSettings, readJobSettings } from './job-settings.js';
import { BULK_QUEUE_NAME, bulkKeys, bulkRateKey } from './keys.js';
import { RedisRateLimiter } from './rate-limit.js';

/** Options of {@link startBulkWorker}. */
export interface BulkWorkerOptions {
  /** `redis://host:6379`: one Redis server (or give `redis`). */
  redisUrl?: string | undefined;
  /** Where Redis is when it is not one server by URL: a Cluster, or Sentinels and a master name. */
  redis?: BulkRedisTarget | undefined;
  /** @default 'alisms' */
  prefix?: string | undefined;
  /** Batches processed at once by this worker. @default 8 */
  concurrency?: number | undefined;
  /** The SMS client (an `SmsClient`). */
  port: BulkSmsPort;
  /**
   * How long after a call started a call whose answer was lost may still be accepted: it is looked
   * up until then, never resent before; unseen at the deadline, its rows are recorded `unknown`.
   * A job enqueued with its own deadline (`bulk send --queue --unknown-deadline`) uses that one.
   * @default 70000 ms (the read timeout + 60 s)
   */
  unknownDeadlineMs?: number | undefined;
  /** API calls per second when a job does not say (jobs carry the `--qps` they were enqueued with). @default 50 */
  defaultQps?: number | undefined;
  /**
   * Resend a batch whose call is still unseen at its deadline, for every job (a job enqueued with
   * `resendUnknown` asks for it by itself). A recipient may get the message twice. @default false
   */
  resendUnknown?: boolean | undefined;
  /**
   * How long a batch whose calls keep not going through (endpoint down, network, 5xx) is retried with
   * backoff before it goes to the failed set, when the job does not say. @default 600000 ms (10 min)
   */
  maxWaitMs?: number | undefined;
  /** Injected clock for tests (stamps of `sending` marks, deadlines, outage waits). @default Date.now */
  clock?: Clock | undefined;
  /** Injected sleep for tests (look-up spacing, outage backoff). */
  sleep?: Sleep | undefined;
  /** Called while a batch waits out an outage (why, and when it tries again), and with `undefined` when it recovers. */
  onWait?: ((reason: string | undefined) => void) | undefined;
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
  const target = targetOf(options);
  const prefix = prefixOf(options);
  const bull = bullConnection(target);
  const connection = bull.connection;
  const queue = new Queue(BULK_QUEUE_NAME, { connection, prefix });
  const redis = await openRedis(target);
  const limiter = new RedisRateLimiter(redis, { key: bulkRateKey(prefix) });
  const settingsOf = new Map<string, JobSettings>();
  let throttleStreak = 0;
  const systemClock: Clock = options.clock ?? { now: () => Date.now() };
  const sleep: Sleep = options.sleep ?? realSleep;

  const processor = async (job: Job<BatchJobData>) => {
    const data = job.data;
    const keys = bulkKeys(prefix, data.bulk);
    const batch = toBatch(data);
    const batchOutId = outIdFor(data.bulk, data.seq);
    let settings = settingsOf.get(data.bulk);
    if (!settings) {
      settings = await readJobSettings(redis, keys.meta, {
        qps: options.defaultQps,
        unknownDeadlineMs: options.unknownDeadlineMs,
        resendUnknown: options.resendUnknown,
        maxWaitMs: options.maxWaitMs,
      });
      settingsOf.set(data.bulk, settings);
    }
    const { qps, unknownDeadlineMs, resendUnknown, maxWaitMs } = settings;
    // Every API call of every worker takes its turn from the shared limiter first.
    const beforeCall = async () => {
      await limiter.take(qps);
    };
    // Shown by `bulk status` and reported to onWait while this batch waits out an outage.
    const onWait = (reason: string | undefined) => {
      options.onWait?.(reason);
      void (reason === undefined ? redis.hdel(keys.meta, 'waiting') : redis.hset(keys.meta, 'waiting', reason)).catch(
        () => undefined,
      );
    };
    const outage = new OutageWait(maxWaitMs, systemClock, sleep, onWait);
    const giveUp = (error: unknown): never => {
      // Past --max-wait: the batch goes to the failed set with the reason (its mark, if any, stays:
      // a later attempt reconciles before sending).
      if (error instanceof OutageTooLongError) throw new UnrecoverableError(`${error.failure.code}: ${error.message}`);
      throw error;
    };

    /**
     * Sends one call: the whole batch, or a part of it once split (its own field and OutId). Resolves
     * with what happened; 'split' when a row of it was refused and its halves are to be sent.
     */
    const sendUnit = async (range: PartRange | undefined): Promise<string> => {
      const field = unitField(data.seq, range && partKey(range));
      const unit = range ? partBatch(batch, range) : batch;
      const outId = range ? partOutId(batchOutId, range) : batchOutId;
      const rows = unit.rows.map((r) => [r.row, r.phone] as [number, string]);
      const record = async (outcome: BatchOutcome) => {
        const counter = outcome.s === 'ok' ? 'submitted' : outcome.s === 'fail' ? 'failed' : 'unknown';
        await recordOutcome(redis, keys, field, JSON.stringify(outcome), { [counter]: rows.length }, !range);
      };
      // The stamp of this worker's latest claim: the mark its call's deadline counts from. The turn is
      // taken before the claim, so the mark is stamped right before the call (one Redis round trip).
      let stamp = systemClock.now();
      const claim = async (expected?: number) => {
        await beforeCall();
        stamp = systemClock.now();
        return claimBatch(redis, keys, field, stamp, expected);
      };
      // When per-number flow control first refused this (one-number) call: spaced up to --max-wait.
      let limitedSince: number | undefined;
      let state = await claim();
      for (;;) {
        if (state.kind === 'done') return 'already done';
        if (state.kind === 'split') return 'split';
        if (state.kind === 'marked') {
          // Marked by a worker that died or lost the answer, or by this one's lost answer: the call
          // may still be landing. Never resent while it may still be accepted: looked up until seen
          // or past its deadline, counted from when the call started.
          const since = state.since;
          const found = await resolveUnknown({
            startedAt: since,
            deadlineMs: unknownDeadlineMs,
            clock: systemClock,
            sleep,
            lookup: async () => {
              await redis.hincrby(keys.meta, 'calls', 1);
              const reconciled = await reconcileBatch(options.port, unit, outId, since, beforeCall);
              outage.reset();
              return reconciled;
            },
            onLookupError: (error) => outage.wait(classifySendError(error)).catch(giveUp),
          });
          if (found.found) {
            await record({ s: 'ok', biz: found.bizId, rows });
            return 'reconciled';
          }
          if (!resendUnknown) {
            await record({ s: 'unknown', rows });
            return 'unknown';
          }
          // Unseen at its deadline and the job asked for it: resend, unless another holder of this
          // job resent it first (then that call is the one to reconcile).
          const again = await claim(since);
          state = again.kind === 'cleared' ? await claim() : again;
          continue;
        }
        try {
          const answer = await callBatch(options.port, unit, {
            signName: data.sign,
            templateCode: data.template,
            outId,
          });
          throttleStreak = 0;
          outage.reset();
          await record({ s: 'ok', biz: answer.bizId, rows });
          return 'sent';
        } catch (error) {
          const failure = classifySendError(error);
          if (failure.kind === 'rejected') {
            outage.reset();
            // A refusal of the whole call for one row's sake: nothing was sent; its halves go on their own.
            if (unit.rows.length > 1 && isRowSpecific(failure)) {
              await markSplit(redis, keys, field);
              return 'split';
            }
            // One number over a minute or hour window: tried again when the window turns, not failed.
            const window = numberLimitWindow(failure);
            const retryAt = window === undefined ? undefined : numberLimitRetryAt(window, systemClock.now());
            limitedSince ??= systemClock.now();
            if (retryAt !== undefined && retryAt - limitedSince <= maxWaitMs) {
              await redis.hdel(keys.sending, field);
              await sleep(retryAt - systemClock.now());
              state = await claim();
              continue;
            }
            await record({ s: 'fail', code: failure.code, msg: failure.message, rows });
            return 'rejected';
          }
          if (failure.kind === 'unknown') {
            // The mark stays: looked up (above) before anything is sent again.
            state = { kind: 'marked', since: stamp };
            continue;
          }
          await redis.hdel(keys.sending, field);
          if (failure.kind === 'throttled') {
            // Flow control: hold every worker back (the queue's rate limit), without using up an attempt.
            await queue.rateLimit(backoffDelay(throttleStreak++));
            throw Worker.RateLimitError();
          }
          if (failure.kind === 'fatal') throw new UnrecoverableError(`${failure.code}: ${failure.message}`);
          // Nothing reached Aliyun (connection refused, DNS): wait the outage out, up to --max-wait.
          await outage.wait(failure).catch(giveUp);
          state = await claim();
        }
      }
    };

    /** Sends the batch, or the part `range`; a part refused for one row's sake is halved, and so on. */
    const runUnit = async (range: PartRange | undefined): Promise<string> => {
      const result = await sendUnit(range);
      if (result !== 'split') return result;
      for (const half of halvesOf(range ?? { start: 0, end: batch.rows.length })) await runUnit(half);
      return 'split';
    };

    const result = await runUnit(undefined);
    if (result === 'split') {
      // Every part has its outcome now: the batch is done, its rows counted by its parts.
      const rows = data.rows.map(([row, phone]) => [row, phone] as [number, string]);
      await recordOutcome(redis, keys, String(data.seq), JSON.stringify({ s: 'split', rows }), {}, true);
    }
    return result;
  };

  const worker = new Worker<BatchJobData>(BULK_QUEUE_NAME, processor, {
    connection,
    prefix,
    concurrency: options.concurrency ?? 8,
    // BullMQ fails a job that stalls twice (its default). A batch is safe to hand over any number of
    // times (the claim and the `sending` mark prevent a second send), while a failed one leaves its
    // rows pending: a worker starved of CPU past --stall-timeout twice must not cost the batch.
    maxStalledCount: 100,
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
      await bull.close();
      await closeTarget(redis);
    },
  };
}

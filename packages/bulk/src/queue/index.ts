/**
 * `@alisms/bulk/queue` — bulk sending across machines: `enqueueBulkJob` turns a recipients file into BullMQ
 * jobs (one per batch, idempotent ids), `startBulkWorker` sends them under a global QPS limit.
 *
 * @example
 * ```ts
 * import { SmsClient } from 'alisms';
 * import { startBulkWorker } from '@alisms/bulk/queue';
 * const { close } = await startBulkWorker({ redisUrl: 'redis://127.0.0.1:6379', port: new SmsClient(), concurrency: 8 });
 * ```
 * @packageDocumentation
 */
export type { BatchJobData, BatchOutcome } from './batch-job.js';
export { type BulkRedis, type BulkRedisTarget, prefixOf as queuePrefixOf, redisOptionsFromUrl } from './connection.js';
export { BULK_QUEUE_NAME, batchJobId, bulkJobsKey, bulkKeys, bulkRateKey } from './keys.js';
export { bulkJobIdOf, type EnqueueOptions, type EnqueueResult, enqueueBulkJob } from './producer.js';
export { RedisRateLimiter, type RedisRateLimiterOptions } from './rate-limit.js';
export { writeQueuedResults } from './results.js';
export {
  type BulkJobStatus,
  bulkJobStatus,
  type FailedBatch,
  formatJobStatus,
  formatOverview,
  openQueue,
  type QueueOverview,
  type QueueRef,
  queueOverview,
} from './status.js';
export { type BulkWorkerOptions, type RunningBulkWorker, startBulkWorker } from './worker.js';

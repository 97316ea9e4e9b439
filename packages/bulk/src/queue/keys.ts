/** Every Redis key of the bulk queue comes from here, under the queue's prefix. */

/** The BullMQ queue every bulk job shares. */
export const BULK_QUEUE_NAME = 'alisms-bulk';

/** Bulk bookkeeping lives as long as a job can be resumed or inspected. */
export const BULK_KEY_TTL_SECONDS = 30 * 24 * 3600;

/** The Redis keys of one queued bulk job (job hash, counters, failed batches), under the queue's prefix. */
export function bulkKeys(prefix: string, jobId: string) {
  const base = `${prefix}:${BULK_QUEUE_NAME}:job:${jobId}`;
  return {
    /** Hash: sign, template, input, rows, valid, invalid, batches, createdAt; counters submitted, failed, calls, batchesDone. */
    meta: base,
    /** Hash: batch seq (or `seq:start-end` for a part of a split batch) → outcome JSON (status, BizId, error, rows). Written once each. */
    outcomes: `${base}:outcomes`,
    /** Hash: batch seq → epoch ms of a call whose outcome is not recorded yet (reconciled before any resend). */
    sending: `${base}:sending`,
    /** Hash: batch or part field (`seq`, `seq:start-end`) → 1 when it was refused for one row's sake and halved. */
    splits: `${base}:splits`,
    /** List: invalid rows as JSON `{row, phone, reason}`. */
    invalid: `${base}:invalid`,
  };
}

/** The shared rate limiter's state (GCRA TAT) for every worker of the queue under this prefix. */
export function bulkRateKey(prefix: string): string {
  return `${prefix}:${BULK_QUEUE_NAME}:rate`;
}

/** Set of every bulk job id enqueued under this prefix. */
export function bulkJobsKey(prefix: string): string {
  return `${prefix}:${BULK_QUEUE_NAME}:jobs`;
}

/** The BullMQ job id of one batch: enqueueing the same batch twice adds it once. */
export function batchJobId(jobId: string, seq: number): string {
  return `${jobId}-${seq}`;
}

import type { ResultRow } from '../index.js';
import { halvesOf, type PartRange, partKey, partOutId, writeResultsFile } from '../index.js';
import type { BatchOutcome } from './batch-job.js';
import { unitField } from './claims.js';
import { openRedis, prefixOf, targetOf } from './connection.js';
import { batchJobId, bulkKeys } from './keys.js';
import { openQueue, type QueueRef } from './status.js';

const CHUNK = 200;

/** The result rows of one recorded outcome (a batch's, or a part's of a split batch). */
function* rowsOfOutcome(o: BatchOutcome, outId: string): Generator<ResultRow> {
  for (const [row, phone] of o.rows)
    yield o.s === 'ok'
      ? { row, phone, status: 'submitted', bizId: o.biz, outId }
      : o.s === 'unknown'
        ? { row, phone, status: 'unknown', outId, message: 'answer lost and not listed by Aliyun by the deadline' }
        : { row, phone, status: 'failed', outId, errorCode: o.code, message: o.msg };
}

/**
 * Writes the results file of a queued job: every batch in order (submitted, failed, or pending when
 * no worker has finished it, `failed` with the reason when it sits in the failed set), then the invalid rows.
 */
export async function writeQueuedResults(ref: QueueRef & { jobId: string }, path: string): Promise<number> {
  const queue = openQueue(ref);
  const keys = bulkKeys(prefixOf(ref), ref.jobId);
  const redis = await openRedis(targetOf(ref));
  try {
    const batches = Number((await redis.hget(keys.meta, 'batches')) ?? 0);
    const outIdOf = (seq: number) => batchJobId(ref.jobId, seq);
    // A split batch's rows take the outcomes of its parts (fields `seq:start-end`), halved in turn.
    const leavesOf = async (
      seq: number,
      outcome: BatchOutcome,
      batchOutId: (seq: number) => string,
    ): Promise<Array<{ o: BatchOutcome; outId: string }>> => {
      if (outcome.s !== 'split') return [{ o: outcome, outId: batchOutId(seq) }];
      const out: Array<{ o: BatchOutcome; outId: string }> = [];
      const visit = async (range: PartRange): Promise<void> => {
        const raw = await redis.hget(keys.outcomes, unitField(seq, partKey(range)));
        const o = raw ? (JSON.parse(raw) as BatchOutcome) : undefined;
        if (o && o.s !== 'split') out.push({ o, outId: partOutId(batchOutId(seq), range) });
        else if (range.end - range.start > 1) for (const half of halvesOf(range)) await visit(half);
      };
      for (const half of halvesOf({ start: 0, end: outcome.rows.length })) await visit(half);
      return out;
    };
    async function* rows(): AsyncGenerator<ResultRow> {
      for (let start = 0; start < batches; start += CHUNK) {
        const seqs = Array.from({ length: Math.min(CHUNK, batches - start) }, (_, i) => String(start + i));
        const outcomes = await redis.hmget(keys.outcomes, ...seqs);
        for (const [i, raw] of outcomes.entries()) {
          const seq = start + i;
          const outId = outIdOf(seq);
          if (raw) {
            const outcome = JSON.parse(raw) as BatchOutcome;
            for (const { o, outId } of await leavesOf(seq, outcome, outIdOf)) yield* rowsOfOutcome(o, outId);
            continue;
          }
          const job = await queue.getJob(outId);
          const failed = job ? await job.isFailed() : false;
          for (const [row, phone] of job?.data.rows ?? [])
            yield failed
              ? { row, phone, status: 'failed', outId, errorCode: 'ALISMS_BATCH_FAILED', message: job?.failedReason }
              : { row, phone, status: 'pending', outId };
        }
      }
      const total = await redis.llen(keys.invalid);
      for (let start = 0; start < total; start += CHUNK) {
        for (const raw of await redis.lrange(keys.invalid, start, start + CHUNK - 1)) {
          const bad = JSON.parse(raw) as { row: number; phone: string; reason: string; status?: 'duplicate' };
          yield bad.status === 'duplicate'
            ? {
                row: bad.row,
                phone: bad.phone,
                status: 'duplicate',
                message: 'same number and parameters as an earlier row',
              }
            : { row: bad.row, phone: bad.phone, status: 'invalid', message: bad.reason };
        }
      }
    }
    return await writeResultsFile(path, rows());
  } finally {
    await queue.close();
    await redis.quit();
  }
}

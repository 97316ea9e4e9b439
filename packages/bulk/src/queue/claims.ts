import type { BulkRedis } from './connection.js';
import { BULK_KEY_TTL_SECONDS, type bulkKeys } from './keys.js';

// Claims a batch for sending, atomically, so two workers holding the same job (a lock lost to a
// frozen process) cannot both send it. KEYS: outcomes, sending, meta, splits. ARGV: field (the
// batch seq, or `seq:start-end` for a part of a split batch), now, ttl, expected.
// With `expected` empty: claims only an unmarked batch. With `expected` set (a re-claim after an
// unseen call's deadline): claims only while the mark still holds that stamp, so of two workers
// that both found the same call unseen, one resends it and the other reconciles the new call.
// Returns 'done' (outcome recorded), 'split' (refused for one row's sake: its halves are sent),
// 'claimed' (marked sending now), or the epoch ms of the mark found, '' when there is none (a
// re-claim whose mark was cleared by the other holder).
const CLAIM = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 'done' end
if redis.call('HEXISTS', KEYS[4], ARGV[1]) == 1 then return 'split' end
local since = redis.call('HGET', KEYS[2], ARGV[1])
if since ~= (ARGV[4] ~= '' and ARGV[4] or false) then return since or '' end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[3])
redis.call('HINCRBY', KEYS[3], 'calls', 1)
return 'claimed'`;

// Records a batch's (or a part's) outcome once (a retried or re-delivered job cannot count its rows
// twice) and clears the "sending" mark. KEYS: outcomes, meta, sending. ARGV: field, outcome JSON,
// ttl, batches done (1 for a whole batch, 0 for a part), then counter/rows pairs.
const RECORD_OUTCOME = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1 then
  for i = 5, #ARGV, 2 do redis.call('HINCRBY', KEYS[2], ARGV[i], ARGV[i + 1]) end
  redis.call('HINCRBY', KEYS[2], 'batchesDone', ARGV[4])
  redis.call('EXPIRE', KEYS[1], ARGV[3])
end
redis.call('HDEL', KEYS[3], ARGV[1])
return 1`;

/** What a claim found: the batch is done, this worker may send it now, or a call was marked at `since`. */
export type ClaimState = { kind: 'done' } | { kind: 'split' } | { kind: 'claimed' } | { kind: 'marked'; since: number };

/** The field of a batch (`seq`) or of a part of a split batch (`seq:start-end`) in the job's hashes. */
export function unitField(seq: number, part: string | undefined): string {
  return part === undefined ? String(seq) : `${seq}:${part}`;
}

/**
 * Marks a batch or part (`field`, see {@link unitField}) as being sent at `now`. `expected` re-claims a mark this worker found unseen at
 * its deadline (see the script's comment); without it only an unmarked batch is claimed.
 */
export async function claimBatch(
  redis: BulkRedis,
  keys: ReturnType<typeof bulkKeys>,
  field: string,
  now: number,
  expected?: number,
): Promise<ClaimState | { kind: 'cleared' }> {
  const answer = String(
    await redis.eval(
      CLAIM,
      4,
      keys.outcomes,
      keys.sending,
      keys.meta,
      keys.splits,
      field,
      String(now),
      BULK_KEY_TTL_SECONDS,
      expected === undefined ? '' : String(expected),
    ),
  );
  if (answer === 'done') return { kind: 'done' };
  if (answer === 'claimed') return { kind: 'claimed' };
  if (answer === 'split') return { kind: 'split' };
  if (answer === '') return { kind: 'cleared' };
  return { kind: 'marked', since: Number(answer) };
}

/**
 * Records a batch's or part's outcome once, adding `counts` (status counter → rows) to the job's
 * counters; a whole batch (`wholeBatch`) also counts as one batch done.
 */
export async function recordOutcome(
  redis: BulkRedis,
  keys: ReturnType<typeof bulkKeys>,
  field: string,
  outcomeJson: string,
  counts: Record<string, number>,
  wholeBatch: boolean,
): Promise<void> {
  const pairs = Object.entries(counts).flatMap(([counter, rows]) => [counter, String(rows)]);
  await redis.eval(
    RECORD_OUTCOME,
    3,
    keys.outcomes,
    keys.meta,
    keys.sending,
    field,
    outcomeJson,
    BULK_KEY_TTL_SECONDS,
    wholeBatch ? '1' : '0',
    ...pairs,
  );
}

/** Marks a batch or part as split (refused for one row's sake; its halves are sent) and clears its mark. */
export async function markSplit(redis: BulkRedis, keys: ReturnType<typeof bulkKeys>, field: string): Promise<void> {
  await redis
    .multi()
    .hset(keys.splits, field, '1')
    .expire(keys.splits, BULK_KEY_TTL_SECONDS)
    .hdel(keys.sending, field)
    .exec();
}

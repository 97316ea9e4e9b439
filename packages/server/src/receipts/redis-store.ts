import type { RedisConnection } from '@alisms/otp';
import type { Clock } from 'alisms';
import { systemClock } from 'alisms';
import type { ReceiptEvictionKind } from './memory-store.js';
import {
  type DeliveryStatus,
  type PendingSend,
  phoneDigits,
  RECEIPT_TTL_SECONDS,
  type ReceiptStore,
  waitingStatus,
} from './types.js';

/*
 * apply-status (3 keys)
 * KEYS[1] hash of one BizId's statuses (field: the number's digits)
 * KEYS[2] sorted set of tracked sends still waiting (member: bizId NUL digits, score: sent at, ms)
 * KEYS[3] sorted set of every stored status (member: bizId NUL digits, score: stored at, ms)
 * ARGV    field, status JSON, status, ttl seconds, member, sent-at score, now ms, max entries, ttl ms,
 *         prefix of the per-BizId hash keys
 * returns {stored, evicted, status JSON}: stored is 1 when new, 0 when a final status was already there (a
 * re-push) or a waiting one repeats; evicted counts the oldest statuses dropped to stay under max entries; the
 * JSON is the status as stored: a receipt replacing a tracked send keeps that send's `service`.
 * Atomic so that two concurrent pushes of the same receipt store and announce it once. The index bounds the
 * store: statuses older than the TTL are swept (a BizId's hash lives as long as its newest field) and past
 * max entries the oldest go, so forged floods cost bounded memory. The hashes it drops share KEYS' hash tag,
 * so on a Redis Cluster they are in the same slot.
 */
const APPLY_STATUS = `
local payload = ARGV[2]
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if cur then
  local old = cjson.decode(cur)
  if old['status'] ~= 'waiting' or ARGV[3] == 'waiting' then return {0, 0} end
  if old['service'] then
    local new = cjson.decode(payload)
    if not new['service'] then
      new['service'] = old['service']
      payload = cjson.encode(new)
    end
  end
end
redis.call('HSET', KEYS[1], ARGV[1], payload)
redis.call('EXPIRE', KEYS[1], ARGV[4])
if ARGV[3] == 'waiting' then
  redis.call('ZADD', KEYS[2], ARGV[6], ARGV[5])
else
  redis.call('ZREM', KEYS[2], ARGV[5])
end
redis.call('EXPIRE', KEYS[2], ARGV[4])
local now = tonumber(ARGV[7])
redis.call('ZADD', KEYS[3], now, ARGV[5])
redis.call('EXPIRE', KEYS[3], ARGV[4])
local function drop(member)
  local sep = string.find(member, '\\0', 1, true)
  if sep then
    redis.call('HDEL', ARGV[10] .. string.sub(member, 1, sep - 1), string.sub(member, sep + 1))
  end
  redis.call('ZREM', KEYS[2], member)
end
for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', '(' .. (now - tonumber(ARGV[9])), 'LIMIT', 0, 1000)) do
  drop(member)
  redis.call('ZREM', KEYS[3], member)
end
local evicted = 0
local over = redis.call('ZCARD', KEYS[3]) - tonumber(ARGV[8])
if over > 0 then
  local popped = redis.call('ZPOPMIN', KEYS[3], over)
  for i = 1, #popped, 2 do
    drop(popped[i])
    evicted = evicted + 1
  end
end
return {1, evicted, payload}
`;

/*
 * seen-sequence (1 key)
 * KEYS[1] sorted set of SmsUp sequence ids seen (score: first seen, ms)
 * ARGV    sequence id, now ms, ttl ms, max entries, ttl seconds
 * returns {new, evicted}: new is 0 when the id was seen within the TTL (a re-push).
 * One bounded set instead of a key per id, so a flood of distinct ids cannot grow Redis without limit.
 */
const SEEN_SEQUENCE = `
local now = tonumber(ARGV[2])
local since = now - tonumber(ARGV[3])
local seen = redis.call('ZSCORE', KEYS[1], ARGV[1])
if seen and tonumber(seen) > since then return {0, 0} end
redis.call('ZADD', KEYS[1], now, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. since)
local evicted = 0
local over = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[4])
if over > 0 then
  redis.call('ZPOPMIN', KEYS[1], over)
  evicted = over
end
redis.call('EXPIRE', KEYS[1], ARGV[5])
return {1, evicted}
`;

type WithScripts = RedisConnection & {
  alismsReceiptApply(
    k1: string,
    k2: string,
    k3: string,
    ...argv: (string | number)[]
  ): Promise<[number, number, string?]>;
  alismsReceiptSeen(k1: string, ...argv: (string | number)[]): Promise<[number, number]>;
};

/** Options of {@link createRedisReceiptStore}. */
export interface RedisReceiptStoreOptions {
  /** Key prefix (the service's `redis.prefix`). @default "alisms:" */
  prefix?: string;
  clock?: Clock;
  /** MO replies kept (oldest dropped first). @default 10000 */
  maxInbound?: number;
  /**
   * Delivery statuses kept, and SmsUp `sequence_id`s remembered for deduplication (each). Past it the oldest
   * is evicted, so a flood of pushes costs bounded memory. @default 100000
   */
  maxEntries?: number;
  /** Told about every record dropped to stay under `maxEntries` (the service counts them in `/metrics`). */
  onEvict?: (kind: ReceiptEvictionKind) => void;
}

/**
 * Statuses in Redis, shared by every instance of the service; every key carries a TTL and the number of
 * statuses and SmsUp ids is bounded by `maxEntries`.
 */
export function createRedisReceiptStore(redis: RedisConnection, options: RedisReceiptStoreOptions = {}): ReceiptStore {
  const prefix = options.prefix ?? 'alisms:';
  const clock = options.clock ?? systemClock;
  const maxInbound = options.maxInbound ?? 10_000;
  const maxEntries = options.maxEntries ?? 100_000;
  const onEvict = options.onEvict ?? (() => {});
  const ttl = RECEIPT_TTL_SECONDS;
  const ttlMs = ttl * 1000;
  if (!('alismsReceiptApply' in redis))
    redis.defineCommand('alismsReceiptApply', { numberOfKeys: 3, lua: APPLY_STATUS });
  if (!('alismsReceiptSeen' in redis))
    redis.defineCommand('alismsReceiptSeen', { numberOfKeys: 1, lua: SEEN_SEQUENCE });
  const r = redis as WithScripts;
  // One hash tag for every receipt key: apply-status touches two of them, which a Redis Cluster allows
  // only within one slot.
  const tag = `{${prefix}receipts}`;
  const keys = {
    bizPrefix: `${tag}:biz:`,
    biz: (bizId: string) => `${tag}:biz:${bizId}`,
    pending: `${tag}:pending`,
    index: `${tag}:index`,
    inbound: `${tag}:sms-up`,
    sequences: `${tag}:sms-up:seen`,
  };
  const evicted = (kind: ReceiptEvictionKind, n: number) => {
    for (let i = 0; i < n; i++) onEvict(kind);
  };

  async function apply(status: DeliveryStatus, sentAt: number): Promise<DeliveryStatus | undefined> {
    const digits = phoneDigits(status.phoneNumber);
    const serialized = JSON.stringify(status);
    const [stored, dropped, json] = await r.alismsReceiptApply(
      keys.biz(status.bizId),
      keys.pending,
      keys.index,
      digits,
      serialized,
      status.status,
      ttl,
      `${status.bizId}\u0000${digits}`,
      sentAt,
      clock.now(),
      maxEntries,
      ttlMs,
      keys.bizPrefix,
    );
    evicted('status', dropped);
    if (stored !== 1) return undefined;
    // The script re-encodes the status only to carry a tracked send's service over.
    return json === undefined || json === serialized ? status : (JSON.parse(json) as DeliveryStatus);
  }

  return {
    applyStatus: (status) => apply(status, clock.now()),
    async addInbound(message) {
      if (message.sequenceId !== undefined) {
        const [first, dropped] = await r.alismsReceiptSeen(
          keys.sequences,
          message.sequenceId,
          clock.now(),
          ttlMs,
          maxEntries,
          ttl,
        );
        evicted('sms-up', dropped);
        if (first === 0) return false;
      }
      await redis
        .multi()
        .lpush(keys.inbound, JSON.stringify(message))
        .ltrim(keys.inbound, 0, maxInbound - 1)
        .expire(keys.inbound, ttl)
        .exec();
      return true;
    },
    async byBizId(bizId) {
      const all = await redis.hvals(keys.biz(bizId));
      return all.map((v) => JSON.parse(v) as DeliveryStatus);
    },
    async track(send) {
      await apply(waitingStatus(send, clock.now()), send.sentAt);
    },
    async pending(limit) {
      const flat = await redis.zrange(keys.pending, '0', String(limit - 1), 'WITHSCORES');
      const out: PendingSend[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const [bizId, phoneNumber] = flat[i]!.split('\u0000');
        if (bizId && phoneNumber) out.push({ bizId, phoneNumber, sentAt: Number(flat[i + 1]) });
      }
      return out;
    },
    async ping() {
      await redis.ping();
    },
    async close() {},
  };
}

import type { RedisConnection } from '@alisms/otp';
import type { Clock } from 'alisms';
import { systemClock } from 'alisms';
import { type DeliveryStatus, type PendingSend, phoneDigits, RECEIPT_TTL_SECONDS, type ReceiptStore } from './types.js';

/*
 * apply-status (2 keys)
 * KEYS[1] hash of one BizId's statuses (field: the number's digits)
 * KEYS[2] sorted set of tracked sends still waiting (member: bizId NUL digits, score: sent at, ms)
 * ARGV    field, status JSON, status, ttl seconds, pending member, sent-at score
 * returns 1 when stored, 0 when a final status was already there (a re-push) or a waiting one repeats
 * Atomic so that two concurrent pushes of the same receipt store and announce it once.
 */
const APPLY_STATUS = `
local cur = redis.call('HGET', KEYS[1], ARGV[1])
if cur then
  local s = cjson.decode(cur)['status']
  if s ~= 'waiting' or ARGV[3] == 'waiting' then return 0 end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[4])
if ARGV[3] == 'waiting' then
  redis.call('ZADD', KEYS[2], ARGV[6], ARGV[5])
else
  redis.call('ZREM', KEYS[2], ARGV[5])
end
redis.call('EXPIRE', KEYS[2], ARGV[4])
return 1
`;

type WithApply = RedisConnection & {
  alismsApplyStatus(k1: string, k2: string, ...argv: (string | number)[]): Promise<number>;
};

/** Statuses in Redis, shared by every instance of the service; every key carries a TTL. */
export function createRedisReceiptStore(
  redis: RedisConnection,
  options: { prefix?: string; clock?: Clock; maxInbound?: number } = {},
): ReceiptStore {
  const prefix = options.prefix ?? 'alisms:';
  const clock = options.clock ?? systemClock;
  const maxInbound = options.maxInbound ?? 10_000;
  const ttl = RECEIPT_TTL_SECONDS;
  if (!('alismsApplyStatus' in redis)) redis.defineCommand('alismsApplyStatus', { numberOfKeys: 2, lua: APPLY_STATUS });
  const r = redis as WithApply;
  // One hash tag for every receipt key: apply-status touches two of them, which a Redis Cluster allows
  // only within one slot.
  const tag = `{${prefix}receipts}`;
  const keys = {
    biz: (bizId: string) => `${tag}:biz:${bizId}`,
    pending: `${tag}:pending`,
    inbound: `${tag}:sms-up`,
    sequence: (id: string) => `${tag}:sms-up:seq:${id}`,
  };

  async function apply(status: DeliveryStatus, sentAt: number): Promise<boolean> {
    const digits = phoneDigits(status.phoneNumber);
    const stored = await r.alismsApplyStatus(
      keys.biz(status.bizId),
      keys.pending,
      digits,
      JSON.stringify(status),
      status.status,
      ttl,
      `${status.bizId}\u0000${digits}`,
      sentAt,
    );
    return stored === 1;
  }

  return {
    applyStatus: (status) => apply(status, clock.now()),
    async addInbound(message) {
      if (message.sequenceId !== undefined) {
        const first = await redis.set(keys.sequence(message.sequenceId), '1', 'EX', ttl, 'NX');
        if (first === null) return false;
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
      await apply(
        {
          bizId: send.bizId,
          phoneNumber: send.phoneNumber,
          status: 'waiting',
          source: 'send',
          updatedAt: new Date(clock.now()).toISOString(),
        },
        send.sentAt,
      );
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

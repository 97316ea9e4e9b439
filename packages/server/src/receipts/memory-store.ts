import type { Clock } from 'alisms';
import { systemClock } from 'alisms';
import {
  type DeliveryStatus,
  type InboundSms,
  type PendingSend,
  RECEIPT_TTL_SECONDS,
  type ReceiptStore,
  statusKey,
  waitingStatus,
} from './types.js';

/** Which record an eviction dropped: a delivery status or a remembered SmsUp `sequence_id`. */
export type ReceiptEvictionKind = 'status' | 'sms-up';

/** Options of {@link createMemoryReceiptStore}. */
export interface MemoryReceiptStoreOptions {
  clock?: Clock;
  /** MO replies kept (oldest dropped first). @default 10000 */
  maxInbound?: number;
  /**
   * Delivery statuses kept, and SmsUp `sequence_id`s remembered for deduplication (each). Past it the oldest
   * is evicted, so a flood of pushes costs bounded memory. @default 100000
   */
  maxEntries?: number;
  /** How long a status is kept. @default 30 days (Aliyun's QuerySendDetails looks back as far) */
  ttlMs?: number;
  /** Told about every record dropped to stay under `maxEntries` (the service counts them in `/metrics`). */
  onEvict?: (kind: ReceiptEvictionKind) => void;
}

interface Entry<T> {
  value: T;
  expiresAt: number;
}

/**
 * Deletes expired entries from the front of `map` and then the oldest ones past `max`. Entries are re-inserted
 * on every write, so insertion order is expiry order and a sweep only touches what it removes.
 */
function trim<T>(map: Map<string, Entry<T>>, now: number, max: number, drop: (key: string, evicted: boolean) => void) {
  for (const [key, entry] of map) {
    const expired = entry.expiresAt <= now;
    if (!expired && map.size <= max) return;
    map.delete(key);
    drop(key, !expired);
  }
}

/**
 * Statuses in process memory: for one instance, dev mode and tests. Entries expire like the Redis ones and
 * every map is bounded by `maxEntries`, so forged or flooding pushes cannot grow the process without limit.
 */
export function createMemoryReceiptStore(options: MemoryReceiptStoreOptions = {}): ReceiptStore {
  const clock = options.clock ?? systemClock;
  const maxInbound = options.maxInbound ?? 10_000;
  const maxEntries = options.maxEntries ?? 100_000;
  const ttlMs = options.ttlMs ?? RECEIPT_TTL_SECONDS * 1000;
  const onEvict = options.onEvict ?? (() => {});
  const statuses = new Map<string, Entry<DeliveryStatus>>();
  const byBiz = new Map<string, Set<string>>();
  const pending = new Map<string, PendingSend>();
  const inbound: InboundSms[] = [];
  const seenSequence = new Map<string, Entry<true>>();

  function forget(key: string, evicted: boolean): void {
    const bizId = key.slice(0, key.indexOf('\u0000'));
    const keys = byBiz.get(bizId);
    keys?.delete(key);
    if (keys?.size === 0) byBiz.delete(bizId);
    pending.delete(key);
    if (evicted) onEvict('status');
  }

  function live(key: string): DeliveryStatus | undefined {
    const entry = statuses.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= clock.now()) {
      statuses.delete(key);
      forget(key, false);
      return undefined;
    }
    return entry.value;
  }

  return {
    async applyStatus(incoming) {
      const key = statusKey(incoming.bizId, incoming.phoneNumber);
      const existing = live(key);
      if (existing && existing.status !== 'waiting') return undefined;
      if (existing && incoming.status === 'waiting') return undefined;
      // A receipt replacing a tracked send keeps the service that sent it.
      const status =
        existing?.service !== undefined && incoming.service === undefined
          ? { ...incoming, service: existing.service }
          : incoming;
      const now = clock.now();
      statuses.delete(key);
      statuses.set(key, { value: status, expiresAt: now + ttlMs });
      const keys = byBiz.get(status.bizId) ?? new Set<string>();
      byBiz.set(status.bizId, keys);
      keys.add(key);
      if (status.status !== 'waiting') pending.delete(key);
      trim(statuses, now, maxEntries, forget);
      return status;
    },
    async addInbound(message) {
      if (message.sequenceId !== undefined) {
        const now = clock.now();
        const seen = seenSequence.get(message.sequenceId);
        if (seen && seen.expiresAt > now) return false;
        seenSequence.delete(message.sequenceId);
        seenSequence.set(message.sequenceId, { value: true, expiresAt: now + ttlMs });
        trim(seenSequence, now, maxEntries, (_key, evicted) => evicted && onEvict('sms-up'));
      }
      inbound.push(message);
      if (inbound.length > maxInbound) inbound.shift();
      return true;
    },
    async byBizId(bizId) {
      const out: DeliveryStatus[] = [];
      for (const key of [...(byBiz.get(bizId) ?? [])]) {
        const value = live(key);
        if (value) out.push(value);
      }
      return out;
    },
    async track(send) {
      const key = statusKey(send.bizId, send.phoneNumber);
      const stored = await this.applyStatus(waitingStatus(send, clock.now()));
      // Evicted at once (maxEntries 0, or a flood in between): nothing left to poll for.
      if (stored && statuses.has(key)) pending.set(key, send);
    },
    async pending(limit) {
      return [...pending.values()].sort((a, b) => a.sentAt - b.sentAt).slice(0, limit);
    },
    async ping() {},
    async close() {},
  };
}

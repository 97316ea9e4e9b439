import type { Clock } from 'alisms';
import { systemClock } from 'alisms';
import {
  type DeliveryStatus,
  type InboundSms,
  type PendingSend,
  RECEIPT_TTL_SECONDS,
  type ReceiptStore,
  statusKey,
} from './types.js';

/** Statuses in process memory: for one instance, dev mode and tests. Entries expire like the Redis ones. */
export function createMemoryReceiptStore(options: { clock?: Clock; maxInbound?: number } = {}): ReceiptStore {
  const clock = options.clock ?? systemClock;
  const maxInbound = options.maxInbound ?? 10_000;
  const statuses = new Map<string, { value: DeliveryStatus; expiresAt: number }>();
  const byBiz = new Map<string, Set<string>>();
  const pending = new Map<string, PendingSend>();
  const inbound: InboundSms[] = [];
  const seenSequence = new Set<string>();
  const ttlMs = RECEIPT_TTL_SECONDS * 1000;

  function live(key: string): DeliveryStatus | undefined {
    const entry = statuses.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= clock.now()) {
      statuses.delete(key);
      return undefined;
    }
    return entry.value;
  }

  return {
    async applyStatus(status) {
      const key = statusKey(status.bizId, status.phoneNumber);
      const existing = live(key);
      if (existing && existing.status !== 'waiting') return false;
      if (existing && status.status === 'waiting') return false;
      statuses.set(key, { value: status, expiresAt: clock.now() + ttlMs });
      const keys = byBiz.get(status.bizId) ?? new Set<string>();
      byBiz.set(status.bizId, keys);
      keys.add(key);
      if (status.status !== 'waiting') pending.delete(key);
      return true;
    },
    async addInbound(message) {
      if (message.sequenceId !== undefined) {
        if (seenSequence.has(message.sequenceId)) return false;
        seenSequence.add(message.sequenceId);
      }
      inbound.push(message);
      if (inbound.length > maxInbound) inbound.shift();
      return true;
    },
    async byBizId(bizId) {
      const out: DeliveryStatus[] = [];
      for (const key of byBiz.get(bizId) ?? []) {
        const value = live(key);
        if (value) out.push(value);
      }
      return out;
    },
    async track(send) {
      const key = statusKey(send.bizId, send.phoneNumber);
      const isNew = await this.applyStatus({
        bizId: send.bizId,
        phoneNumber: send.phoneNumber,
        status: 'waiting',
        source: 'send',
        updatedAt: new Date(clock.now()).toISOString(),
      });
      if (isNew) pending.set(key, send);
    },
    async pending(limit) {
      return [...pending.values()].sort((a, b) => a.sentAt - b.sentAt).slice(0, limit);
    },
    async ping() {},
    async close() {},
  };
}

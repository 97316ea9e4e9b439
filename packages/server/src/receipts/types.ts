/** One recipient's delivery status for one send (`biz_id` + phone number). */
export interface DeliveryStatus {
  bizId: string;
  /** The number as Aliyun reported it (or as it was sent, for a tracked send). */
  phoneNumber: string;
  /** `waiting` until a receipt arrives (tracked sends only), then `delivered` or `failed`. */
  status: 'waiting' | 'delivered' | 'failed';
  /** `DELIVERED` or the carrier code, e.g. `MOBILE_NOT_ON_SERVICE`. */
  errCode?: string;
  errMsg?: string;
  /** As Aliyun wrote them: `yyyy-MM-dd HH:mm:ss`, UTC+8. */
  sendTime?: string;
  reportTime?: string;
  /** Billed segments. */
  smsSize?: number;
  outId?: string;
  /** Where the status came from. */
  source: 'push' | 'poll' | 'send';
  /** ISO 8601: when this service stored the status. */
  updatedAt: string;
}

/** An MO (upstream) reply, from the SmsUp push. */
export interface InboundSms {
  phoneNumber: string;
  content: string;
  sendTime?: string;
  destCode?: string;
  sequenceId?: string;
  signName?: string;
  receivedAt: string;
}

/** Emitted for every new status and every new MO reply (duplicates are not re-emitted). */
export type ReceiptEvent = { type: 'report'; status: DeliveryStatus } | { type: 'up'; message: InboundSms };

/** A send the poller should ask QuerySendDetails about until a final status is known. */
export interface PendingSend {
  bizId: string;
  phoneNumber: string;
  /** Epoch ms of the send (QuerySendDetails needs the day). */
  sentAt: number;
}

/**
 * Where statuses live (memory or Redis). `applyStatus` is idempotent per `bizId` + phone number:
 * a final status (`delivered`/`failed`) is never overwritten, so Aliyun's re-pushes change nothing.
 */
export interface ReceiptStore {
  /** Stores `status`; returns `true` when it was new (not a duplicate of a final status). */
  applyStatus(status: DeliveryStatus): Promise<boolean>;
  /** Stores an MO reply; returns `true` unless the same `sequenceId` was seen already. */
  addInbound(message: InboundSms): Promise<boolean>;
  /** Every recipient's status for one BizId, in no particular order. */
  byBizId(bizId: string): Promise<DeliveryStatus[]>;
  /** Remembers a send as `waiting` so the poller can ask about it. */
  track(send: PendingSend): Promise<void>;
  /** Tracked sends still waiting, oldest first. */
  pending(limit: number): Promise<PendingSend[]>;
  /** Health: rejects when the backing store is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** How long statuses are kept (Aliyun's own QuerySendDetails looks back 30 days). */
export const RECEIPT_TTL_SECONDS = 30 * 24 * 3600;

export function statusKey(bizId: string, phoneNumber: string): string {
  return `${bizId}\u0000${phoneDigits(phoneNumber)}`;
}

/** Receipts may write the number with or without `+86`/`0086`; compare on the national digits. */
export function phoneDigits(phoneNumber: string): string {
  const digits = phoneNumber.replace(/\D/g, '');
  if (digits.length === 15 && digits.startsWith('0086')) return digits.slice(4);
  if (digits.length === 13 && digits.startsWith('86')) return digits.slice(2);
  return digits;
}

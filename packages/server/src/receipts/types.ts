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
  /**
   * The named service (per-tenant `services`) whose code this message carried: set when the send is
   * tracked, and kept when a receipt replaces the tracked status. Absent for the top-level service and
   * for messages this deployment did not send. Never shown in `/v1/messages` or webhook payloads.
   */
  service?: string;
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

/**
 * Emitted for every new status and every new MO reply (duplicates are not re-emitted). A status of a
 * message sent for a named service carries `service`: its delivery webhooks go to that service only.
 */
export type ReceiptEvent =
  | { type: 'report'; status: DeliveryStatus; service?: string }
  | { type: 'up'; message: InboundSms };

/** A stored status as the API and its hooks show it: without the service that owns it. */
export function publicStatus(stored: DeliveryStatus): DeliveryStatus {
  if (stored.service === undefined) return stored;
  const { service: _owner, ...status } = stored;
  return status;
}

/** The event for a stored status: the owning service moves from the status to the event. */
export function reportEvent(stored: DeliveryStatus): ReceiptEvent {
  const status = publicStatus(stored);
  return stored.service === undefined
    ? { type: 'report', status }
    : { type: 'report', status, service: stored.service };
}

/** The service a BizId's statuses belong to: the named service that sent it, else the top-level `default`. */
export function ownerOf(statuses: readonly DeliveryStatus[]): string {
  return statuses.find((s) => s.service !== undefined)?.service ?? 'default';
}

/** A send the poller should ask QuerySendDetails about until a final status is known. */
export interface PendingSend {
  bizId: string;
  phoneNumber: string;
  /** Epoch ms of the send (QuerySendDetails needs the day). */
  sentAt: number;
  /** The named service that sent it (absent for the top-level service). */
  service?: string;
}

/** The `waiting` status that stands for a tracked send until its receipt arrives. */
export function waitingStatus(send: PendingSend, now: number): DeliveryStatus {
  return {
    bizId: send.bizId,
    phoneNumber: send.phoneNumber,
    status: 'waiting',
    source: 'send',
    updatedAt: new Date(now).toISOString(),
    ...(send.service === undefined ? {} : { service: send.service }),
  };
}

/**
 * Where statuses live (memory or Redis). `applyStatus` is idempotent per `bizId` + phone number:
 * a final status (`delivered`/`failed`) is never overwritten, so Aliyun's re-pushes change nothing.
 */
export interface ReceiptStore {
  /**
   * Stores `status`; resolves with the status as stored when it was new (with the `service` of the tracked
   * send it replaces), `undefined` when it duplicates a final status.
   */
  applyStatus(status: DeliveryStatus): Promise<DeliveryStatus | undefined>;
  /** Stores an MO reply; returns `true` unless the same `sequenceId` was seen already. */
  addInbound(message: InboundSms): Promise<boolean>;
  /** Every recipient's status for one BizId, in no particular order. */
  byBizId(bizId: string): Promise<DeliveryStatus[]>;
  /** Remembers a send as `waiting` (with the service that sent it) so the poller can ask about it. */
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

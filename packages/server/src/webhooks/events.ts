import type { OtpAlert, OtpLifecycleEvent } from '@alisms/otp';
import { maskAddress } from 'alisms';
import type { ReceiptEvent } from '../receipts/types.js';
import type { WebhookEvent } from './types.js';

// Turns what the library, the alert hook and the receipt store report into webhook bodies. Destinations are
// masked here, once: nothing below this point sees a full number or address, and no event has a code.

const FAILURE_REASONS = { mismatch: 'wrong_code', missing: 'no_code' } as const;

/** The webhook for a lifecycle event of `@alisms/otp` (`verification.*`). */
export function verificationWebhook(event: OtpLifecycleEvent, now: number): WebhookEvent {
  const timestamp = new Date(now).toISOString();
  const base = { to: maskAddress(event.to), channel: event.channel, purpose: event.purpose };
  if (event.type === 'sent')
    return {
      type: 'verification.sent',
      timestamp,
      data: { id: event.sendId, ...base, expiresAt: new Date(event.expiresAt).toISOString() },
    };
  switch (event.outcome) {
    case 'approved':
      return { type: 'verification.approved', timestamp, data: base };
    case 'expired':
      return { type: 'verification.expired', timestamp, data: base };
    case 'locked':
      return {
        type: 'verification.locked',
        timestamp,
        data: { ...base, lockedUntil: new Date(event.lockedUntil ?? now).toISOString() },
      };
    default:
      return { type: 'verification.failed', timestamp, data: { ...base, reason: FAILURE_REASONS[event.outcome] } };
  }
}

/** The webhook for an operational alert (`fuse.tripped`, `prefix.capped`). */
export function alertWebhook(alert: OtpAlert, now: number): WebhookEvent {
  return {
    type: alert.type,
    timestamp: new Date(now).toISOString(),
    data: {
      limit: alert.limit,
      count: alert.count,
      resetAt: new Date(alert.resetAt).toISOString(),
      // E.164 without its last four digits: a range, not a number.
      ...(alert.type === 'prefix.capped' ? { prefix: alert.prefix } : {}),
    },
  };
}

/** The webhook for a new delivery status (`delivery.updated`); MO replies raise none (their text is the user's). */
export function deliveryWebhook(event: ReceiptEvent, now: number): WebhookEvent | undefined {
  if (event.type !== 'report') return undefined;
  const s = event.status;
  return {
    type: 'delivery.updated',
    timestamp: new Date(now).toISOString(),
    data: {
      bizId: s.bizId,
      to: maskAddress(s.phoneNumber),
      status: s.status,
      errCode: s.errCode ?? null,
      outId: s.outId ?? null,
      source: s.source,
      reportTime: s.reportTime ?? null,
    },
  };
}

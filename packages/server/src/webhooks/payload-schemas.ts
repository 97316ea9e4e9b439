import { z } from 'zod';
import type { WebhookEventType } from './types.js';

// The bodies of the signed webhooks, as the OpenAPI document's `webhooks` describes them; the end-to-end
// test checks every received body against these, so the document cannot drift from what is sent.

const masked = z.string().describe('The destination, masked: +86138****8000 or a***@example.com');
const verification = {
  to: masked,
  channel: z.enum(['sms', 'email']),
  purpose: z.string(),
};
const alert = {
  limit: z.string().describe('The limit that filled, e.g. global-daily'),
  count: z.number().int(),
  resetAt: z.iso.datetime(),
};

const DATA: Record<WebhookEventType, z.ZodObject> = {
  'verification.sent': z.strictObject({
    id: z.string().describe('The send id (the OutId given to Aliyun)'),
    ...verification,
    expiresAt: z.iso.datetime(),
  }),
  'verification.approved': z.strictObject(verification),
  'verification.failed': z.strictObject({
    ...verification,
    reason: z
      .enum(['wrong_code', 'no_code'])
      .describe('wrong_code: a code was waiting and this was not it; no_code: none waiting (used, superseded, dead)'),
  }),
  'verification.expired': z.strictObject(verification),
  'verification.locked': z.strictObject({ ...verification, lockedUntil: z.iso.datetime() }),
  'fuse.tripped': z.strictObject(alert),
  'prefix.capped': z.strictObject({
    ...alert,
    prefix: z.string().describe('The number range: E.164 without its last 4 digits'),
  }),
  'delivery.updated': z.strictObject({
    bizId: z.string(),
    to: masked,
    status: z.enum(['waiting', 'delivered', 'failed']),
    errCode: z.string().nullable(),
    outId: z.string().nullable(),
    source: z.enum(['push', 'poll', 'send']),
    reportTime: z.string().nullable(),
  }),
};

/** The schema of a whole webhook body (`type`, `timestamp`, `data`) for `type`. */
export function webhookPayloadSchema(type: WebhookEventType): z.ZodObject {
  return z.strictObject({ type: z.literal(type), timestamp: z.iso.datetime(), data: DATA[type] });
}
